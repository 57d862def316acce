using NotesSync.Application.Notes;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Tests.Sync.Engine;

/// <summary>A mail file whose contacts and to-dos are the fakes given; the engine reaches Notes only through them.</summary>
public sealed class FakeNotesMailbox(FakeNotesRecords contacts, FakeNotesRecords tasks) : INotesMailbox
{
    public INotesRecords RecordsOf(SyncModule module) => module switch
    {
        SyncModule.Contacts => contacts,
        SyncModule.Tasks => tasks,
        _ => throw new NotSupportedException($"The engine tests have no {module}."),
    };

    public DateTimeOffset? ServerTime => throw Unused();

    public Task<Result<IReadOnlyList<NotesViewEntry>>> ReadViewAsync(string view, CancellationToken ct) => throw Unused();
    public Task<Result<IReadOnlyList<NotesChange>>> ChangedSinceAsync(DateTimeOffset since, CancellationToken ct) => throw Unused();
    public Task<Result<NotesDocument?>> GetDocumentAsync(string unid, CancellationToken ct) => throw Unused();

    public Task<Result<string>> CreateDocumentAsync(string form, IReadOnlyDictionary<string, NotesItem> items, CancellationToken ct) =>
        throw Unused();

    public Task<Result<NotesWriteOutcome>> UpdateDocumentAsync(
        string unid, IReadOnlyDictionary<string, NotesItem> items, string? lastModified, string form, CancellationToken ct) => throw Unused();

    public Task<Result<NotesWriteOutcome>> DeleteDocumentAsync(string unid, string? lastModified, CancellationToken ct) => throw Unused();
    public Task<Result<IReadOnlyList<NotesEvent>>> ListEventsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) => throw Unused();
    public Task<Result<NotesEvent?>> GetEventAsync(string id, string? recurrenceId, CancellationToken ct) => throw Unused();
    public Task<Result<string>> CreateEventAsync(NotesEvent draft, bool sendInvitations, CancellationToken ct) => throw Unused();
    public Task<Result<NotesWriteOutcome>> UpdateEventAsync(NotesEvent changed, bool notifyAttendees, CancellationToken ct) => throw Unused();

    public Task<Result<NotesWriteOutcome>> DeleteEventAsync(string id, string? recurrenceId, bool notifyAttendees, CancellationToken ct) =>
        throw Unused();

    private static NotSupportedException Unused() => new("The sync engine reaches a mail file only through RecordsOf.");
}
