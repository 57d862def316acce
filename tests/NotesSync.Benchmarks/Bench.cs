using NotesSync.Simulators.Domino.Hosting;
using NotesSync.Simulators.Zoho;
using static NotesSync.Benchmarks.Minimum;

namespace NotesSync.Benchmarks;

/// <summary>
/// One host process with its two simulators, two tenants (a small warm-up one, so that the measured runs meet a
/// host whose code is compiled, as a production node's is) and the scenarios of one chain.
/// </summary>
public sealed class Bench : IAsyncDisposable
{
    public const string HookSecret = "benchmark-hook-secret";
    private const string WarmUpPrefix = "warm-up ";

    /// <summary>
    /// How long a measured run waits after the previous one. A user's syncs come at least 15 minutes apart
    /// (autoSyncMinutes, api.md); run back to back, a re-sync would read the CRM within seconds of the last run's
    /// writes, before Zoho's clock is past them by the commit lag the engine allows (2 s, and 1 s for the answer's
    /// Date: src/Application/Sync/Engine/Checkpoints.cs), and would measure what no scheduled sync meets.
    /// </summary>
    private static readonly TimeSpan GapBeforeARun = TimeSpan.FromSeconds(5);

    /// <summary>Issue 23: a quiet sync of one user with three modules (contacts, to-dos, events) costs at most 10 Zoho credits.</summary>
    private const int QuietSyncCredits = 10;

    private readonly string _workDir;
    private readonly DominoSimulator _domino;
    private readonly ZohoSimulator _zoho;

    private Bench(BenchOptions options, string workDir, DominoSimulator domino, ZohoSimulator zoho, HostProcess host, Tenant warmUp, Tenant measured)
    {
        Options = options;
        _workDir = workDir;
        _domino = domino;
        _zoho = zoho;
        Host = host;
        WarmUp = warmUp;
        Measured = measured;
    }

    public BenchOptions Options { get; }
    public HostProcess Host { get; }
    public Tenant WarmUp { get; }
    public Tenant Measured { get; }

    public static async Task<Bench> StartAsync(BenchOptions options, CancellationToken ct)
    {
        var workDir = Directory.CreateTempSubdirectory("notessync-bench-").FullName;
        var latency = TimeSpan.FromMilliseconds(options.LatencyMs);
        var domino = await DominoSimulator.StartAsync(new DominoSimulatorOptions { Latency = latency, Seed = options.Seed }, ct);
        var zoho = await ZohoSimulator.StartAsync(new ZohoSimulatorOptions { Latency = latency }, ct);

        var hostUri = HostProcess.ReserveAddress();
        var redirect = new Uri(hostUri, "oauth/zoho/callback");
        var measured = Tenant.Create(domino, zoho, "Jane Doe", "Zylker Traders", redirect, options.ZohoConcurrency);
        var warmUp = Tenant.Create(domino, zoho, "Walter Warmup", "Warm-up Ltd", redirect, options.ZohoConcurrency);

        var settings = HostSettings.PointedAt(zoho, measured.Org.Client, redirect, options.NotesConcurrency, options.ZohoConcurrency);
        settings["ConnectionStrings:NotesSync"] = $"Data Source={Path.Combine(workDir, "notessync.db")}";
        settings["Database:Provider"] = "Sqlite";
        settings["Jobs:Storage"] = "InMemory";
        var host = await HostProcess.StartAsync(options.HostPath ?? HostProcess.DefaultHostPath(), workDir, hostUri, settings, ct);
        var bench = new Bench(options, workDir, domino, zoho, host, warmUp, measured);
        await warmUp.ConnectAsync(host, HookSecret, ct);
        await measured.ConnectAsync(host, HookSecret, ct);
        return bench;
    }

    public static async Task<List<ScenarioResult>> RunChainsAsync(BenchOptions options, Action<ScenarioResult> report, CancellationToken ct)
    {
        var results = new List<ScenarioResult>();
        var chains = new (string[] Scenarios, Func<Bench, Tenant, DataSet, bool, Action<ScenarioResult>, CancellationToken, Task> Run)[]
        {
            (["notes-to-crm"], NotesToCrmAsync),
            (["crm-to-notes"], CrmToNotesAsync),
            (["two-way-match", "resync-after-first", "resync-unchanged", "resync-1pct"], TwoWayAsync),
            (["crm-to-notes-shared-org", "resync-new-1pct"], SharedOrgAsync),
        };
        foreach (var (scenarios, run) in chains.Where(c => c.Scenarios.Any(options.Scenarios.Contains)))
        {
            await using var bench = await StartAsync(options, ct);
            Console.WriteLine($"# host pid {bench.Host.ProcessId} at {bench.Host.BaseUri}, files in {bench._workDir}");
            if (options.WarmUpContacts > 0)
            {
                var small = new DataSet(options.WarmUpContacts, Math.Max(1, options.WarmUpContacts / 5), options.Seed + 1,
                    events: options.Events > 0 ? Math.Max(1, options.WarmUpContacts / 5) : 0);
                await run(bench, bench.WarmUp, small, false, _ => { }, ct);
                await bench.Host.QuietJitAsync(ct);
            }

            var data = new DataSet(options.Contacts, options.Tasks, options.Seed, events: options.Events);
            await run(bench, bench.Measured, data, true, r =>
            {
                if (!options.Scenarios.Contains(r.Scenario)) return;
                results.Add(r);
                report(r);
            }, ct);
        }
        return results;
    }

