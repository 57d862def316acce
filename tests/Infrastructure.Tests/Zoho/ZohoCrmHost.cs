using System.Globalization;
using System.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Application.Common;
using NotesSync.Application.Crm;
using NotesSync.Infrastructure.Zoho;
using NotesSync.Application.Zoho;
using NotesSync.Domain.Accounts;
using NotesSync.Infrastructure.Persistence;
using NotesSync.Simulators.Zoho;
using DomainZohoUser = NotesSync.Domain.Accounts.ZohoUser;

namespace NotesSync.Infrastructure.Tests.Zoho;

/// <summary>
/// A Zoho simulator with one organisation, and NotesSync's Infrastructure wired to it the way the host wires it: a
/// real SQLite file with every migration, <c>AddInfrastructure</c>, the organisation's OAuth client in <c>Zoho:*</c>,
/// and the organisation installed. <see cref="ConnectAsync"/> or <see cref="ConnectThroughConsentAsync"/> connects it.
/// </summary>
internal sealed class ZohoCrmHost : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"notessync-zoho-{Guid.NewGuid():N}.db");
    private readonly List<ServiceProvider> _nodes = [];
    private readonly List<AsyncServiceScope> _scopes = [];
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider _clock;

    private ZohoCrmHost(ZohoSimulator simulator, ZohoOrg org, Dictionary<string, string?> settings, TimeProvider clock, string? postgres)
    {
        Simulator = simulator;
        Org = org;
        _settings = settings;
        _clock = clock;
        _settings["Database:Provider"] = postgres is null ? "Sqlite" : "Postgres";
        _settings["ConnectionStrings:NotesSync"] = postgres ?? $"Data Source={_path}";
        _settings["Zoho:AccountsUrl"] = simulator.AccountsUri.ToString();
        _settings["Zoho:ClientId"] = org.Client.ClientId;
        _settings["Zoho:ClientSecret"] = org.Client.ClientSecret;
        _settings["Zoho:RedirectUri"] = org.Client.RedirectUri.OriginalString;
        Services = AddNode();
    }

    public ZohoSimulator Simulator { get; }

    public ZohoOrg Org { get; }

    public string OrgId => Org.Id;

    /// <summary>The first node's services.</summary>
    public ServiceProvider Services { get; }

    public IZohoCrm Crm => Resolve<IZohoCrm>(Services);

    /// <param name="settings">More configuration of every node (<c>Zoho:ConcurrencyScope</c> and the like).</param>
    /// <param name="postgres">A PostgreSQL database's connection string to use instead of a SQLite file.</param>
    public static async Task<ZohoCrmHost> StartAsync(
        int maxConcurrencyPerOrg = 10, ZohoSimulatorOptions? simulator = null, ZohoOrgSpec? org = null, TimeProvider? clock = null,
        int maxThrottleRetries = 6, IReadOnlyDictionary<string, string?>? settings = null, string? postgres = null)
    {
        var zoho = await ZohoSimulator.StartAsync(simulator);
        var zohoOrg = zoho.State.CreateOrg(org);
        var configuration = new Dictionary<string, string?>
        {
            ["Zoho:MaxConcurrencyPerOrg"] = maxConcurrencyPerOrg.ToString(CultureInfo.InvariantCulture),
            ["Zoho:MaxThrottleRetries"] = maxThrottleRetries.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;
        var host = new ZohoCrmHost(zoho, zohoOrg, configuration, clock ?? TimeProvider.System, postgres);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>();
        await db.Database.MigrateAsync();
        var secrets = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var admin = zohoOrg.Admin;
        db.Accounts.Add(SyncAccount.Install(zohoOrg.Id, zohoOrg.CompanyName, new DomainZohoUser(admin.Id, admin.Email, admin.FullName), 5,
            secrets.Protect(SecretPurpose.OrgSigningSecret, SecretOwner.Organisation(zohoOrg.Id), "org-signing-secret"), host._clock.GetUtcNow()));
        await db.SaveChangesAsync();
        return host;
    }

    /// <summary>Another node of the same deployment: its own memory, the same database.</summary>
    public ServiceProvider AddNode()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var node = new ServiceCollection().AddLogging().AddSingleton(_clock).AddInfrastructure(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        lock (_gate) _nodes.Add(node);
        return node;
    }

    public T Resolve<T>(IServiceProvider node)
        where T : notnull
    {
        var scope = ((ServiceProvider)node).CreateAsyncScope();
        lock (_gate) _scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<T>();
    }

    /// <summary>Connects with tokens as if the admin had consented (the simulator issues them directly).</summary>
    public async Task<ZohoTokenSet> ConnectAsync()
    {
        var tokens = Simulator.State.IssueTokens(Org.Admin);
        await StoreConnectionAsync(tokens.RefreshToken!, Simulator.AccountsUri, new Uri(Simulator.ApiDomain));
        return tokens;
    }

    /// <summary>The real round trip: the authorize URL, the simulator's redirect back with a code, the code exchange.</summary>
    public async Task ConnectThroughConsentAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IZohoAuthorization>();
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var consent = await browser.GetAsync(authorization.AuthorizeUrl("state-from-notessync"));
        var back = HttpUtility.ParseQueryString(consent.Headers.Location!.Query);
        Assert.Equal("state-from-notessync", back["state"]);

        var server = authorization.TrustedAccountsServer(back["accounts-server"]);
        var grant = await authorization.ExchangeCodeAsync(server.Value, back["code"]!, default);
        Assert.True(grant.IsSuccess, grant.Error?.Message);
        await StoreConnectionAsync(grant.Value.RefreshToken, grant.Value.AccountsServer, grant.Value.ApiDomain);
        await authorization.KeepAccessTokenAsync(OrgId, grant.Value, default);
    }

    private async Task StoreConnectionAsync(string refreshToken, Uri accountsServer, Uri apiDomain)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>();
        var secrets = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var account = await db.Accounts.SingleAsync(a => a.OrgId == OrgId);
        account.ConnectZoho(ZohoConnection.Create(secrets.Protect(SecretPurpose.ZohoRefreshToken, SecretOwner.Organisation(OrgId), refreshToken),
            accountsServer.ToString(), apiDomain.ToString(), Org.Admin.Id, _clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    public async Task<SyncAccount> AccountAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>().Accounts.AsNoTracking().SingleAsync(a => a.OrgId == OrgId);
    }

    /// <summary>The CRM calls the simulator answered for the organisation, by method and path (query left out).</summary>
    public IReadOnlyList<ZohoCall> Calls(string method, string path) =>
        Simulator.State.Calls.ForOrg(OrgId).Where(c => c.Method == method && c.Path == path).ToList();

    /// <summary>Token endpoint calls: the accounts server knows no org, so these are counted for the whole simulator.</summary>
    public int TokenCalls => Simulator.State.Calls.All.Count(c => c.Path == "/oauth/v2/token");

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes) await scope.DisposeAsync();
        foreach (var node in _nodes) await node.DisposeAsync();
        await Simulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
        NotesSync.ReferenceCheck.Conformance.Require(zoho: Simulator.Journal);
    }
}
