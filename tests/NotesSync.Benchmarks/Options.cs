using System.Globalization;

namespace NotesSync.Benchmarks;

public sealed class BenchOptions
{
    public static readonly string[] AllScenarios =
        ["notes-to-crm", "crm-to-notes", "two-way-match", "resync-after-first", "resync-unchanged", "resync-1pct",
            "crm-to-notes-shared-org", "resync-new-1pct"];

    public int Contacts { get; private set; } = 1000;
    public int Tasks { get; private set; } = -1;

    /// <summary>Calendar events (some all-day, some in New York's zone, one in a hundred a weekly series of four); none by default.</summary>
    public int Events { get; private set; }
    public List<string> Scenarios { get; } = [];
    public string? JsonPath { get; private set; }
    public double LatencyMs { get; private set; } = 20;
    public int ZohoConcurrency { get; private set; } = 10;
    public int NotesConcurrency { get; private set; } = 4;
    public int Seed { get; private set; } = 20240501;
    public int WarmUpContacts { get; private set; } = -1;
    public string? HostPath { get; private set; }
    public TimeSpan RunTimeout { get; private set; } = TimeSpan.FromMinutes(30);
    public bool KeepFiles { get; private set; }
    public string? CallsDirectory { get; private set; }

    public const string Usage = """
        NotesSync benchmark: the sync engine against its lower bound (issue 11).

          dotnet run -c Release --project tests/NotesSync.Benchmarks -- [options]

          --contacts N            contacts of the measured mailbox/organisation (default 1000)
          --tasks N               to-dos (default a fifth of the contacts)
          --scenario NAME         one of the scenarios below; repeat or separate by commas (default all)
          --json PATH             also write the results as JSON
          --latency-ms MS         latency of every simulated DAS and Zoho call (default 20)
          --zoho-concurrency N    Zoho's concurrency limit per organisation, and Zoho:MaxConcurrencyPerOrg (default 10)
          --notes-concurrency N   Notes:MaxConcurrency given to the host (default 4)
          --seed N                Bogus seed (default 20240501)
          --warmup N              contacts of the warm-up tenant synced first in each host (default as many as measured, at most 1000; 0: none)
          --host PATH             NotesSync.Web.dll to run (default: src/Web's build in this configuration)
          --run-timeout-min N     give up on a run after N minutes (default 30)
          --keep                  keep the host's database and log (their folder is printed)
          --calls DIR             write every call of each measured run to DIR/SCENARIO.calls.txt

        Scenarios: notes-to-crm, crm-to-notes, two-way-match (half the records already on both sides),
        resync-after-first (the run right after two-way-match), resync-unchanged (a steady re-sync, nothing
        changed), resync-1pct (1% changed on each side). These four share one host and one data set.
        crm-to-notes-shared-org (a first CRM → Notes sync, the CRM holding as many records again owned by a colleague),
        resync-new-1pct (then, two-way, 1% new contacts and to-dos added in Notes): these two share another host.

        Many users at once, on one node or several: --many-users (its options: --many-users --help).
        """;

    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--contacts": o.Contacts = Int(); break;
                case "--tasks": o.Tasks = Int(); break;
                case "--events": o.Events = Int(); break;
                case "--scenario":
                    foreach (var name in Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!AllScenarios.Contains(name)) throw new ArgumentException($"Unknown scenario '{name}'.");
                        o.Scenarios.Add(name);
                    }
                    break;
                case "--json": o.JsonPath = Next(); break;
                case "--latency-ms": o.LatencyMs = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--zoho-concurrency": o.ZohoConcurrency = Int(); break;
                case "--notes-concurrency": o.NotesConcurrency = Int(); break;
                case "--seed": o.Seed = Int(); break;
                case "--warmup": o.WarmUpContacts = Int(); break;
                case "--host": o.HostPath = Next(); break;
                case "--run-timeout-min": o.RunTimeout = TimeSpan.FromMinutes(Int()); break;
                case "--keep": o.KeepFiles = true; break;
                case "--calls": o.CallsDirectory = Next(); break;
                case "--help" or "-h": return null;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        if (o.Tasks < 0) o.Tasks = o.Contacts / 5;
        if (o.WarmUpContacts < 0) o.WarmUpContacts = Math.Min(o.Contacts, 1000);
        if (o.Scenarios.Count == 0) o.Scenarios.AddRange(AllScenarios);
        return o;
    }
}
