using System.Net;
using System.Text.Json;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>The organisation's active CRM users, from Zoho's users API (zoho.md §3), every page of them.</summary>
internal sealed class ZohoCrmUserDirectory(ZohoApi zoho) : ICrmUserDirectory
{
    public async Task<Result<IReadOnlyList<ZohoUser>>> ListUsersAsync(string orgId, CancellationToken ct)
    {
        var users = new List<ZohoUser>();
        for (var page = 1; ; page++)
        {
            var response = await zoho.SendAsync(orgId, HttpMethod.Get, $"/crm/v8/users?type=ActiveUsers&page={page}&per_page=200", ct);
            if (response.IsFailure) return response.Error!;
            if (response.Value.Status == HttpStatusCode.NoContent || response.Value.IsEmpty) break;
            if (response.Value.Status != HttpStatusCode.OK) return ZohoApiErrors.Unavailable;

            var json = response.Value.Json();
            if (json.TryGetProperty("users", out var list))
                users.AddRange(list.EnumerateArray().Select(Read).OfType<ZohoUser>());
            if (!json.TryGetProperty("info", out var info) || !info.TryGetProperty("more_records", out var more) || !more.GetBoolean()) break;
        }

        return users;
    }

    /// <summary>Zoho's <c>time_zone</c> of the user (zoho.md §3), from the active users' list: the grant is the organisation's.</summary>
    public async Task<Result<string?>> TimeZoneOfAsync(string orgId, string userId, CancellationToken ct)
    {
        for (var page = 1; ; page++)
        {
            var response = await zoho.SendAsync(orgId, HttpMethod.Get, $"/crm/v8/users?type=ActiveUsers&page={page}&per_page=200", ct);
            if (response.IsFailure) return response.Error!;
            if (response.Value.Status == HttpStatusCode.NoContent || response.Value.IsEmpty) return Result.Success<string?>(null);
            if (response.Value.Status != HttpStatusCode.OK) return ZohoApiErrors.Unavailable;

            var json = response.Value.Json();
            if (json.TryGetProperty("users", out var list))
                foreach (var user in list.EnumerateArray().Where(u => Text(u, "id") == userId))
                    return Text(user, "time_zone");
            if (!json.TryGetProperty("info", out var info) || !info.TryGetProperty("more_records", out var more) || !more.GetBoolean())
                return Result.Success<string?>(null);
        }
    }

    private static ZohoUser? Read(JsonElement user)
    {
        var id = Text(user, "id");
        var email = Text(user, "email");
        if (id is null || email is null) return null;
        if (Text(user, "status") is { } status && !status.Equals("active", StringComparison.OrdinalIgnoreCase)) return null;
        var name = Text(user, "full_name") ?? $"{Text(user, "first_name")} {Text(user, "last_name")}".Trim();
        return new ZohoUser(id, email, name.Length > 0 ? name : email);
    }

    // Ids are strings in v8, numbers in some older answers: read both.
    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;
}