    /// <summary>
    /// A measured step when <paramref name="measure"/>, else a plain run (preparing, or warming up). Then
    /// <paramref name="check"/>, if given, says whether the data arrived where it must: reported with the measure, and
    /// thrown when warming up.
    /// </summary>
    /// <paramref name="creditLimit"/>: when given, the measured run checks that it used at most that many Zoho credits.
    private async Task StepAsync(
        Tenant tenant, bool measure, string scenario, string description, Minimum minimum, Action<ScenarioResult> report, CancellationToken ct,
        Func<ScenarioCheck>? check = null, int? creditLimit = null)
    {
        if (!measure)
        {
            await SettleAsync(tenant, $"{WarmUpPrefix}{scenario}", ct);
            if (check?.Invoke() is { Passed: false } failed) throw new InvalidOperationException($"{WarmUpPrefix}{scenario}: {failed}");
            return;
        }

        await Task.Delay(GapBeforeARun, ct);
        Console.WriteLine($"# {scenario}: running…");
        var result = await Measure.RunAsync(this, tenant, scenario, description, minimum, ct);
        result.Check = check?.Invoke() ?? (creditLimit is { } limit ? Checks.CreditsWithin(result, limit) : null);
        report(result);
    }

    /// <summary>A run that is not measured, which must succeed.</summary>
    private async Task SettleAsync(Tenant tenant, string what, CancellationToken ct)
    {
        var run = await tenant.SyncAsync(Options.RunTimeout, ct);
        var status = run.GetProperty("status").GetString();
        if (status != "succeeded") throw new InvalidOperationException($"{what} ended {status}: {run}");
    }

    private static async Task NotesToCrmAsync(Bench b, Tenant t, DataSet data, bool measure, Action<ScenarioResult> report, CancellationToken ct)
    {
        var (nc, nt, _, _) = data.Place(t, _ => Placement.Notes);
        var (ne, _, _) = data.PlaceEvents(t, _ => Placement.Notes);
        await t.SettingsAsync("notesToCrm", ct, events: data.Events.Count > 0);
        ModuleWork Work(int n) => new(NotesRows: n, NotesReads: n, NotesWrites: 0, CrmChanged: 0, ReSync: false, CrmCreates: n, CrmUpdates: 0, CrossReferences: 0);
        var companies = data.CompaniesOf(_ => Placement.Notes, Placement.Notes);
        await b.StepAsync(t, measure, "notes-to-crm", "first sync Notes → CRM into an empty CRM",
            Of([Work(nc), Work(nt), .. Events(data, Work(ne))]).WithAccounts(companies, []), report, ct);
    }

    private static async Task CrmToNotesAsync(Bench b, Tenant t, DataSet data, bool measure, Action<ScenarioResult> report, CancellationToken ct)
    {
        var (_, _, cc, ct2) = data.Place(t, _ => Placement.Crm);
        var (_, ce, _) = data.PlaceEvents(t, _ => Placement.Crm);
        await t.SettingsAsync("crmToNotes", ct, events: data.Events.Count > 0);
        ModuleWork Work(int n) => new(NotesRows: 0, NotesReads: 0, NotesWrites: n, CrmChanged: n, ReSync: false, CrmCreates: 0, CrmUpdates: 0, CrossReferences: n);
        await b.StepAsync(t, measure, "crm-to-notes", "first sync CRM → Notes into an empty mail file",
            Of([Work(cc), Work(ct2), .. Events(data, Work(ce))]), report, ct);
    }

