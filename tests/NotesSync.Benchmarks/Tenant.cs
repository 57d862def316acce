using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NotesSync.Simulators.Domino.Hosting;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;
using NotesSync.Simulators.Zoho;

namespace NotesSync.Benchmarks;

/// <summary>One NotesSync user: their mail file on the Domino simulator, their organisation on the Zoho simulator.</summary>
public sealed class Tenant(DominoSimulator domino, ZohoSimulator zoho, ZohoOrg org, NotesUser user, string password)
{
    public DominoSimulator Domino => domino;
    public ZohoSimulator Zoho => zoho;
    public ZohoOrg Org => org;
    public NotesUser User => user;
    public string Password => password;
    public string MailFile => user.MailFilePath;
    public HttpClient Api { get; private set; } = null!;

    public static Tenant Create(DominoSimulator domino, ZohoSimulator zoho, string notesName, string company, Uri redirectUri, int zohoConcurrency)
    {
        var password = "Bench-" + company.Replace(' ', '-') + "-1";
        var user = domino.State.AddUser(new NotesUserSpec(notesName, password));
        var org = zoho.State.CreateOrg(new ZohoOrgSpec
        {
            CompanyName = company,
            RedirectUri = redirectUri,
            ConcurrencyLimit = zohoConcurrency,
            DailyCreditLimit = 100_000_000,
        });
        return new Tenant(domino, zoho, org, user, password);
    }

    /// <summary>
    /// As run.sh and the Marketplace do it: the signed install hook, a widget token from /dev/tokens, the OAuth round
    /// trip (the simulator's authorize page consents as this organisation's admin), the Notes connection.
    /// </summary>
    /// <param name="seats">The licence's seats: how many users of the organisation NotesSync may sync for.</param>
    public async Task ConnectAsync(HostProcess host, string hookSecret, CancellationToken ct, int seats = 5)
    {
        using var anonymous = new HttpClient { BaseAddress = host.BaseUri };
        var body = JsonSerializer.Serialize(new
        {
            orgId = org.Id, orgName = org.CompanyName,
            installer = new { userId = org.Admin.Id, email = org.Admin.Email, name = "Benchmark admin" },
            seats,
        });
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(hookSecret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        using var install = new HttpRequestMessage(HttpMethod.Post, "hooks/marketplace/install")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        install.Headers.Add("X-NotesSync-Timestamp", timestamp);
        install.Headers.Add("X-NotesSync-Signature", "sha256=" + Convert.ToHexStringLower(mac));
        await Ensure(await anonymous.SendAsync(install, ct), "install");

        var minted = await Ensure(await anonymous.PostAsJsonAsync("dev/tokens", new { orgId = org.Id, userId = org.Admin.Id, minutes = 60 }, ct), "token");
        var token = (await minted.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString();
        Api = new HttpClient { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromMinutes(2) };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var connect = await Ensure(await Api.PostAsync(new Uri("api/zoho/connect", UriKind.Relative), null, ct), "zoho connect");
        var authorize = (await connect.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("authorizeUrl").GetString()!;
        zoho.State.SignIn(org.Admin);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var consent = await browser.GetAsync(new Uri(authorize), ct);
        if (consent.StatusCode != HttpStatusCode.Found || consent.Headers.Location is not { } location)
            throw new InvalidOperationException($"Zoho's authorize page answered {(int)consent.StatusCode}.");
        // The callback wants the cookie our answer to "connect" set in the admin's browser.
        using var callback = new HttpRequestMessage(HttpMethod.Get, new Uri(location.PathAndQuery, UriKind.Relative));
        callback.Headers.Add("Cookie", connect.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
        await Ensure(await anonymous.SendAsync(callback, ct), "zoho callback");
        zoho.State.SignIn(null);

        await Ensure(await Api.PostAsJsonAsync("api/notes/connection",
            new { serverName = domino.BaseUri.ToString(), userName = user.CommonName, password, mailFile = MailFile }, ct), "notes connection");
    }

    public async Task SettingsAsync(string direction, CancellationToken ct, bool events = false) =>
        await Ensure(await Api.PutAsJsonAsync("api/sync/settings", new
        {
            contacts = true, tasks = true, events, eventRange = "all", direction, conflictWinner = "crm",
            autoSyncMinutes = (int?)null,
        }, ct), "settings");

    public async Task<Guid> StartRunAsync(CancellationToken ct)
    {
        var started = await Ensure(await Api.PostAsync(new Uri("api/sync/runs", UriKind.Relative), null, ct), "start run");
        return (await started.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("runId").GetGuid();
    }

    public async Task<JsonElement> RunAsync(Guid runId, CancellationToken ct) =>
        await Api.GetFromJsonAsync<JsonElement>($"api/sync/runs/{runId}", ct);

    /// <summary>Starts a run and waits for its end (no measurement): preparing a scenario, or warming the host.</summary>
    public async Task<JsonElement> SyncAsync(TimeSpan timeout, CancellationToken ct)
    {
        var runId = await StartRunAsync(ct);
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var run = await RunAsync(runId, ct);
            if (run.GetProperty("status").GetString() is not ("queued" or "running")) return run;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Run {runId} did not end within {timeout}.");
            await Task.Delay(250, ct);
        }
    }

    /// <summary>The Notes UNID field's api name in this organisation (NotesSync creates it on connection).</summary>
    public string NotesUnidField(string module) =>
        org.Fields(module).FirstOrDefault(f => f.Label == "Notes UNID")?.ApiName ?? "Notes_UNID";

    public IReadOnlyList<DocumentSnapshot> NotesDocuments(string form) => domino.State.GetDocuments(MailFile, form);

    private static async Task<HttpResponseMessage> Ensure(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode) return response;
        throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
