using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotesSync.Application.Crm;
using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>
/// A contact's company is the Account lookup in Zoho: to set it by name the Account must exist first (zoho.md §2).
/// A run resolves all its companies at once: one lookup for the lot, then the missing Accounts created 100 a call.
/// </summary>
internal sealed partial class ZohoCrmGateway
{
    private const string AccountName = "Account_Name";

    /// <summary>
    /// What this run learnt of the organisation's Accounts, by <see cref="AccountKey"/>: an id, or why the CRM would not
    /// create the Account. The gateway lives for one run, so a company is looked up once a run, and one the CRM refused
    /// is not sent again before the next run.
    /// </summary>
    private readonly Dictionary<(string OrgId, string Key), Result<string>> _accounts = [];

    public async Task<Result<string>> EnsureAccountAsync(string orgId, string accountName, CancellationToken ct)
    {
        var resolved = await ResolveAccountsAsync(orgId, [accountName], ct);
        return resolved.IsFailure ? resolved.Error! : resolved.Value[accountName];
    }

    public async Task<Result<IReadOnlyDictionary<string, Result<string>>>> ResolveAccountsAsync(
        string orgId, IReadOnlyCollection<string> accountNames, CancellationToken ct)
    {
        // Each company this run does not know yet, under its first spelling given: the one its Account is created with.
        var unknown = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in accountNames.Select(n => n.Trim()).Where(n => n.Length > 0))
            if (!_accounts.ContainsKey((orgId, AccountKey(name)))) unknown.TryAdd(AccountKey(name), name);

        if (unknown.Count > 0)
        {
            var found = await FindAccountsAsync(orgId, unknown, ct);
            if (found.IsFailure) return found.Error!;
            var created = await CreateAccountsAsync(orgId, [.. unknown.Values], ct);
            if (created.IsFailure) return created.Error!;
        }

        var answer = new Dictionary<string, Result<string>>(StringComparer.Ordinal);
        foreach (var name in accountNames)
            answer[name] = name.Trim() is { Length: > 0 } trimmed ? _accounts[(orgId, AccountKey(trimmed))] : ZohoCrmErrors.AccountNameMissing;
        return answer;
    }

    /// <summary>
    /// Finds the Accounts of the names in <paramref name="unknown"/>, taking out each one found. Reading the whole list
    /// costs a call per 200 Accounts, COQL a call per 50 names, and which is cheaper depends on how many Accounts the
    /// organisation holds, which Zoho does not tell up front (100,000 Accounts for 3 companies, or 300 for 2,500). So
    /// the list is read for at most as many pages as the names would cost queries: if it ends within them, it was the
    /// cheaper way and every name is known; if not, COQL looks up the names still unknown, at most as many queries
    /// again. Either way the lookup costs at most twice the cheaper of the two ways.
    /// </summary>
    private async Task<Result> FindAccountsAsync(string orgId, Dictionary<string, string> unknown, CancellationToken ct)
    {
        var listed = await ListAccountsAsync(orgId, unknown, pages: (unknown.Count + ValuesPerQuery - 1) / ValuesPerQuery, ct);
        if (listed.IsFailure) return listed.Error!;
        if (listed.Value) return Result.Success();

        foreach (var chunk in unknown.Values.Chunk(ValuesPerQuery).ToList())
        {
            var selected = await SelectAsync(orgId,
                $"select id, {AccountName} from Accounts where {AccountName} in ({string.Join(", ", chunk.Select(Quoted))}) order by Created_Time asc",
                row => Learn(orgId, row, unknown), ct);
            if (selected.IsFailure) return selected.Error!;
        }
        return Result.Success();
    }

    /// <summary>
    /// Reads the Accounts list, oldest first, for at most <paramref name="pages"/> pages, or until no name is unknown;
    /// answers whether every name is now known (found, or missing from a list read to its end).
    /// </summary>
    private async Task<Result<bool>> ListAccountsAsync(string orgId, Dictionary<string, string> unknown, int pages, CancellationToken ct)
    {
        var list = $"/crm/v8/Accounts?fields=id,{AccountName}&per_page={PageSize}&sort_by=Created_Time&sort_order=asc";
        var position = ListPosition.First;
        for (var read = 0; read < pages && unknown.Count > 0; read++)
        {
            var response = await zoho.SendAsync(orgId, HttpMethod.Get, $"{list}&{position.Query}", ct);
            if (response.IsFailure) return response.Error!;
            if (ZohoRecords.IsEmptyAnswer(response.Value)) return true;
            if (response.Value.Status != HttpStatusCode.OK) return Refused(response.Value);

            bool more;
            string? next;
            using (var json = ZohoRecords.Parse(response.Value))
            {
                if (json is null || !TryData(json.RootElement, out var data)) return ZohoApiErrors.Unavailable;
                foreach (var account in data.EnumerateArray()) Learn(orgId, account, unknown);
                (more, next) = Paging(json.RootElement);
            }
            if (!more) return true;
            if (position.Next(next) is not { } following) return ZohoCrmErrors.NoPageToken;
            position = following;
        }
        return unknown.Count == 0;
    }

    /// <summary>
    /// Keeps an Account read back, whether this run asked for its name or not (a later lookup finds it here). The first
    /// one seen of a name stays: the list and the queries both ask oldest first, so of several Accounts of one name the
    /// oldest is used, whichever way it was found.
    /// </summary>
    private void Learn(string orgId, JsonElement account, Dictionary<string, string> unknown)
    {
        if (ZohoRecords.Text(account, "id") is not { Length: > 0 } id || ZohoRecords.Text(account, AccountName)?.Trim() is not { Length: > 0 } name)
            return;
        var key = AccountKey(name);
        if (_accounts.TryGetValue((orgId, key), out var known) && known.IsSuccess) return;
        _accounts[(orgId, key)] = id;
        unknown.Remove(key);
    }

    /// <summary>
    /// Creates the Accounts of <paramref name="names"/>, 100 a call, running no workflow. A record Zoho refuses becomes
    /// that name's error. A call refused whole fails them all: the sync stops, and the next run finds by name what
    /// the batches that did go through created.
    /// </summary>
    private async Task<Result> CreateAccountsAsync(string orgId, IReadOnlyList<string> names, CancellationToken ct)
    {
        if (names.Count == 0) return Result.Success();
        var created = await InBatchesAsync(orgId, new ZohoWriteResult?[names.Count], Enumerable.Range(0, names.Count).ToList(),
            batch => (HttpMethod.Post, "/crm/v8/Accounts", Body(batch.Select(i => new JsonObject { [AccountName] = names[i] }))), ct);
        if (created.IsFailure) return created.Error!;

        foreach (var result in created.Value)
        {
            var name = names[result.Index];
            _accounts[(orgId, AccountKey(name))] = result is { Succeeded: true, Id: { Length: > 0 } id }
                ? id
                : ZohoCrmErrors.AccountRefused(name, result.ErrorCode ?? "NO_ID", result.Field is null ? result.Message : $"{result.Field}: {result.Message}");
        }
        return Result.Success();
    }

    /// <summary>
    /// Names alike but for case are one Account: Zoho's COQL compares them without regard to case, and so does its
    /// duplicate check on Account_Name (the simulator follows both).
    /// </summary>
    private static string AccountKey(string trimmedName) => trimmedName.ToUpperInvariant();
}
