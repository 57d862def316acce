using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Notes;

/// <summary>
/// A record of one module as the mail file holds it, in the product's field names: its values, whether it is
/// private or confidential (never synced), the CRM id NotesSync wrote into it, and the exact <c>Last-Modified</c>
/// text to send back with a write so that a save made in Notes meanwhile is caught (412) instead of overwritten.
/// </summary>
public sealed record NotesRecord(
    string Unid, DateTimeOffset Modified, string? LastModified, bool IsPrivate, string? CrmId,
    IReadOnlyDictionary<string, string?> Values)
{
    /// <summary>
    /// A meeting someone else organised, which the user was invited to: Domino refuses personal changes to it
    /// (das.md §2.1, store error 6), so the sync never writes it; it is mirrored to the CRM only.
    /// </summary>
    public bool OrganisedByOther { get; init; }
}

/// <summary>
/// One module's records in one user's mail file (the DAS adapter knows its view, its form and its items). Every call
/// fails with the code of api.md when Domino cannot be used, marked <see cref="Error.AffectsWholeSide"/>.
/// </summary>
public interface INotesRecords
{
    SyncModule Module { get; }

    /// <summary>Domino's own time, to the second, from its latest answer (see <see cref="INotesMailbox.ServerTime"/>).</summary>
    DateTimeOffset? ServerTime { get; }

    /// <summary>Every record of the module that exists now (DAS reports no deletions: absence from this list is one).</summary>
    Task<Result<IReadOnlyList<string>>> ListAsync(CancellationToken ct);

    /// <summary>Documents of the whole mail file modified at or after <paramref name="since"/>, of any module.</summary>
    Task<Result<IReadOnlyList<NotesChange>>> ChangedSinceAsync(DateTimeOffset since, CancellationToken ct);

    /// <summary>The record, or null when it does not exist or is not one of this module.</summary>
    Task<Result<NotesRecord?>> GetAsync(string unid, CancellationToken ct);

    /// <summary>Creates a record with <paramref name="values"/> and the CRM id it is linked to; answers its UNID.</summary>
    Task<Result<string>> CreateAsync(IReadOnlyDictionary<string, string?> values, string crmId, CancellationToken ct);

    /// <summary>Changes only the fields given, if the record was not modified since <paramref name="lastModified"/>.</summary>
    Task<Result<NotesWriteOutcome>> UpdateAsync(
        string unid, IReadOnlyDictionary<string, string?> values, string? lastModified, CancellationToken ct);

    Task<Result<NotesWriteOutcome>> DeleteAsync(string unid, string? lastModified, CancellationToken ct);
}

/// <summary>
/// Calendar events: the calendar service lists them by a window of start times (das.md §2), so the records of a run
/// are the ones listed in the window of its range.
/// </summary>
public interface INotesEventRecords : INotesRecords
{
    /// <summary>The events starting in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    INotesRecords Within(DateTimeOffset from, DateTimeOffset to);

    /// <summary>
    /// Schedules a meeting the user organises (product.md §5): the entry with its attendees, and Domino sends them the
    /// invitations (workflow on: implicit scheduling, das.md §2). Answers the entry's key, as <see cref="INotesRecords"/>
    /// names records.
    /// </summary>
    Task<Result<string>> ScheduleAsync(IReadOnlyDictionary<string, string?> values, CancellationToken ct);

    /// <summary>
    /// The key of an entry of the user's own titled <paramref name="title"/> that starts at <paramref name="start"/>, or
    /// null: a meeting whose scheduling answer was lost is found, not scheduled twice.
    /// </summary>
    Task<Result<string?>> FindOwnAsync(string title, DateTimeOffset start, CancellationToken ct);
}
