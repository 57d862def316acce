using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Crm;

/// <summary>A participant of a CRM event: a contact, lead or user by id, or a plain e-mail address.</summary>
public sealed record CrmParticipant(string Type, string? Id, string? Email, string? Name);

/// <summary>A record the CRM reports deleted (recycle bin or permanently).</summary>
public sealed record CrmDeletion(string Id, DateTimeOffset DeletedTime);

/// <summary>
/// A CRM record of one module as the sync sees it: its values in the product's field names (first name, e-mail,
/// due date…), whether it is private, and the Notes UNID it carries (its cross-reference, whatever the org named it).
/// <see cref="OwnerId"/>: the CRM user who owns it (Zoho's <c>Owner.id</c>); a user syncs only the records they own,
/// and a record whose owner the CRM did not say is nobody's to sync.
/// </summary>
public sealed record CrmRecord(
    string Id, DateTimeOffset ModifiedTime, IReadOnlyDictionary<string, string?> Values, bool IsPrivate, string? NotesUnid)
{
    public string? OwnerId { get; init; }
}

/// <summary>What to look CRM records up by: Notes UNIDs, and the values of one field (a product field name).</summary>
public sealed record CrmLookup(IReadOnlyList<string> NotesUnids, string? Field = null, IReadOnlyList<string>? Values = null)
{
    public IReadOnlyList<string> ValuesOfField => Field is null ? [] : Values ?? [];
}

/// <summary>
/// A record to write, in the product's field names: no <see cref="Id"/> to create, an id to update.
/// <see cref="NotesUnid"/> is written with it, so that a write whose answer is lost can be found and adopted.
/// </summary>
public sealed record CrmWrite(string? Id, IReadOnlyDictionary<string, string?> Values, string? NotesUnid);

/// <summary>
/// What the CRM answered for one record of a batch, in the order sent: its id and time on success, else the code,
/// message and field of the refusal (Zoho's INVALID_DATA, DUPLICATE_DATA, …, or the adapter's own, such as a
/// company whose Account could not be created). <see cref="Shortened"/>: the fields the CRM's limits made the adapter
/// cut (the record is written all the same).
/// </summary>
public sealed record CrmWriteResult(
    int Index, string? Id, DateTimeOffset? ModifiedTime, string? ErrorCode = null, string? Message = null, string? Field = null)
{
    public bool Succeeded => ErrorCode is null;
    public IReadOnlyList<string> Shortened { get; init; } = [];
}

/// <summary>
/// What a read of changed records learnt beside the records: the CRM's own time on the read's first answer (its HTTP
/// Date, whole seconds, stamped once that answer was ready), null when the answer carried none.
/// </summary>
public sealed record CrmChangesRead(DateTimeOffset? FirstAnswerDate);

/// <summary>
/// One organisation's CRM as the sync needs it: each module's records in the product's field names (the Zoho adapter
/// knows the api names, the picklists and the Account lookup). Each call shares the organisation's concurrency limit;
/// 429s and expired access tokens are absorbed; a failure of the CRM as a whole comes back as an error marked
/// <see cref="Error.AffectsWholeSide"/> (zoho-not-connected, zoho-credits-exhausted, zoho-unavailable).
/// </summary>
public interface ICrmRecords
{
    /// <summary>Readies the organisation's CRM for a sync: the cross-reference field of each module, created where missing.</summary>
    Task<Result> PrepareAsync(string orgId, CancellationToken ct);

    /// <summary>
    /// Records of <paramref name="module"/> modified after <paramref name="since"/> (all when null), page by page
    /// (<paramref name="onPage"/> sees each page once, in order).
    /// </summary>
    Task<Result<CrmChangesRead>> ReadChangedAsync(
        string orgId, SyncModule module, DateTimeOffset? since,
        Func<IReadOnlyList<CrmRecord>, CancellationToken, Task> onPage, CancellationToken ct);

    Task<Result<IReadOnlyList<CrmDeletion>>> ReadDeletedAsync(string orgId, SyncModule module, DateTimeOffset? since, CancellationToken ct);

    /// <summary>
    /// Records, whoever owns them, that carry one of <see cref="CrmLookup.NotesUnids"/> as their cross-reference (what a
    /// lost answer created, or a record that moved to a colleague) or whose <see cref="CrmLookup.Field"/> holds one of
    /// its values (compared as the CRM compares them: e-mail addresses without case).
    /// </summary>
    Task<Result<IReadOnlyList<CrmRecord>>> FindAsync(string orgId, SyncModule module, CrmLookup lookup, CancellationToken ct);

    /// <summary>
    /// Readies, once for all the writes of a run, what their values need from the CRM itself (contacts' companies are
    /// Account lookups: found or created in bulk), so that each batch finds them ready. A failure is the CRM's as a whole.
    /// </summary>
    Task<Result> PrepareWritesAsync(
        string orgId, SyncModule module, IEnumerable<IReadOnlyDictionary<string, string?>> values, CancellationToken ct);

    /// <summary>
    /// Creates records owned by <paramref name="ownerId"/> (the CRM user whose sync creates them, whichever grant the
    /// calls run on), at most 100 a call; one result per record, in order. Where the CRM can, a record is upserted on
    /// its Notes UNID, so that a batch replayed after a lost answer updates instead of duplicating: the caller makes
    /// sure first that no colleague's record carries that UNID, since an upsert would take it over.
    /// </summary>
    Task<Result<IReadOnlyList<CrmWriteResult>>> CreateAsync(
        string orgId, SyncModule module, string ownerId, IReadOnlyList<CrmWrite> records, CancellationToken ct);

    /// <summary>Updates the values given (and the cross-reference), at most 100 a call; one result per record, in order.</summary>
    /// <param name="userId">The CRM user whose records these are (an event's attendees are matched among their contacts).</param>
    Task<Result<IReadOnlyList<CrmWriteResult>>> UpdateAsync(
        string orgId, SyncModule module, string userId, IReadOnlyList<CrmWrite> records, CancellationToken ct);

    Task<Result<IReadOnlyList<CrmWriteResult>>> DeleteAsync(string orgId, SyncModule module, IReadOnlyList<string> ids, CancellationToken ct);
}
