using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using NotesSync.Simulators.Domino.Hosting;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.Seeding;
using NotesSync.Simulators.Domino.State;
using NotesSync.Simulators.Zoho;
using NotesSync.Widget.Sandbox;

namespace NotesSync.Widget.Tests;

/// <summary>
/// The sandbox of run.sh, in process: a Domino server with Jane Doe, a Zoho organisation with a few users and records,
/// the NotesSync host on a SQLite file listening on loopback (Kestrel, so that a browser can reach it), and the widget
/// served by <see cref="WidgetSandbox"/> from its own origin, which the host allows.
/// </summary>
public sealed class SandboxWorld : IAsyncDisposable
{
    public const string HookSecret = "widget-tests-hook-secret";
    public const string NotesUser = "Jane Doe";
    public const string NotesPassword = "Jane-Notes-Pw-1";
    public const string MailFile = "mail/jdoe.nsf";

    private SandboxWorld(DominoSimulator domino, ZohoSimulator zoho, ZohoOrg org, FakeTimeProvider zohoClock, Host host, WidgetSandbox sandbox)
    {
        Domino = domino;
        Zoho = zoho;
        Org = org;
        ZohoClock = zohoClock;
        NotesSync = host;
        Sandbox = sandbox;
    }

    public DominoSimulator Domino { get; }
    public ZohoSimulator Zoho { get; }
    public ZohoOrg Org { get; }

    /// <summary>Zoho's clock stands still unless a test moves it, so that Modified_Time says which edit came after which.</summary>
    public FakeTimeProvider ZohoClock { get; }

    public Host NotesSync { get; }
    public WidgetSandbox Sandbox { get; }
    public Uri ApiUrl => NotesSync.Url;

    public static async Task<SandboxWorld> StartAsync(TimeSpan? tokenLifetime = null)
    {
        var domino = await DominoSimulator.StartAsync();
        // Jane's mail file with a few contacts, to-dos and events, found through her Person document as on a real server.
        domino.Seeder().SeedUser(new NotesUserSpec(NotesUser, NotesPassword), new SeedCounts(Contacts: 5, Todos: 2, Events: 2));
        domino.State.SetDatabaseAccess(DominoState.DirectoryPath, DataServiceAccess.ViewsAndDocuments);
        domino.State.SetViewAccess(DominoState.DirectoryPath, "($Users)", true);
        var zohoClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var zoho = await ZohoSimulator.StartAsync(new ZohoSimulatorOptions { TimeProvider = zohoClock });
        var apiUrl = new Uri($"http://127.0.0.1:{WidgetSandbox.FreePort()}");
        var sandboxUrl = new Uri($"http://127.0.0.1:{WidgetSandbox.FreePort()}");
        var org = zoho.State.CreateOrg(new ZohoOrgSpec { RedirectUri = new Uri(apiUrl, "/oauth/zoho/callback") });
        org.Seed(new ZohoSeedSpec { Users = 4, Accounts = 2, Contacts = 6, Tasks = 2, Events = 2, Seed = 7 });

        var host = new Host(apiUrl)
        {
            Settings =
            {
                ["Zoho:AccountsUrl"] = zoho.AccountsUri.ToString(),
                ["Zoho:ClientId"] = org.Client.ClientId,
                ["Zoho:ClientSecret"] = org.Client.ClientSecret,
                ["Zoho:RedirectUri"] = org.Client.RedirectUri.ToString(),
                ["Widget:AllowedOrigins:0"] = sandboxUrl.GetLeftPart(UriPartial.Authority),
            },
        };
        host.StartServer();

        var sandbox = await WidgetSandbox.StartAsync(new SandboxOptions
        {
            Url = sandboxUrl,
            ApiUrl = apiUrl,
            ZohoUrl = zoho.AccountsUri,
            HookSecret = HookSecret,
            TokenLifetime = tokenLifetime ?? TimeSpan.FromMinutes(55),
        });
        return new SandboxWorld(domino, zoho, org, zohoClock, host, sandbox);
    }

    /// <summary>A client of the API as the given sandbox user (the admin when null), with a token the sandbox's function minted.</summary>
    public async Task<HttpClient> ApiAsAsync(SandboxUser? user = null)
    {
        var answer = await Sandbox.Organisation.RunTokenFunctionAsync(user ?? Sandbox.Organisation.Admin, null, CancellationToken.None);
        var output = JsonSerializer.SerializeToElement(answer).GetProperty("details").GetProperty("output").GetString()!;
        var token = JsonDocument.Parse(output).RootElement.GetProperty("token").GetString();
        var client = new HttpClient { BaseAddress = ApiUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The admin's consent round trip without a browser (the widget's own pop-up flow has its test).</summary>
    public async Task ConnectZohoAsync()
    {
        using var admin = await ApiAsAsync();
        var connect = await admin.PostAsync("/api/zoho/connect", null);
        connect.EnsureSuccessStatusCode();
        var cookie = connect.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var authorize = (await connect.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authorizeUrl").GetString()!;
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var consent = await browser.GetAsync(new Uri(authorize));
        Assert.Equal(HttpStatusCode.Found, consent.StatusCode);
        using var callback = new HttpRequestMessage(HttpMethod.Get, consent.Headers.Location);
        callback.Headers.Add("Cookie", cookie);
        var answer = await browser.SendAsync(callback);
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
    }

    public async Task ConnectNotesAsync()
    {
        using var admin = await ApiAsAsync();
        var response = await admin.PostAsJsonAsync("/api/notes/connection",
            new { serverName = Domino.BaseUri.ToString(), userName = NotesUser, password = NotesPassword, mailFile = MailFile });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        await NotesSync.DisposeAsync();
        await Zoho.DisposeAsync();
        await Domino.DisposeAsync();
    }

    /// <summary>The NotesSync host, Development, on its own SQLite file, served by Kestrel at a loopback port.</summary>
    public sealed class Host : WebApplicationFactory<Program>
    {
        private readonly string _database = Path.Combine(Path.GetTempPath(), $"notessync-widget-{Guid.NewGuid():N}.db");

        public Host(Uri url)
        {
            Url = url;
            UseKestrel(o => o.Listen(IPAddress.Loopback, url.Port));
        }

        public Uri Url { get; }
        public Dictionary<string, string> Settings { get; } = [];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:NotesSync", $"Data Source={_database}");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Marketplace:HookSecret", HookSecret);
            builder.UseSetting("Notes:AllowInsecureHttp", "true");
            builder.UseSetting("Notes:AllowPrivateNetworks", "true");
            foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            SqliteConnection.ClearAllPools();
            File.Delete(_database);
        }
    }
}
