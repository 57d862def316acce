using NotesSync.Application.Crm;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Infrastructure.Zoho.Modules;

/// <summary>
/// The CRM side of the sync over Zoho: each module's records translated between the product's field names and
/// Zoho's (<see cref="ZohoModuleTranslation"/>), the private tag read, contacts' companies resolved to Accounts, and
/// contacts created by an upsert on the Notes UNID. Paging, batching, throttling and the wire stay in
/// <see cref="IZohoCrm"/>.
/// </summary>
internal sealed class ZohoCrmRecords(IZohoCrm zoho) : ICrmRecords
{
    /// <summary>The CRM tag that marks a record private (zoho.md §2: Zoho has no per-record private flag).</summary>
    private const string PrivateTag = "Private";

    public Task<Result> PrepareAsync(string orgId, CancellationToken ct) => zoho.PrepareAsync(orgId, ct);

    public async Task<Result<CrmChangesRead>> ReadChangedAsync(
        string orgId, SyncModule module, DateTimeOffset? since,
        Func<IReadOnlyList<CrmRecord>, CancellationToken, Task> onPage, CancellationToken ct)
    {
        var translation = ZohoModuleTranslation.For(module);
        var pickLists = await PickListsAsync(orgId, module, ct);
        if (pickLists.IsFailure) return pickLists.Error!;
        return await zoho.ReadChangedAsync(orgId, module, translation.ApiNamesToRead, since,
            (page, pageCt) => onPage([.. page.Select(r => Read(r, translation, pickLists.Value))], pageCt), ct);
    }

    public Task<Result<IReadOnlyList<CrmDeletion>>> ReadDeletedAsync(string orgId, SyncModule module, DateTimeOffset? since, CancellationToken ct) =>
        zoho.ReadDeletedAsync(orgId, module, since, ct);

    public async Task<Result<IReadOnlyList<CrmRecord>>> FindAsync(string orgId, SyncModule module, CrmLookup lookup, CancellationToken ct)
    {
        var translation = ZohoModuleTranslation.For(module);
        var pickLists = await PickListsAsync(orgId, module, ct);
        if (pickLists.IsFailure) return pickLists.Error!;
        var apiName = lookup.Field is { } field ? translation.Fields.First(f => f.Name == field).ApiName : null;
        var found = await zoho.FindAsync(orgId, module, new ZohoLookup(lookup.NotesUnids, apiName, lookup.ValuesOfField),
            translation.ApiNamesToRead, ct);
        if (found.IsFailure) return found.Error!;
        return found.Value.Select(r => Read(r, translation, pickLists.Value)).ToList();
    }

