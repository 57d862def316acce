using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NotesSync.Simulators.Domino.Hosting;
using NotesSync.Simulators.Zoho;

namespace NotesSync.MultiNode.Tests;

/// <summary>
/// Two NotesSync nodes over one fresh PostgreSQL database, its jobs in the same database (Hangfire's PostgreSQL
/// storage), beside one simulated Domino server and one simulated Zoho, with organisations installed and their
/// users connected as the Marketplace and the widget do it.
/// </summary>
internal sealed class Cluster : IAsyncDisposable
{
    public const string HookSecret = "two-node-hook-secret";

    /// <summary>Four missed heartbeats (2.5 s each) and a run is abandoned: a killed node's runs end within seconds.</summary>
    public static readonly TimeSpan AbandonedRunGrace = TimeSpan.FromSeconds(10);

    /// <summary>A job taken by a node that died before starting its run is taken by another node after this.</summary>
    public static readonly TimeSpan JobInvisibility = TimeSpan.FromSeconds(20);

    private readonly List<NodeProcess> _nodes = [];
    private readonly Dictionary<string, string> _settings;

    private readonly Uri[] _addresses;

    private Cluster(TestPostgres database, DominoSimulator domino, ZohoSimulator zoho, Dictionary<string, string> settings, string logDir, Uri[] addresses)
    {
        _addresses = addresses;
        Database = database;
        Domino = domino;
        Zoho = zoho;
        _settings = settings;
        LogDir = logDir;
        Jobs = new SharedJobs(database.ConnectionString);
    }

    public TestPostgres Database { get; }
    public DominoSimulator Domino { get; }
    public ZohoSimulator Zoho { get; }
    public SharedJobs Jobs { get; }
    public string LogDir { get; }
    public IReadOnlyList<NodeProcess> Nodes => _nodes;
    public List<Organisation> Organisations { get; } = [];

