using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotesSync.ReferenceCheck;
using NotesSync.Simulators.Domino.Hosting;
using NotesSync.Simulators.Domino.State;
using NotesSync.Simulators.Zoho;
using ZohoOrg = NotesSync.Simulators.Zoho.ZohoOrg;

namespace NotesSync.Web.Tests;

/// <summary>
/// The whole product on one machine: the NotesSync host on SQLite with its Hangfire worker, a Domino server and a
/// Zoho organisation (the simulators over loopback HTTP), an installed organisation whose admin connected both.
/// </summary>
public sealed class SyncHarness : IAsyncDisposable
{
    public const string MailFile = "mail/jdoe.nsf";
    public const string NotesPassword = "Jane-Notes-Pw-1";

    private SyncHarness(DominoSimulator domino, ZohoSimulator zoho, ZohoOrg org, NotesSyncApp app)
    {
        Domino = domino;
        Zoho = zoho;
        Org = org;
        App = app;
    }

    public DominoSimulator Domino { get; }
    public ZohoSimulator Zoho { get; }
    public ZohoOrg Org { get; }
    public NotesSyncApp App { get; private set; }
    public HttpClient Admin { get; private set; } = null!;
    public string Secret { get; private set; } = "";

    /// <summary>
    /// Starts it all; <paramref name="dominoOptions"/> change the Domino server (e.g. its HTTPS certificate), and
    /// <paramref name="settings"/> the host's configuration on top of <see cref="NotesSyncApp"/>'s defaults; without
    /// <paramref name="connectZoho"/> the organisation is installed and Notes connected, but not Zoho.
    /// </summary>
    /// <param name="zohoClock">
    /// Zoho's clock (Modified_Time, tokens), when a test must say whether a user's CRM edit falls in the same second
    /// as the sync's own write of the record; the system clock otherwise. <paramref name="zohoOptions"/>, when given, wins.
    /// </param>
    public static async Task<SyncHarness> StartAsync(
        DominoSimulatorOptions? dominoOptions = null, IReadOnlyDictionary<string, string>? settings = null,
        TimeProvider? zohoClock = null, ZohoSimulatorOptions? zohoOptions = null, bool connectZoho = true,
        Action<IServiceCollection>? testServices = null)
    {
        var domino = await DominoSimulator.StartAsync(dominoOptions);
        domino.State.AddUser(new NotesUserSpec("Jane Doe", NotesPassword));
        var zoho = await ZohoSimulator.StartAsync(zohoOptions ?? (zohoClock is null ? null : new ZohoSimulatorOptions { TimeProvider = zohoClock }));
        var org = zoho.State.CreateOrg(new ZohoOrgSpec { RedirectUri = new Uri("http://localhost/oauth/zoho/callback") });
        var app = new NotesSyncApp
        {
            FakeCrmUsers = false,
            TestServices = testServices,
            Settings =
            {
                ["Zoho:AccountsUrl"] = zoho.AccountsUri.ToString(),
                ["Zoho:ClientId"] = org.Client.ClientId,
                ["Zoho:ClientSecret"] = org.Client.ClientSecret,
                ["Zoho:RedirectUri"] = org.Client.RedirectUri.ToString(),
            },
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) app.Settings[key] = value;
        var harness = new SyncHarness(domino, zoho, org, app);
        harness.Secret = await app.InstallAsync(org.Id, adminUserId: org.Admin.Id);
        harness.Admin = app.ClientFor(harness.Secret, org.Id, org.Admin.Id);
        if (connectZoho) await harness.ConnectZohoAsync();
        await harness.ConnectNotesAsync();
        return harness;
    }

    /// <summary>Stops the host (its worker's jobs are cancelled) and starts a new one on the same database.</summary>
    public async Task RestartAsync()
    {
        App.KeepDatabase = true;
        var settings = App.Settings;
        await App.DisposeAsync();
        var restarted = new NotesSyncApp { FakeCrmUsers = false, DatabasePath = App.DatabasePath };
        foreach (var (key, value) in settings) restarted.Settings[key] = value;
        App = restarted;
        Admin = App.ClientFor(Secret, Org.Id, Org.Admin.Id);
    }