    /// <summary>Contacts' companies: every Account of the run found or created in one go, before any batch is written.</summary>
    public async Task<Result> PrepareWritesAsync(
        string orgId, SyncModule module, IEnumerable<IReadOnlyDictionary<string, string?>> values, CancellationToken ct)
    {
        if (module != SyncModule.Contacts) return Result.Success();
        var translation = ZohoModuleTranslation.For(module);
        var companies = values
            .Select(v => translation.ToZoho(v, Modules.PickLists.None).Fields.GetValueOrDefault(ZohoContactFields.AccountLookup))
            .Where(company => !string.IsNullOrWhiteSpace(company))
            .Select(company => company!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (companies.Count == 0) return Result.Success();
        var accounts = await zoho.ResolveAccountsAsync(orgId, companies, ct);
        return accounts.IsFailure ? accounts.Error! : Result.Success();
    }

    /// <summary>
    /// Contacts are upserted on the Notes UNID: a batch replayed after a lost answer updates, never duplicates. Tasks
    /// have no upsert (zoho.md §2): a lost insert is found by its UNID on the next run and adopted. Either way the
    /// record is the owner's (<c>Owner</c>), not the user's whose grant connected Zoho.
    /// </summary>
    public Task<Result<IReadOnlyList<CrmWriteResult>>> CreateAsync(
        string orgId, SyncModule module, string ownerId, IReadOnlyList<CrmWrite> records, CancellationToken ct) =>
        WriteAsync(orgId, module, records, ownerId, ownerId, module == SyncModule.Contacts ? zoho.UpsertByNotesUnidAsync : zoho.CreateAsync, ct);

    /// <summary>Updates leave the owner alone: the record is already the user's.</summary>
    public Task<Result<IReadOnlyList<CrmWriteResult>>> UpdateAsync(
        string orgId, SyncModule module, string userId, IReadOnlyList<CrmWrite> records, CancellationToken ct) =>
        WriteAsync(orgId, module, records, newOwnerId: null, userId, zoho.UpdateAsync, ct);

    public async Task<Result<IReadOnlyList<CrmWriteResult>>> DeleteAsync(string orgId, SyncModule module, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var deleted = await zoho.DeleteAsync(orgId, module, ids, ct);
        return deleted.IsFailure ? deleted.Error! : deleted.Value.Select(ToResult).ToList();
    }

    private delegate Task<Result<IReadOnlyList<ZohoWriteResult>>> Send(
        string orgId, SyncModule module, IReadOnlyList<ZohoWrite> records, CancellationToken ct);

    /// <summary>
    /// Translates each write, sends the ones that could be built in one call, and answers one result per record in the
    /// order given: a record whose company could not be made an Account fails alone, without a call.
    /// </summary>
    private async Task<Result<IReadOnlyList<CrmWriteResult>>> WriteAsync(
        string orgId, SyncModule module, IReadOnlyList<CrmWrite> records, string? newOwnerId, string userId, Send send, CancellationToken ct)
    {
        var translation = ZohoModuleTranslation.For(module);
        var pickLists = await PickListsAsync(orgId, module, ct);
        if (pickLists.IsFailure) return pickLists.Error!;

        var results = new CrmWriteResult?[records.Count];
        var sent = new List<(int Index, ZohoWrite Write, List<string> Shortened)>();
        for (var i = 0; i < records.Count; i++)
        {
            var (fields, shortened) = translation.ToZoho(records[i].Values, pickLists.Value);
            if (module == SyncModule.Contacts && await ResolveCompanyAsync(orgId, fields, ct) is { } refused)
            {
                results[i] = new CrmWriteResult(i, null, null, refused.Code, refused.Message) { Shortened = shortened };
                continue;
            }

            sent.Add((i, new ZohoWrite(records[i].Id, fields, NotesUnid: records[i].NotesUnid, OwnerId: newOwnerId), shortened));
        }

        if (module == SyncModule.Events
            && await ZohoEventParticipants.ResolveAsync(zoho, orgId, userId, sent.Select(s => s.Write), ct) is { IsFailure: true } unresolved)
            return unresolved.Error!;
        if (sent.Count > 0)
        {
            var answered = await send(orgId, module, [.. sent.Select(s => s.Write)], ct);
            if (answered.IsFailure) return answered.Error!;
            foreach (var result in answered.Value)
            {
                var (index, _, shortened) = sent[result.Index];
                results[index] = ToResult(result) with { Index = index, Shortened = shortened };
            }
        }

        return results.Select((r, i) => r ?? new CrmWriteResult(i, null, null, "zoho-no-answer", "Zoho answered nothing for this record.")).ToList();
    }

    /// <summary>The company's Account id in place of its name (found or created; cached by the run's preparation).</summary>
    private async Task<Error?> ResolveCompanyAsync(string orgId, Dictionary<string, string?> fields, CancellationToken ct)
    {
        if (!fields.TryGetValue(ZohoContactFields.AccountLookup, out var company)) return null;
        if (string.IsNullOrWhiteSpace(company))
        {
            fields[ZohoContactFields.AccountLookup] = null; // clears the lookup
            return null;
        }

        var account = await zoho.EnsureAccountAsync(orgId, company, ct);
        if (account.IsFailure) return account.Error;
        fields[ZohoContactFields.AccountLookup] = account.Value;
        return null;
    }

    private async Task<Result<PickLists>> PickListsAsync(string orgId, SyncModule module, CancellationToken ct)
    {
        var pickLists = await zoho.PickListsAsync(orgId, module, ct);
        return pickLists.IsFailure ? pickLists.Error! : new PickLists(pickLists.Value);
    }

    private static CrmRecord Read(ZohoRecord record, ZohoModuleTranslation translation, PickLists pickLists) =>
        new(record.Id, record.ModifiedTime, translation.FromZoho(record, pickLists),
            record.Tags.Contains(PrivateTag, StringComparer.OrdinalIgnoreCase), record.NotesUnid)
        {
            OwnerId = record.Fields.GetValueOrDefault(ZohoRecords.OwnerField + ZohoRecords.LookupIdSuffix),
        };

    private static CrmWriteResult ToResult(ZohoWriteResult result) =>
        new(result.Index, result.Id, result.ModifiedTime, result.ErrorCode, result.Message, result.Field);
}
