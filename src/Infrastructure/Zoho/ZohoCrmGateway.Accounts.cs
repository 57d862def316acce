using System.Net;
using System.Text.Json.Nodes;
using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Zoho;

internal sealed partial class ZohoCrmGateway
{
    private readonly Dictionary<(string OrgId, string Name), string> _accounts = [];

    /// <summary>
    /// A contact's company is the Account lookup in Zoho: to set it by name the Account must exist first
    /// (zoho.md §2). Found by exact name with COQL, created when missing; one lookup per name per run.
    /// </summary>
    public async Task<Result<string>> EnsureAccountAsync(string orgId, string accountName, CancellationToken ct)
    {
        var name = accountName.Trim();
        if (_accounts.TryGetValue((orgId, name), out var known)) return known;

        var query = $"select id, Account_Name from Accounts where Account_Name = {Quoted(name)} limit 0, 1";
        var found = await zoho.SendAsync(orgId, HttpMethod.Post, "/crm/v8/coql", ct, json: new JsonObject { ["select_query"] = query });
        if (found.IsFailure) return found.Error!;
        if (!ZohoRecords.IsEmptyAnswer(found.Value))
        {
            if (found.Value.Status != HttpStatusCode.OK) return Refused(found.Value);
            using var json = ZohoRecords.Parse(found.Value);
            if (json is not null && TryData(json.RootElement, out var data) && data.GetArrayLength() > 0
                && data[0].TryGetProperty("id", out var id) && id.ToString() is { Length: > 0 } existing)
                return _accounts[(orgId, name)] = existing;
        }

        var created = await zoho.SendAsync(orgId, HttpMethod.Post, "/crm/v8/Accounts", ct,
            json: new JsonObject { ["data"] = new JsonArray(new JsonObject { ["Account_Name"] = name }), ["trigger"] = new JsonArray() });
        if (created.IsFailure) return created.Error!;
        using (var json = ZohoRecords.Parse(created.Value))
        {
            if (json is not null && TryData(json.RootElement, out var data) && data.GetArrayLength() > 0
                && data[0].TryGetProperty("details", out var details) && details.TryGetProperty("id", out var id) && id.ToString() is { Length: > 0 } newId)
                return _accounts[(orgId, name)] = newId;
        }

        return Refused(created.Value);
    }
}