    /// <summary>The OAuth round trip as the admin's browser makes it: our authorize URL, Zoho's redirect, our callback.</summary>
    public async Task ConnectZohoAsync()
    {
        var consent = await ConsentAsync();
        var callback = await CallbackAsync(consent.Callback, consent.BrowserCookie);
        Assert.True(callback.IsSuccessStatusCode, await callback.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// The admin asks to connect, and whoever the Zoho simulator has signed in accepts: answers where Zoho sends the
    /// browser back, and the cookie (<c>name=value</c>) our answer to the admin's request set in their browser.
    /// <paramref name="admin"/>: another installed organisation's admin (the Zoho simulator signs in theirs).
    /// </summary>
    public async Task<(string Callback, string BrowserCookie)> ConsentAsync(HttpClient? admin = null)
    {
        var connect = await (admin ?? Admin).PostAsync("/api/zoho/connect", null);
        connect.EnsureSuccessStatusCode();
        var cookie = connect.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var authorize = (await connect.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authorizeUrl").GetString()!;
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var consent = await browser.GetAsync(new Uri(authorize));
        Assert.Equal(HttpStatusCode.Found, consent.StatusCode);
        return (consent.Headers.Location!.PathAndQuery, cookie);
    }

    /// <summary>Zoho's redirect arriving at our callback in a browser holding <paramref name="browserCookie"/> (or none).</summary>
    public async Task<HttpResponseMessage> CallbackAsync(string callback, string? browserCookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, callback);
        if (browserCookie is not null) request.Headers.Add("Cookie", browserCookie);
        return await App.CreateClient().SendAsync(request);
    }

    /// <summary>
    /// A colleague of the admin: a CRM user of the organisation, given a seat by the admin, with a mail file of their
    /// own on the same Domino server, connected. Answers the Zoho user and their widget client.
    /// </summary>
    public async Task<(NotesSync.Simulators.Zoho.ZohoUser User, HttpClient Client, string MailFile)> AddLicensedUserAsync(string first, string last)
    {
        var user = Org.AddUser(first, last, $"{first.ToLowerInvariant()}@acme.example");
        var seat = await Admin.PostAsJsonAsync("/api/users", new { userId = user.Id });
        Assert.True(seat.IsSuccessStatusCode, await seat.Content.ReadAsStringAsync());
        var mailFile = $"mail/{first.ToLowerInvariant()}.nsf";
        var password = $"{first}-Notes-Pw-1";
        Domino.State.AddUser(new NotesUserSpec($"{first} {last}", password) { MailFilePath = mailFile });
        var client = App.ClientFor(Secret, Org.Id, user.Id);
        var connected = await client.PostAsJsonAsync("/api/notes/connection",
            new { serverName = Domino.BaseUri.ToString(), userName = $"{first} {last}", password, mailFile });
        Assert.True(connected.IsSuccessStatusCode, await connected.Content.ReadAsStringAsync());
        return (user, client, mailFile);
    }

    public async Task ConnectNotesAsync()
    {
        var response = await Admin.PostAsJsonAsync("/api/notes/connection",
            new { serverName = Domino.BaseUri.ToString(), userName = "Jane Doe", password = NotesPassword, mailFile = MailFile });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The sync settings of the admin, or of <paramref name="user"/> (a client of <see cref="AddLicensedUserAsync"/>).</summary>
    public async Task SettingsAsync(
        string direction = "twoWay", string winner = "crm", bool contacts = true, bool tasks = true, bool events = false,
        string eventRange = "fromToday", HttpClient? user = null)
    {
        var response = await (user ?? Admin).PutAsJsonAsync("/api/sync/settings", new
        {
            contacts, tasks, events, eventRange, direction, conflictWinner = winner, autoSyncMinutes = (int?)null,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Starts a run (the admin's, or <paramref name="user"/>'s) and waits for its end; answers the run as the dashboard reads it.</summary>
    public async Task<JsonElement> SyncAsync(HttpClient? user = null)
    {
        var started = await (user ?? Admin).PostAsync("/api/sync/runs", null);
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid();
        return await WaitForAsync(runId, user);
    }

    public async Task<JsonElement> WaitForAsync(Guid runId, HttpClient? user = null)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await (user ?? Admin).GetFromJsonAsync<JsonElement>($"/api/sync/runs/{runId}");
            var status = run.GetProperty("status").GetString();
            if (status is not ("queued" or "running")) return run;
            Assert.True(DateTime.UtcNow < until, $"run {runId} still {status}");
            await Task.Delay(100);
        }
    }

    /// <summary>The run ended as expected; if not, the message shows the whole run (its error, failures, counts).</summary>
    public static void AssertStatus(string expected, JsonElement run) =>
        Assert.True(run.GetProperty("status").GetString() == expected, $"expected {expected}: {run}");

    public static int Count(JsonElement run, string module, string path)
    {
        var node = run.GetProperty("modules").GetProperty(module);
        foreach (var part in path.Split('.')) node = node.GetProperty(part);
        return node.GetInt32();
    }

    public IReadOnlyList<NotesSync.Simulators.Zoho.CrmRecord> CrmContacts => Org.Records("Contacts");

    /// <summary>Presses "Start sync" and answers the run's id, without waiting for it.</summary>
    public async Task<Guid> StartRunAsync()
    {
        var started = await Admin.PostAsync("/api/sync/runs", null);
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid();
    }

    public string AddNotesContact(string first, string last, string email, string phone = "", bool isPrivate = false) =>
        Domino.State.AddContact(MailFile, new ContactSpec { FirstName = first, LastName = last, Email = email, OfficePhone = phone, Private = isPrivate });

    /// <summary>The mail file's documents of one form (Person, Task), as the user would find them in Notes.</summary>
    public IReadOnlyList<NotesSync.Simulators.Domino.Notes.DocumentSnapshot> NotesDocuments(string form) => Domino.State.GetDocuments(MailFile, form);

    public NotesSync.Simulators.Zoho.CrmRecord AddCrmContact(string first, string last, string email, string? phone = null, params string[] tags)
    {
        var fields = new JsonObject { ["First_Name"] = first, ["Last_Name"] = last, ["Email"] = email };
        if (phone is not null) fields["Phone"] = phone;
        if (tags.Length > 0) fields["Tag"] = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["name"] = t })]);
        return Org.CreateRecord("Contacts", fields);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Zoho.DisposeAsync();
        await Domino.DisposeAsync();
        // Every request the test made NotesSync send, as IBM's and Zoho's own definitions allow (../shared/reference).
        Conformance.Require(Domino.Journal, Zoho.Journal);
    }
}
