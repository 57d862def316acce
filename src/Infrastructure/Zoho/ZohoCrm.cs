using NotesSync.Application.Crm;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>
/// A CRM record as NotesSync reads it (<see cref="NotesUnid"/>: its cross-reference field, whatever its API name): field API names to values (text as is, dates ISO 8601, lookups by name,
/// booleans "true"/"false"), its tags (a tag marks a record private, zoho.md §2), and an event's participants.
/// </summary>
public sealed record ZohoRecord(
    string Id, DateTimeOffset ModifiedTime, IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<string> Tags,
    IReadOnlyList<CrmParticipant>? Participants = null, string? NotesUnid = null);

/// <summary>What to find records by: Notes UNIDs, and the values of one field (by its api name).</summary>
public sealed record ZohoLookup(IReadOnlyList<string> NotesUnids, string? ApiName = null, IReadOnlyList<string>? Values = null)
{
    public IReadOnlyList<string> ValuesOfField => Values ?? [];
}

/// <summary>
/// A record to write: no <see cref="Id"/> to create, an id to update. <see cref="NotesUnid"/> goes into the
/// cross-reference field (the adapter knows its API name), so that a write whose answer is lost can be found.
/// <see cref="OwnerId"/>: the CRM user a created record belongs to (<c>Owner</c>), whichever user's grant sends it.
/// </summary>
public sealed record ZohoWrite(
    string? Id, IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<CrmParticipant>? Participants = null,
    string? NotesUnid = null, string? OwnerId = null);

/// <summary>
/// What the CRM answered for one record of a batch, in the order sent: its id on success, else Zoho's code
/// (INVALID_DATA, MANDATORY_NOT_FOUND, DUPLICATE_DATA, ALREADY_MODIFIED, …), message and field.
/// </summary>
public sealed record ZohoWriteResult(
    int Index, string? Id, DateTimeOffset? ModifiedTime, string? ErrorCode = null, string? Message = null, string? Field = null)
{
    public bool Succeeded => ErrorCode is null;
}

/// <summary>
/// One organisation's Zoho CRM on the wire: records as Zoho holds them, keyed by api names. The sync reaches it through
/// <see cref="ZohoCrmRecords"/>, which translates each module to the product's field names. Each call shares the organisation's
/// concurrency limit; 429s and expired access tokens are absorbed; a whole-side failure comes back as an error
/// with a code (zoho-not-connected, zoho-credits-exhausted, zoho-unavailable).
/// </summary>
public interface IZohoCrm
{
    /// <summary>Creates the Notes UNID cross-reference field of each module where it is missing.</summary>
    Task<Result> PrepareAsync(string orgId, CancellationToken ct);

    /// <summary>The module's picklists (api name → the org's values), from the fields metadata the adapter keeps.</summary>
    Task<Result<IReadOnlyDictionary<string, IReadOnlyList<string>>>> PickListsAsync(string orgId, SyncModule module, CancellationToken ct);

    /// <summary>
    /// Records of <paramref name="module"/> modified after <paramref name="since"/> (all when null), page by page
    /// (<paramref name="onPage"/> sees each page once, in order), with page tokens past the first 2,000.
    /// </summary>
    Task<Result<CrmChangesRead>> ReadChangedAsync(
        string orgId, SyncModule module, IReadOnlyList<string> fields, DateTimeOffset? since,
        Func<IReadOnlyList<ZohoRecord>, CancellationToken, Task> onPage, CancellationToken ct);

    Task<Result<IReadOnlyList<CrmDeletion>>> ReadDeletedAsync(string orgId, SyncModule module, DateTimeOffset? since, CancellationToken ct);

    /// <summary>
    /// Records, whoever owns them, whose cross-reference field holds one of <see cref="ZohoLookup.NotesUnids"/> or whose
    /// <see cref="ZohoLookup.ApiName"/> field holds one of its values: what a lost answer created, a record handed to
    /// a colleague, a contact that already exists under the same e-mail.
    /// </summary>
    Task<Result<IReadOnlyList<ZohoRecord>>> FindAsync(
        string orgId, SyncModule module, ZohoLookup lookup, IReadOnlyList<string> fields, CancellationToken ct);

    /// <summary>Creates records in batches of at most 100; one result per record, in order.</summary>
    Task<Result<IReadOnlyList<ZohoWriteResult>>> CreateAsync(string orgId, SyncModule module, IReadOnlyList<ZohoWrite> records, CancellationToken ct);

    /// <summary>Updates records in batches of at most 100; one result per record, in order.</summary>
    Task<Result<IReadOnlyList<ZohoWriteResult>>> UpdateAsync(string orgId, SyncModule module, IReadOnlyList<ZohoWrite> records, CancellationToken ct);

    /// <summary>Contacts only: inserts or updates by the cross-reference field, so a replayed write cannot duplicate.</summary>
    Task<Result<IReadOnlyList<ZohoWriteResult>>> UpsertByNotesUnidAsync(string orgId, SyncModule module, IReadOnlyList<ZohoWrite> records, CancellationToken ct);

    /// <summary>The id of the Account named <paramref name="accountName"/>, created when the CRM has none (a contact's company).</summary>
    Task<Result<string>> EnsureAccountAsync(string orgId, string accountName, CancellationToken ct);

    /// <summary>
    /// The Account id of each of <paramref name="accountNames"/> (contacts' companies), keyed by the name as given: one
    /// lookup for all of them, and the missing ones created in batches of 100. Names are trimmed and matched without
    /// regard to case, as Zoho compares them. A name whose Account the CRM refused to create answers its own error, so
    /// that only the contacts of that company fail; the call as a whole fails only when the CRM does.
    /// </summary>
    Task<Result<IReadOnlyDictionary<string, Result<string>>>> ResolveAccountsAsync(
        string orgId, IReadOnlyCollection<string> accountNames, CancellationToken ct);

    Task<Result<IReadOnlyList<ZohoWriteResult>>> DeleteAsync(string orgId, SyncModule module, IReadOnlyList<string> ids, CancellationToken ct);

    /// <summary>
    /// The contact id of each address one of <paramref name="ownerId"/>'s CRM contacts has, keyed by the address (events'
    /// participants: the user's own contacts, as everything the user's sync touches).
    /// </summary>
    Task<Result<IReadOnlyDictionary<string, string>>> FindContactsByEmailAsync(
        string orgId, string ownerId, IReadOnlyCollection<string> emails, CancellationToken ct);
}
