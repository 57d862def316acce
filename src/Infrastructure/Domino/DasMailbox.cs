using Microsoft.Extensions.Options;
using NotesSync.Application.Notes;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;
using NotesSync.Infrastructure.Domino.Modules;

namespace NotesSync.Infrastructure.Domino;

/// <summary>
/// Opens a user's mail file over DAS with their credentials; nothing is sent until the first call. Each mailbox
/// opened sends at most <see cref="DominoOptions.MaxConcurrency"/> calls at once (one without options).
/// </summary>
internal sealed class DasMailboxes(DasClient das, IOptions<DominoOptions>? options = null, TimeProvider? clock = null) : INotesMailboxes
{
    public INotesMailbox Open(NotesCredentials credentials, string mailFile)
    {
        var session = new DasSession(das, credentials, mailFile, options?.Value.MaxConcurrency ?? 1);
        return new DasMailbox(session, new DasDocuments(session), new DasCalendar(session), clock ?? TimeProvider.System);
    }
}

/// <summary>
/// One user's mail file: contacts and to-dos through the data service, events through the calendar service. It
/// translates, nothing more: what to do with a change, a conflict or a private entry is the sync's decision.
/// </summary>
internal sealed class DasMailbox(DasSession session, DasDocuments documents, DasCalendar calendar, TimeProvider clock) : INotesMailbox
{
    /// <summary>Events come from the calendar service, by default over the calendar's next five years (a run narrows it to its range).</summary>
    public INotesRecords RecordsOf(SyncModule module) => module == SyncModule.Events
        ? new DasEventRecords(this, calendar, session.UserName, clock.GetUtcNow().AddDays(-1), clock.GetUtcNow().AddYears(5))
        : new DasModuleRecords(this, NotesModuleItems.For(module, clock));

    public DateTimeOffset? ServerTime => session.ServerTime;

    public Task<Result<IReadOnlyList<NotesViewEntry>>> ReadViewAsync(string view, CancellationToken ct) =>
        documents.ReadViewAsync(view, ct);

    public Task<Result<IReadOnlyList<NotesChange>>> ChangedSinceAsync(DateTimeOffset since, CancellationToken ct) =>
        documents.ChangedSinceAsync(since, ct);

    public Task<Result<NotesDocument?>> GetDocumentAsync(string unid, CancellationToken ct) =>
        documents.GetDocumentAsync(unid, ct);

    public Task<Result<string>> CreateDocumentAsync(string form, IReadOnlyDictionary<string, NotesItem> items, CancellationToken ct) =>
        documents.CreateDocumentAsync(form, items, ct);

    public Task<Result<NotesWriteOutcome>> UpdateDocumentAsync(
        string unid, IReadOnlyDictionary<string, NotesItem> items, string? lastModified, string form, CancellationToken ct) =>
        documents.UpdateDocumentAsync(unid, items, lastModified, form, ct);

    public Task<Result<NotesWriteOutcome>> DeleteDocumentAsync(string unid, string? lastModified, CancellationToken ct) =>
        documents.DeleteDocumentAsync(unid, lastModified, ct);

    public Task<Result<IReadOnlyList<NotesEvent>>> ListEventsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        calendar.ListEventsAsync(from, to, ct);

    public Task<Result<NotesEvent?>> GetEventAsync(string id, string? recurrenceId, CancellationToken ct) =>
        calendar.GetEventAsync(id, recurrenceId, ct);

    public Task<Result<string>> CreateEventAsync(NotesEvent draft, bool sendInvitations, CancellationToken ct) =>
        calendar.CreateEventAsync(draft, sendInvitations, ct);

    public Task<Result<NotesWriteOutcome>> UpdateEventAsync(NotesEvent changed, bool notifyAttendees, CancellationToken ct) =>
        calendar.UpdateEventAsync(changed, notifyAttendees, ct);

    public Task<Result<NotesWriteOutcome>> DeleteEventAsync(string id, string? recurrenceId, bool notifyAttendees, CancellationToken ct) =>
        calendar.DeleteEventAsync(id, recurrenceId, notifyAttendees, ct);
}