    /// <summary>
    /// Migrates the database once (the <c>migrate</c> command), starts the first node, installs and connects every
    /// organisation through it (so the Data Protection key ring the nodes share exists), then starts the second.
    /// </summary>
    public static async Task<Cluster> StartAsync(params (string Company, int Users)[] organisations)
    {
        var database = await TestPostgres.CreateAsync();
        var domino = await DominoSimulator.StartAsync(new DominoSimulatorOptions());
        var zoho = await ZohoSimulator.StartAsync(new ZohoSimulatorOptions());
        var addresses = new[] { NodeProcess.FreeAddress(), NodeProcess.FreeAddress() };
        // Behind a load balancer every node answers the one registered redirect address; here the first node's.
        var redirect = new Uri(addresses[0], "oauth/zoho/callback");
        var orgs = organisations.Select(o => zoho.State.CreateOrg(new ZohoOrgSpec
        {
            CompanyName = o.Company, RedirectUri = redirect, Licences = o.Users + 5,
        })).ToList();

        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:NotesSync"] = database.ConnectionString,
            ["Jobs:Storage"] = "Postgres",
            ["Marketplace:HookSecret"] = HookSecret,
            ["Notes:AllowInsecureHttp"] = "true",
            ["Notes:AllowPrivateNetworks"] = "true",
            ["Zoho:AccountsUrl"] = zoho.AccountsUri.ToString(),
            ["Zoho:ClientId"] = orgs[0].Client.ClientId,
            ["Zoho:ClientSecret"] = orgs[0].Client.ClientSecret,
            ["Zoho:RedirectUri"] = redirect.ToString(),
            ["Sync:AbandonedRunGrace"] = AbandonedRunGrace.ToString("c", CultureInfo.InvariantCulture),
            ["Jobs:InvisibilityTimeout"] = JobInvisibility.ToString("c", CultureInfo.InvariantCulture),
            // The ledger proves "executed once" by each run being one Hangfire job: a run deferred for fairness is a
            // second job (Jobs:MaxSyncsPerOrganisation, tested in Web.Tests' SyncQueueTests), so the share is the workers'.
            ["Jobs:MaxSyncsPerOrganisation"] = "20",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        };
        var logDir = Directory.CreateTempSubdirectory("notessync-two-nodes-").FullName;
        var cluster = new Cluster(database, domino, zoho, settings, logDir, addresses);
        try
        {
            await NodeProcess.MigrateAsync(settings, logDir);
            await cluster.StartNodeAsync("node1", addresses[0]);
            for (var i = 0; i < orgs.Count; i++)
                cluster.Organisations.Add(await Organisation.InstallAsync(cluster, orgs[i], cluster.Nodes[0], seats: organisations[i].Users));
            await cluster.StartNodeAsync("node2", addresses[1]);
            for (var i = 0; i < orgs.Count; i++) await cluster.Organisations[i].AddUsersAsync(cluster, organisations[i].Users);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task StartNodeAsync(string name, Uri address) =>
        _nodes.Add(await NodeProcess.StartAsync(name, address, _settings, LogDir));

    /// <summary>The node whose process ran a Hangfire job (its server id names the process), or "?".</summary>
    public string NodeOf(string? serverId) =>
        _nodes.FirstOrDefault(n => serverId?.Contains($":{n.ProcessId}:", StringComparison.Ordinal) == true)?.Name ?? "?";

    /// <summary>The signed Marketplace install hook, as Zoho's Marketplace calls it.</summary>
    public static async Task<string> InstallHookAsync(NodeProcess node, ZohoOrg org, int seats)
    {
        var body = JsonSerializer.Serialize(new
        {
            orgId = org.Id, orgName = org.CompanyName,
            installer = new { userId = org.Admin.Id, email = org.Admin.Email, name = "Admin" },
            seats,
        });
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(HookSecret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        using var http = new HttpClient { BaseAddress = node.BaseUri };
        using var install = new HttpRequestMessage(HttpMethod.Post, "hooks/marketplace/install")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        install.Headers.Add("X-NotesSync-Timestamp", timestamp);
        install.Headers.Add("X-NotesSync-Signature", "sha256=" + Convert.ToHexStringLower(mac));
        var answer = await Ensure(await http.SendAsync(install), "install");
        return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orgSigningSecret").GetString()!;
    }

    /// <summary>
    /// A widget client of <paramref name="userId"/> for each node, started or not (one token, minted by the Development
    /// endpoint; the organisation's signing secret is in the shared database, so every node accepts it).
    /// </summary>
    public async Task<HttpClient[]> ClientsAsync(string orgId, string userId)
    {
        using var anonymous = new HttpClient { BaseAddress = _nodes[0].BaseUri };
        var minted = await Ensure(await anonymous.PostAsJsonAsync("dev/tokens", new { orgId, userId, minutes = 60 }), "token");
        var token = (await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        return [.. _addresses.Select(address =>
        {
            var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return client;
        })];
    }

    /// <summary>The Zoho OAuth round trip of the organisation's admin: consent on the simulator, our callback with the cookie.</summary>
    public async Task ConnectZohoAsync(HttpClient admin, ZohoOrg org)
    {
        var connect = await Ensure(await admin.PostAsync(new Uri("api/zoho/connect", UriKind.Relative), null), "zoho connect");
        var authorize = (await connect.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authorizeUrl").GetString()!;
        Zoho.State.SignIn(org.Admin);
        try
        {
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            var consent = await browser.GetAsync(new Uri(authorize));
            Assert.Equal(HttpStatusCode.Found, consent.StatusCode);
            using var callback = new HttpRequestMessage(HttpMethod.Get, consent.Headers.Location);
            callback.Headers.Add("Cookie", connect.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
            await Ensure(await browser.SendAsync(callback), "zoho callback");
        }
        finally
        {
            Zoho.State.SignIn(null);
        }
    }

    public static async Task<HttpResponseMessage> Ensure(HttpResponseMessage response, string what)
    {
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Found,
            $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var organisation in Organisations) organisation.Dispose();
        foreach (var node in _nodes) await node.DisposeAsync();
        await Zoho.DisposeAsync();
        await Domino.DisposeAsync();
        await Database.DisposeAsync();
    }
}
