using System.Diagnostics;
using NotesSync.Simulators.Domino.Hosting;
using NotesSync.Simulators.Domino.State;
using NotesSync.Simulators.Zoho;

namespace NotesSync.Benchmarks;

/// <summary>
/// What the many-users scenario runs against: one Domino server (one DAS simulator) for every user, one Zoho
/// simulator with several organisations, and one or more host processes; several share one PostgreSQL database
/// (migrated once by <c>migrate</c>, Hangfire's queue in it), one alone runs on SQLite unless given PostgreSQL.
/// </summary>
public sealed class ManyUsersEnvironment : IAsyncDisposable
{
    private readonly ManyUsersOptions _options;
    private readonly string _workDir;
    private PostgresDatabase? _database;

    private ManyUsersEnvironment(ManyUsersOptions options, string workDir, DominoSimulator domino, ZohoSimulator zoho)
    {
        _options = options;
        _workDir = workDir;
        Domino = domino;
        Zoho = zoho;
    }

    public DominoSimulator Domino { get; }
    public ZohoSimulator Zoho { get; }
    public List<HostProcess> Nodes { get; } = [];
    public List<Tenant> Admins { get; } = [];
    public List<SyncUser> Users { get; } = [];

    /// <summary>"PostgreSQL" or "SQLite": what the nodes store their data and their jobs in.</summary>
    public string DatabaseKind => _database is null ? "SQLite, jobs in memory" : "PostgreSQL, jobs in PostgreSQL";

    public static async Task<ManyUsersEnvironment> StartAsync(ManyUsersOptions options, int nodes, CancellationToken ct)
    {
        var workDir = Directory.CreateTempSubdirectory("notessync-many-users-").FullName;
        var latency = TimeSpan.FromMilliseconds(options.LatencyMs);
        var domino = await DominoSimulator.StartAsync(new DominoSimulatorOptions { Latency = latency, Seed = options.Seed }, ct);
        var zoho = await ZohoSimulator.StartAsync(new ZohoSimulatorOptions { Latency = latency }, ct);
        var environment = new ManyUsersEnvironment(options, workDir, domino, zoho);
        try
        {
            await environment.StartNodesAsync(nodes, ct);
            await environment.AddUsersAsync(ct);
            return environment;
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }
    }

    private async Task StartNodesAsync(int nodes, CancellationToken ct)
    {
        var addresses = Enumerable.Range(0, nodes).Select(_ => HostProcess.ReserveAddress()).ToList();
        // Every organisation's admin consents on the first node: the OAuth client has one redirect URI.
        var redirect = new Uri(addresses[0], "oauth/zoho/callback");
        for (var k = 0; k < _options.Organisations; k++)
            Admins.Add(Tenant.Create(Domino, Zoho, $"Admin Org{k + 1:00}", $"Benchmark Org {k + 1}", redirect, _options.ZohoConcurrency));

        var settings = HostSettings.PointedAt(Zoho, Admins[0].Org.Client, redirect, _options.NotesConcurrency, _options.ZohoConcurrency);
        var hostDll = _options.HostPath ?? HostProcess.DefaultHostPath();
        if (_options.Postgres is { } server)
        {
            _database = await PostgresDatabase.CreateAsync(server, _options.KeepFiles, ct);
            settings["Database:Provider"] = "Postgres";
            settings["Jobs:Storage"] = "Postgres";
            settings["ConnectionStrings:NotesSync"] = _database.ConnectionString;
        }
        else
        {
            settings["Database:Provider"] = "Sqlite";
            settings["Jobs:Storage"] = "InMemory";
            settings["ConnectionStrings:NotesSync"] = $"Data Source={Path.Combine(_workDir, "notessync.db")}";
        }

        // Every user of an organisation connects Notes within a minute here: past 30 an organisation in 15 minutes
        // (the default, against password guessing) the rest would be refused, as a real onboarding that fast would be.
        settings["Notes:SignInAttempts:PerOrg"] = (_options.UsersPerOrganisation(0) + 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in _options.HostSettings) settings[key] = value;
        if (_database is not null) await HostProcess.MigrateAsync(hostDll, settings, ct);
        for (var i = 0; i < nodes; i++)
        {
            var nodeDir = Directory.CreateDirectory(Path.Combine(_workDir, $"node-{i + 1}")).FullName;
            Nodes.Add(await HostProcess.StartAsync(hostDll, nodeDir, addresses[i], settings, ct));
        }
    }

    /// <summary>
    /// Installs each organisation with a seat per user and connects its Zoho through the first node, then gives each
    /// user their Zoho user, their mail file on the one Domino server, their data (half on both sides, two-way), a
    /// seat, a widget token on the node the user's widget talks to, their Notes connection and their settings.
    /// </summary>
    private async Task AddUsersAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < Admins.Count; k++)
        {
            var admin = Admins[k];
            await admin.ConnectAsync(Nodes[0], Bench.HookSecret, ct, seats: _options.UsersPerOrganisation(k));
            // The simulator checks duplicates on an index it builds for each write: inserting a whole organisation's
            // records one by one would take quadratic time. The data sets are without duplicates (e-mails tagged by
            // user, companies placed once); the check is back on before any sync.
            admin.Org.SystemDuplicateCheck = false;
            for (var j = 0; j < _options.UsersPerOrganisation(k); j++)
            {
                var index = Users.Count;
                var tenant = j == 0 ? admin : NewTenant(admin, k, j);
                var zohoUser = j == 0 ? admin.Org.Admin : admin.Org.Users.Single(u => u.Email == Email(k, j));
                if (j > 0) await SyncUser.AddSeatAsync(admin, zohoUser, ct);
                var made = Stopwatch.StartNew();
                var data = new DataSet(_options.ContactsPerUser, _options.TasksPerUser, _options.Seed + index, tag: $"u{index + 1:000}");
                var generated = made.Elapsed;
                data.Place(tenant, DataSet.HalfShared, owner: zohoUser);
                Users.Add(new SyncUser(index, k, tenant, zohoUser, Nodes[index % Nodes.Count]));
                if (Users.Count % 20 == 0)
                    Console.WriteLine($"#   {Users.Count} users' data placed ({clock.Elapsed.TotalSeconds:0} s; the last: made in {generated.TotalSeconds:0.00} s, placed in {(made.Elapsed - generated).TotalSeconds:0.00} s)");
            }
        }

        foreach (var admin in Admins) admin.Org.SystemDuplicateCheck = true;
        await Parallel.ForEachAsync(Users, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (user, token) => await user.ConnectAsync(token));
    }

    private Tenant NewTenant(Tenant admin, int organisation, int number)
    {
        var name = $"User{number:00} Org{organisation + 1:00}";
        var password = $"Bench-{organisation + 1}-{number}";
        var notesUser = Domino.State.AddUser(new NotesUserSpec(name, password) { ShortName = $"o{organisation + 1}u{number:00}" });
        admin.Org.AddUser($"User{number:00}", $"Org{organisation + 1:00}", Email(organisation, number));
        return new Tenant(Domino, Zoho, admin.Org, notesUser, password);
    }

    private static string Email(int organisation, int number) => $"user{number:00}@org{organisation + 1:00}.example";

    public async ValueTask DisposeAsync()
    {
        foreach (var user in Users) user.Dispose();
        foreach (var admin in Admins) admin.Api?.Dispose();
        foreach (var node in Nodes) await node.DisposeAsync();
        await Zoho.DisposeAsync();
        await Domino.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        if (_options.KeepFiles)
        {
            Console.WriteLine($"# kept: {_workDir}{(_database is null ? "" : $", database {_database.Name}")}");
            return;
        }

        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
