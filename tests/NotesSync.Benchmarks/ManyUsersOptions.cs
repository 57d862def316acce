using System.Globalization;

namespace NotesSync.Benchmarks;

/// <summary>The options of the many-users scenario (issue 23, item 6): <c>--many-users</c> and what follows it.</summary>
public sealed class ManyUsersOptions
{
    /// <summary>The connection string of a PostgreSQL server whose role may create databases, as the tests take it.</summary>
    public const string PostgresVariable = "NOTESSYNC_TEST_POSTGRES";

    public int Users { get; private set; } = 200;
    public int Organisations { get; private set; } = 4;
    public int ContactsPerUser { get; private set; } = 500;
    public int TasksPerUser { get; private set; } = -1;

    /// <summary>Each a configuration run from scratch: 1 then 2 is one node, then two nodes over one database.</summary>
    public List<int> Nodes { get; } = [];
    public double LatencyMs { get; private set; } = 20;
    public int ZohoConcurrency { get; private set; } = 10;
    public int NotesConcurrency { get; private set; } = 4;
    public int Seed { get; private set; } = 20240501;
    public string? Postgres { get; private set; } = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } set ? set : null;

    /// <summary>Host settings given to every node as they are, e.g. <c>Jobs:SyncWorkers=20</c>; they win over the benchmark's.</summary>
    public Dictionary<string, string> HostSettings { get; } = [];
    public string? JsonPath { get; private set; }
    public string? HostPath { get; private set; }
    public TimeSpan RoundTimeout { get; private set; } = TimeSpan.FromMinutes(50);
    public TimeSpan PollInterval { get; private set; } = TimeSpan.FromSeconds(3);
    public bool KeepFiles { get; private set; }

    public int UsersPerOrganisation(int organisation) => Users / Organisations + (organisation < Users % Organisations ? 1 : 0);

    public const string Usage = """
        NotesSync benchmark, many users (issue 23): every user's first sync started at once through the API, as the
        widget starts it, then a round of re-syncs with nothing changed; on one node, or on several over one PostgreSQL.

          dotnet run -c Release --project tests/NotesSync.Benchmarks -- --many-users [options]

          --users N               users in all (default 200), spread over the organisations
          --orgs N                Zoho organisations (default 4); one Domino server for every user
          --contacts N            contacts per user (default 500)
          --tasks N               to-dos per user (default a fifth of the contacts)
          --nodes N[,M…]          host processes sharing the database; each value a configuration from scratch (default 1)
          --postgres CONNECTION   a PostgreSQL server whose role may create databases (default $NOTESSYNC_TEST_POSTGRES);
                                  a database of the benchmark's own is created, migrated and dropped. Without it one
                                  node runs on SQLite and Hangfire in memory; several nodes need it
          --host-setting KEY=VAL  given to every node (repeat), e.g. Jobs:SyncWorkers=20
          --latency-ms MS         latency of every simulated DAS and Zoho call (default 20)
          --zoho-concurrency N    Zoho's limit per organisation, and Zoho:MaxConcurrencyPerOrg (default 10)
          --notes-concurrency N   Notes:MaxConcurrency (default 4)
          --seed N                Bogus seed (default 20240501; user i uses seed + i)
          --poll-s S              seconds between two polls of the runs not yet ended (default 3)
          --round-timeout-min N   give up on a round after N minutes (default 50; widget tokens last 60)
          --json PATH             also write the results as JSON
          --host PATH             NotesSync.Web.dll to run
          --keep                  keep the hosts' logs (their folder is printed) and the database
        """;

    /// <summary>Null when <paramref name="args"/> asks for help.</summary>
    public static ManyUsersOptions? Parse(IEnumerable<string> args)
    {
        var o = new ManyUsersOptions();
        var list = args.Where(a => a != "--many-users").ToList();
        for (var i = 0; i < list.Count; i++)
        {
            string Next() => i + 1 < list.Count ? list[++i] : throw new ArgumentException($"{list[i]} needs a value.");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (list[i])
            {
                case "--users": o.Users = Int(); break;
                case "--orgs": o.Organisations = Int(); break;
                case "--contacts": o.ContactsPerUser = Int(); break;
                case "--tasks": o.TasksPerUser = Int(); break;
                case "--nodes": o.Nodes.AddRange(Next().Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))); break;
                case "--postgres": o.Postgres = Next(); break;
                case "--host-setting":
                    var setting = Next().Split('=', 2);
                    if (setting.Length != 2) throw new ArgumentException("--host-setting wants KEY=VALUE.");
                    o.HostSettings[setting[0]] = setting[1];
                    break;
                case "--latency-ms": o.LatencyMs = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--zoho-concurrency": o.ZohoConcurrency = Int(); break;
                case "--notes-concurrency": o.NotesConcurrency = Int(); break;
                case "--seed": o.Seed = Int(); break;
                case "--poll-s": o.PollInterval = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--round-timeout-min": o.RoundTimeout = TimeSpan.FromMinutes(Int()); break;
                case "--json": o.JsonPath = Next(); break;
                case "--host": o.HostPath = Next(); break;
                case "--keep": o.KeepFiles = true; break;
                case "--help" or "-h": return null;
                default: throw new ArgumentException($"Unknown option '{list[i]}'.");
            }
        }

        if (o.TasksPerUser < 0) o.TasksPerUser = o.ContactsPerUser / 5;
        if (o.Nodes.Count == 0) o.Nodes.Add(1);
        if (o.Users < o.Organisations || o.Organisations < 1) throw new ArgumentException("--users must be at least --orgs, and --orgs at least 1.");
        if (o.Nodes.Any(n => n < 1)) throw new ArgumentException("--nodes wants positive counts.");
        if (o.Nodes.Any(n => n > 1) && o.Postgres is null)
            throw new ArgumentException($"Several nodes share a PostgreSQL database: give --postgres or set {PostgresVariable}.");
        return o;
    }
}
