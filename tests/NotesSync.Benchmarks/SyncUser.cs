using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NotesSync.Simulators.Zoho;

namespace NotesSync.Benchmarks;

/// <summary>
/// One user of the many-users scenario as their widget sees NotesSync: a token of their organisation, the node their
/// requests reach (users are spread over the nodes, as a load balancer would spread them), their runs.
/// </summary>
public sealed class SyncUser(int index, int organisation, Tenant tenant, ZohoUser zohoUser, HostProcess node) : IDisposable
{
    private readonly HttpClient _api = new() { BaseAddress = node.BaseUri, Timeout = TimeSpan.FromMinutes(2) };

    public int Index => index;
    public int Organisation => organisation;
    public Tenant Tenant => tenant;

    /// <summary>An admin gives the user a seat (api.md: POST /api/users), as the widget's users page does.</summary>
    public static async Task AddSeatAsync(Tenant admin, ZohoUser user, CancellationToken ct) =>
        await Ensure(await admin.Api.PostAsJsonAsync("api/users", new { userId = user.Id }, ct), "add user");

    /// <summary>A widget token for the next hour, as the extension's server-side function mints it (here /dev/tokens).</summary>
    public async Task MintTokenAsync(CancellationToken ct)
    {
        var minted = await Ensure(await _api.PostAsJsonAsync("dev/tokens",
            new { orgId = tenant.Org.Id, userId = zohoUser.Id, minutes = 60 }, ct), "token");
        var token = (await minted.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString();
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>The user's Notes connection (their mail file on the one Domino server) and two-way settings, no schedule.</summary>
    public async Task ConnectAsync(CancellationToken ct)
    {
        await MintTokenAsync(ct);
        await Ensure(await _api.PostAsJsonAsync("api/notes/connection", new
        {
            serverName = tenant.Domino.BaseUri.ToString(), userName = tenant.User.CommonName, password = tenant.Password, mailFile = tenant.MailFile,
        }, ct), "notes connection");
        await Ensure(await _api.PutAsJsonAsync("api/sync/settings", new
        {
            contacts = true, tasks = true, events = false, eventRange = "all", direction = "twoWay", conflictWinner = "crm",
            autoSyncMinutes = (int?)null,
        }, ct), "settings");
    }

    /// <summary>"Sync now", as the widget starts it; the run's id, or the problem's code when the API refused it.</summary>
    public async Task<(Guid? RunId, string? Refused)> StartRunAsync(CancellationToken ct)
    {
        using var response = await _api.PostAsync(new Uri("api/sync/runs", UriKind.Relative), null, ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (response.IsSuccessStatusCode) return (body.GetProperty("runId").GetGuid(), null);
        return (null, body.TryGetProperty("code", out var code) ? code.GetString() : $"{(int)response.StatusCode}");
    }

    public async Task<JsonElement> RunAsync(Guid runId, CancellationToken ct) =>
        await _api.GetFromJsonAsync<JsonElement>($"api/sync/runs/{runId}", ct);

    private static async Task<HttpResponseMessage> Ensure(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode) return response;
        throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose() => _api.Dispose();
}