    private static async Task TwoWayAsync(Bench b, Tenant t, DataSet data, bool measure, Action<ScenarioResult> report, CancellationToken ct)
    {
        var (nc, nt, cc, ct2) = data.Place(t, DataSet.HalfShared);
        var (ne, ce, sharedE) = data.PlaceEvents(t, DataSet.HalfShared);
        await t.SettingsAsync("twoWay", ct, events: data.Events.Count > 0);
        int Shared(int count) => Enumerable.Range(0, count).Count(i => DataSet.HalfShared(i) == Placement.Both);
        var (sharedC, sharedT) = (Shared(data.People.Count), Shared(data.ToDos.Count));
        ModuleWork First(int notes, int crm, int shared) => new(NotesRows: notes, NotesReads: notes, NotesWrites: crm - shared,
            CrmChanged: crm, ReSync: false, CrmCreates: notes - shared, CrmUpdates: 0, CrossReferences: crm);
        var written = data.CompaniesOf(DataSet.HalfShared, Placement.Notes);
        var existing = data.CompaniesOf(DataSet.HalfShared, Placement.Crm, Placement.Both);
        await b.StepAsync(t, measure, "two-way-match", "first two-way sync, half the records already on both sides (matched)",
            Of([First(nc, cc, sharedC), First(nt, ct2, sharedT), .. Events(data, First(ne, ce, sharedE))]).WithAccounts(written, existing), report, ct);

        var (allC, allT) = (nc + cc - sharedC, nt + ct2 - sharedT);
        var allE = ne + ce - sharedE;
        ModuleWork Quiet(int n) => new(NotesRows: n, NotesReads: 0, NotesWrites: 0, CrmChanged: 0, ReSync: true, CrmCreates: 0, CrmUpdates: 0, CrossReferences: 0);
        await b.StepAsync(t, measure, "resync-after-first", "two-way re-sync right after the first sync, nothing changed by users",
            Of([Quiet(allC), Quiet(allT), .. Events(data, Quiet(allE))]), report, ct);
        await b.StepAsync(t, measure, "resync-unchanged", "two-way re-sync, nothing changed (steady state)",
            Of([Quiet(allC), Quiet(allT), .. Events(data, Quiet(allE))]), report, ct, creditLimit: QuietSyncCredits);

        var (notesC, notesT, crmC, crmT) = DataSet.ChangeOnePercent(t);
        ModuleWork Changed(int n, int inNotes, int inCrm) => new(NotesRows: n, NotesReads: inNotes + inCrm, NotesWrites: inCrm,
            CrmChanged: inCrm, ReSync: true, CrmCreates: 0, CrmUpdates: inNotes, CrossReferences: 0);
        await b.StepAsync(t, measure, "resync-1pct", $"two-way re-sync, 1% changed on each side ({notesC + notesT} in Notes, {crmC + crmT} in the CRM)",
            Of([Changed(allC, notesC, crmC), Changed(allT, notesT, crmT), .. Events(data, Quiet(allE))]), report, ct);
    }

    /// <summary>
    /// The user owns N contacts and M to-dos, and the organisation's CRM holds as many again owned by a colleague. A
    /// first CRM → Notes sync reads the module's every record and copies the user's; then, two-way, 1% new contacts
    /// and to-dos added in Notes are created in the CRM, after a lookup of what the CRM holds for them.
    /// </summary>
    private static async Task SharedOrgAsync(Bench b, Tenant t, DataSet data, bool measure, Action<ScenarioResult> report, CancellationToken ct)
    {
        var colleague = t.Org.AddUser("Colin", "Colleague", $"colin.colleague@{t.Org.Id}.example");
        var theirs = new DataSet(data.People.Count, data.ToDos.Count, b.Options.Seed + 100, tag: "colleague");
        var (_, _, cc, ct2) = data.Place(t, _ => Placement.Crm);
        var (_, _, theirC, theirT) = theirs.Place(t, _ => Placement.Crm, owner: colleague);
        await t.SettingsAsync("crmToNotes", ct);
        ModuleWork First(int users, int colleagues) => new(NotesRows: 0, NotesReads: 0, NotesWrites: users,
            CrmChanged: users + colleagues, ReSync: false, CrmCreates: 0, CrmUpdates: 0, CrossReferences: users);
        await b.StepAsync(t, measure, "crm-to-notes-shared-org",
            "first sync CRM → Notes into an empty mail file, the CRM holding as many records again owned by a colleague",
            Of(First(cc, theirC), First(ct2, theirT)), report, ct, () => Checks.OnlyTheUsersRecordsInNotes(t, data));

        // Two-way from here. The run right after a first sync pages through the first's own cross-reference stamps
        // (resync-after-first measures that): run it unmeasured, so that the next one measures the new items alone.
        await t.SettingsAsync("twoWay", ct);
        await b.SettleAsync(t, "the re-sync after crm-to-notes-shared-org", ct);
        // Without companies: the Accounts' cost is the first syncs' to measure, not this one's.
        var added = new DataSet(Math.Max(1, cc / 100), Math.Max(1, ct2 / 100), b.Options.Seed + 200, tag: "new", withCompanies: false);
        added.AddToNotesNow(t);
        var (newC, newT) = (added.People.Count, added.ToDos.Count);
        ModuleWork New(int rows, int created) => new(NotesRows: rows, NotesReads: created, NotesWrites: 0,
            CrmChanged: 0, ReSync: true, CrmCreates: created, CrmUpdates: 0, CrossReferences: 0);
        await b.StepAsync(t, measure, "resync-new-1pct",
            $"two-way re-sync, 1% new in Notes ({newC} contacts, {newT} to-dos) looked up in the CRM and created there",
            Of(New(cc + newC, newC), New(ct2 + newT, newT)), report, ct, () => Checks.AddedOnceAsTheUsers(t, added, colleague, theirC, theirT));
    }

    /// <summary>The events module's work when the data set has events (its list pages are the calendar's, 100 a page).</summary>
    private static ModuleWork[] Events(DataSet data, ModuleWork work) => data.Events.Count > 0 ? [work] : [];

    public async ValueTask DisposeAsync()
    {
        Measured.Api?.Dispose();
        WarmUp.Api?.Dispose();
        await Host.DisposeAsync();
        await _zoho.DisposeAsync();
        await _domino.DisposeAsync();
        if (!Options.KeepFiles)
        {
            try
            {
                Directory.Delete(_workDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
