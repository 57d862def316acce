using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotesSync.Application.Meetings;
using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>
/// The user's own CRM contacts for the meeting screen, by one COQL query each (zoho.md §2): <c>where Owner = '{user}'</c>
/// keeps them to the user's records, as the sync does (a lookup compared by its record id; that Zoho takes the owner
/// lookup this way is inferred from COQL's lookup comparisons, zoho.md says nothing of it).
/// </summary>
internal sealed class ZohoContactDirectory(ZohoApi zoho) : ICrmContactDirectory
{
    private const string Fields = "id, First_Name, Last_Name, Email";

    public Task<Result<IReadOnlyList<CrmContactCard>>> SearchAsync(string orgId, string ownerId, string text, int max, CancellationToken ct)
    {
        var owned = $"Owner = {ZohoCrmGateway.Quoted(ownerId)}";
        // COQL's like takes % as its wildcard: a % or _ the user typed is matched as itself only as far as Zoho escapes it.
        var pattern = ZohoCrmGateway.Quoted($"%{text}%");
        var where = text.Length == 0 ? owned : $"{owned} and (First_Name like {pattern} or Last_Name like {pattern} or Email like {pattern})";
        return SelectAsync(orgId, $"select {Fields} from Contacts where {where} limit 0, {max}", ct);
    }

    public Task<Result<IReadOnlyList<CrmContactCard>>> ByIdsAsync(string orgId, string ownerId, IReadOnlyList<string> ids, CancellationToken ct)
    {
        // Zoho's record ids are digits: anything else names no record, and is not sent.
        var valid = ids.Where(id => id.Length is > 0 and <= 30 && id.All(char.IsAsciiDigit)).Distinct(StringComparer.Ordinal).Take(50).ToList();
        if (valid.Count == 0) return Task.FromResult(Result.Success<IReadOnlyList<CrmContactCard>>([]));
        return SelectAsync(orgId,
            $"select {Fields} from Contacts where Owner = {ZohoCrmGateway.Quoted(ownerId)} and id in ({string.Join(", ", valid.Select(ZohoCrmGateway.Quoted))}) limit 0, 50",
            ct);
    }

    private async Task<Result<IReadOnlyList<CrmContactCard>>> SelectAsync(string orgId, string query, CancellationToken ct)
    {
        var response = await zoho.SendAsync(orgId, HttpMethod.Post, "/crm/v8/coql", ct, json: new JsonObject { ["select_query"] = query });
        if (response.IsFailure) return response.Error!;
        if (ZohoRecords.IsEmptyAnswer(response.Value)) return Result.Success<IReadOnlyList<CrmContactCard>>([]);
        if (response.Value.Status != HttpStatusCode.OK) return ZohoApiErrors.Unavailable;

        using var json = ZohoRecords.Parse(response.Value);
        if (json is null || !json.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            return ZohoApiErrors.Unavailable;
        return data.EnumerateArray().Select(Card).OfType<CrmContactCard>().ToList();
    }

    private static CrmContactCard? Card(JsonElement row) =>
        ZohoRecords.Text(row, "id") is { } id
            ? new CrmContactCard(id, $"{ZohoRecords.Text(row, "First_Name")} {ZohoRecords.Text(row, "Last_Name")}".Trim(), ZohoRecords.Text(row, "Email"))
            : null;
}
