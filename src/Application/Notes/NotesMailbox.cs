using NotesSync.Domain.Common;

namespace NotesSync.Application.Notes;

/// <summary>The kind of a Notes item's values, as far as NotesSync reads and writes them.</summary>
public enum NotesItemKind
{
    Text,
    Number,

    /// <summary>An instant; written typed, so Domino stores a date item rather than text (das.md "Checked" 10).</summary>
    DateTime,

    /// <summary>A calendar date without a time ("yyyy-MM-dd").</summary>
    Date,
}

/// <summary>
/// One item of a Notes document: one or several values (Notes items are lists; DAS sends a one-value list as a scalar).
/// Date-time values are ISO 8601 in UTC ("2026-05-02T09:00:00Z"), dates "yyyy-MM-dd", numbers invariant.
/// </summary>
public sealed record NotesItem(NotesItemKind Kind, IReadOnlyList<string> Values)
{
    public string? First => Values.Count > 0 ? Values[0] : null;

    public static NotesItem Text(params string[] values) => new(NotesItemKind.Text, values);
    public static NotesItem DateTime(DateTimeOffset value) => new(NotesItemKind.DateTime, [value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)]);
    public static NotesItem Date(DateOnly value) => new(NotesItemKind.Date, [value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)]);
}

/// <summary>
/// A document of the mail file (a contact, a to-do): its items and the exact <c>Last-Modified</c> text to send back
/// with a write, so that a change made in Notes meanwhile is caught (412) instead of overwritten.
/// </summary>
public sealed record NotesDocument(
    string Unid, string? Form, DateTimeOffset Modified, string? LastModified, bool IsPrivate,
    IReadOnlyDictionary<string, NotesItem> Items);

/// <summary>One row of a view: enough to know the document exists and what it is.</summary>
public sealed record NotesViewEntry(string Unid, string? Form);

/// <summary>A document modified at or after a point in time (deletions are never reported by DAS).</summary>
public sealed record NotesChange(string Unid, DateTimeOffset Modified);

/// <summary>What became of a conditional write.</summary>
public enum NotesWriteOutcome
{
    Done,

    /// <summary>Someone changed the document in Notes since it was read (412): re-read it and decide again.</summary>
    ChangedMeanwhile,

    /// <summary>The document is not there any more (404).</summary>
    Gone,
}

/// <summary>A time of a calendar entry: an instant, or a date for an all-day entry.</summary>
public sealed record NotesEventTime(DateTimeOffset Instant, bool AllDay)
{
    public static NotesEventTime At(DateTimeOffset instant) => new(instant.ToUniversalTime(), false);
    public static NotesEventTime OnDay(DateOnly date) => new(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), true);
}

public sealed record NotesAttendee(string Email, string? Name, string? Role = null, string? Status = null);

/// <summary>
/// A calendar entry. <see cref="RecurrenceId"/> is set for one instance of a series (instances share the id).
/// <see cref="Sequence"/> and <see cref="LastModified"/> are what the server reported, null on a draft to create.
/// </summary>
public sealed record NotesEvent(
    string? Id, string? RecurrenceId, string Summary, string? Location, string? Description,
    NotesEventTime Start, NotesEventTime End, bool IsPrivate, IReadOnlyList<NotesAttendee> Attendees,
    int? ReminderMinutesBefore = null, int? Sequence = null, DateTimeOffset? LastModified = null, bool IsInvitation = false,
    NotesOrganizer? Organizer = null, string? RecurrenceRule = null);

/// <summary>Who organised a meeting, as the full event names them (a hierarchical Notes name, often, and an address).</summary>
public sealed record NotesOrganizer(string? Name, string? Email);

/// <summary>One user's mail file, over DAS. Every call fails with the code of api.md when Domino cannot be used.</summary>
public interface INotesMailbox
{
    /// <summary>
    /// Domino's own time, to the second, as its latest answer on this mailbox gave it (HTTP <c>Date</c>): a document
    /// modified before it was saved before anything read from now on. Null until Domino answered with a Date.
    /// </summary>
    DateTimeOffset? ServerTime { get; }

    /// <summary>
    /// Every document of a view, page after page at the largest page DAS allows; category rows are skipped and a
    /// document listed twice comes once.
    /// </summary>
    Task<Result<IReadOnlyList<NotesViewEntry>>> ReadViewAsync(string view, CancellationToken ct);

    /// <summary>Documents of the whole mail file (calendar entries included) modified at or after <paramref name="since"/>.</summary>
    Task<Result<IReadOnlyList<NotesChange>>> ChangedSinceAsync(DateTimeOffset since, CancellationToken ct);

    /// <summary>The document, or null when it does not exist (or the user cannot read it: DAS cannot tell).</summary>
    Task<Result<NotesDocument?>> GetDocumentAsync(string unid, CancellationToken ct);

    /// <summary>Creates a document of <paramref name="form"/>; answers its UNID.</summary>
    Task<Result<string>> CreateDocumentAsync(string form, IReadOnlyDictionary<string, NotesItem> items, CancellationToken ct);

    /// <summary>
    /// Changes only the items given (PATCH), if the document was not modified since <paramref name="lastModified"/>.
    /// <paramref name="form"/> is the document's form (<see cref="NotesDocument.Form"/>), which lets Domino compute
    /// what the form derives.
    /// </summary>
    Task<Result<NotesWriteOutcome>> UpdateDocumentAsync(
        string unid, IReadOnlyDictionary<string, NotesItem> items, string? lastModified, string form, CancellationToken ct);

    Task<Result<NotesWriteOutcome>> DeleteDocumentAsync(string unid, string? lastModified, CancellationToken ct);

    /// <summary>The records of one sync module, in the product's field names.</summary>
    INotesRecords RecordsOf(Domain.Profiles.SyncModule module);

    /// <summary>Calendar entries starting in [from, to), as the summary list gives them (no description, no attendees).</summary>
    Task<Result<IReadOnlyList<NotesEvent>>> ListEventsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>The whole entry, or null when it does not exist.</summary>
    Task<Result<NotesEvent?>> GetEventAsync(string id, string? recurrenceId, CancellationToken ct);

    /// <summary>Creates the entry; with attendees and <paramref name="sendInvitations"/>, Domino invites them. Answers the id.</summary>
    Task<Result<string>> CreateEventAsync(NotesEvent draft, bool sendInvitations, CancellationToken ct);

    /// <summary>Replaces the entry (calendar PUT replaces); a stale sequence answers <see cref="NotesWriteOutcome.ChangedMeanwhile"/>.</summary>
    Task<Result<NotesWriteOutcome>> UpdateEventAsync(NotesEvent changed, bool notifyAttendees, CancellationToken ct);

    /// <summary>Deletes the entry, or only one instance when <paramref name="recurrenceId"/> is given.</summary>
    Task<Result<NotesWriteOutcome>> DeleteEventAsync(string id, string? recurrenceId, bool notifyAttendees, CancellationToken ct);
}

/// <summary>Opens a user's mail file with their credentials.</summary>
public interface INotesMailboxes
{
    INotesMailbox Open(NotesCredentials credentials, string mailFile);
}
