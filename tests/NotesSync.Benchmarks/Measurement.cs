using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NotesSync.Benchmarks;

/// <summary>Outcome counts of one module as the run reports them.</summary>
public sealed record ModuleOutcome(
    int ToCrmCreated, int ToCrmUpdated, int ToCrmDeleted, int ToNotesCreated, int ToNotesUpdated, int ToNotesDeleted,
    int Unchanged, int SkippedPrivate, int Conflicts, int Failed)
{
    public static ModuleOutcome Of(JsonElement module)
    {
        int N(string side, string name) => module.GetProperty(side).GetProperty(name).GetInt32();
        int M(string name) => module.GetProperty(name).GetInt32();
        return new ModuleOutcome(N("toCrm", "created"), N("toCrm", "updated"), N("toCrm", "deleted"),
            N("toNotes", "created"), N("toNotes", "updated"), N("toNotes", "deleted"),
            M("unchanged"), M("skippedPrivate"), M("conflicts"), M("failed"));
    }

    public override string ToString() =>
        $"to CRM +{ToCrmCreated} ~{ToCrmUpdated} -{ToCrmDeleted}, to Notes +{ToNotesCreated} ~{ToNotesUpdated} -{ToNotesDeleted}, " +
        $"unchanged {Unchanged}, private {SkippedPrivate}, conflicts {Conflicts}, failed {Failed}";
}

/// <summary>
/// Where a run's time went, from the call logs: seconds with only DAS calls in flight, only Zoho calls, both, and
/// none (the host working, or waiting on its database), between the run's start and end.
/// </summary>
public sealed record TimeSplit(double DasOnly, double ZohoOnly, double Both, double NoCall)
{
    public static TimeSplit Of(IEnumerable<(bool Das, DateTimeOffset Start, DateTimeOffset End)> calls, DateTimeOffset from, DateTimeOffset to)
    {
        var edges = calls.SelectMany(c => new[] { (At: c.Start, Das: c.Das, Step: 1), (At: c.End, Das: c.Das, Step: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Step).ToList();
        double dasOnly = 0, zohoOnly = 0, both = 0, none = 0;
        int das = 0, zoho = 0;
        var last = from;
        foreach (var (at, isDas, step) in edges.Append((At: to, Das: false, Step: 0)))
        {
            var clipped = at < from ? from : at > to ? to : at;
            var span = (clipped - last).TotalSeconds;
            if (span > 0)
            {
                if (das > 0 && zoho > 0) both += span;
                else if (das > 0) dasOnly += span;
                else if (zoho > 0) zohoOnly += span;
                else none += span;
                last = clipped;
            }
            if (isDas) das += step;
            else zoho += step;
        }
        return new TimeSplit(dasOnly, zohoOnly, both, none);
    }
}

/// <summary>Everything measured about one scenario's run.</summary>
public sealed class ScenarioResult
{
    public required string Scenario { get; init; }
    public required string Description { get; init; }
    public required int Contacts { get; init; }
    public required int Tasks { get; init; }
    public required string Status { get; init; }
    public string? Error { get; init; }
    public required Dictionary<string, ModuleOutcome> Outcome { get; init; }

    /// <summary>What the scenario checked after the run, where it checks anything (null: nothing beyond the run's status).</summary>
    public ScenarioCheck? Check { get; set; }
    public required SideCalls Das { get; init; }
    public required SideCalls Zoho { get; init; }

    /// <summary>Zoho API credits the organisation's calls used during the run, as the simulator charged them (zoho.md §4).</summary>
    public required int ZohoCredits { get; init; }
    public required Minimum Minimum { get; init; }
    public required double LatencyMs { get; init; }
    public required int DasConcurrencyConfigured { get; init; }
    public required int ZohoConcurrency { get; init; }
    public required int DasPeakInFlight { get; init; }
    public required int ZohoPeakInFlight { get; init; }

    /// <summary>Minimum DAS calls × latency ÷ Notes:MaxConcurrency + minimum Zoho calls × latency ÷ the Zoho limit.</summary>
    public double LowerBoundSeconds => (Minimum.Das * LatencyMs / DasConcurrencyConfigured + Minimum.Zoho * LatencyMs / ZohoConcurrency) / 1000;

    /// <summary>The same formula over the calls the engine made, at the concurrency it was seen to use.</summary>
    public double MadeCallsBoundSeconds =>
        (Das.Total * LatencyMs / Math.Max(1, DasPeakInFlight) + Zoho.Total * LatencyMs / Math.Max(1, Math.Min(ZohoPeakInFlight, ZohoConcurrency))) / 1000;

    /// <summary>The run's own time, from its start to its end as the host recorded them (the queue wait left out).</summary>
    public required double WallSeconds { get; init; }

    /// <summary>The run's time by what was in flight.</summary>
    public required TimeSplit Split { get; init; }

    /// <summary>From the POST that started it to the poll that saw it end.</summary>
    public required double ObservedSeconds { get; init; }

    public double WallToLowerBound => LowerBoundSeconds > 0 ? WallSeconds / LowerBoundSeconds : double.NaN;
    public double CallsToMinimum => (double)(Das.Total + Zoho.Total) / Math.Max(1, Minimum.Das + Minimum.Zoho);

    public required long PeakWorkingSetBytes { get; init; }
    public required long WorkingSetBeforeBytes { get; init; }
    public required long AllocatedBytes { get; init; }
    public required long PeakManagedHeapBytes { get; init; }
    public required int Gen2Collections { get; init; }

    /// <summary>Methods the host's JIT compiled during the run (a warm host compiles few).</summary>
    public required long JittedMethods { get; init; }
    public required int Gen0Collections { get; init; }

    /// <summary>CPU time the host used during the run (its own work: JSON, mapping, EF Core, SQLite).</summary>
    public required double HostCpuSeconds { get; init; }

    /// <summary>CPU time of the benchmark's process meanwhile: both simulators, and the benchmark polling the run.</summary>
    public required double SimulatorsCpuSeconds { get; init; }
}

/// <summary>Runs one sync of a tenant and measures it: the calls each simulator saw, time, the host's memory.</summary>
public static class Measure
{
    public static async Task<ScenarioResult> RunAsync(
        Bench bench, Tenant tenant, string scenario, string description, Minimum minimum, CancellationToken ct)
    {
        var host = bench.Host;
        var before = await host.FreshSampleAsync(ct);
        var peakReset = host.ResetPeakWorkingSet();
        var dasStart = tenant.Domino.Calls.Calls.Count;
        var zohoStart = tenant.Zoho.State.Calls.Count;
        tenant.Domino.Concurrency.Reset();
        tenant.Org.ResetStatistics();
        var creditsBefore = tenant.Org.CreditsUsed;

        var benchCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var runId = await tenant.StartRunAsync(ct);
        var peakHeap = before.HeapBytes;
        JsonElement run;
        var until = DateTime.UtcNow + bench.Options.RunTimeout;
        while (true)
        {
            await Task.Delay(200, ct);
            if (host.TrySample() is { } sample) peakHeap = Math.Max(peakHeap, sample.HeapBytes);
            run = await tenant.RunAsync(runId, ct);
            if (run.GetProperty("status").GetString() is not ("queued" or "running")) break;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{scenario}: the run did not end within {bench.Options.RunTimeout}.");
        }
        clock.Stop();
        var credits = tenant.Org.CreditsUsed - creditsBefore;
        var simulatorsCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpu;
        var after = await host.FreshSampleAsync(ct);
        peakHeap = Math.Max(peakHeap, after.HeapBytes);

        var dasCalls = tenant.Domino.Calls.Calls.Skip(dasStart).ToList();
        var zohoCalls = tenant.Zoho.State.Calls.All.Skip(zohoStart).Where(c => c.OrgId is null || c.OrgId == tenant.Org.Id).ToList();
        var das = CallKinds.Domino(dasCalls);
        var zoho = CallKinds.Zoho(zohoCalls);
        if (bench.Options.CallsDirectory is { } directory)
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllLinesAsync(Path.Combine(directory, $"{scenario}.calls.txt"),
                dasCalls.Select(c => (c.At, Line: $"DAS  {c.At:HH:mm:ss.fff} {c.Duration.TotalMilliseconds,6:0.0} ms {c.Status} {c.Method} {c.Path}{c.Query}"))
                    .Concat(zohoCalls.Select(c => (c.At, Line: $"ZOHO {c.At:HH:mm:ss.fff} {c.Duration.TotalMilliseconds,6:0.0} ms {c.Status} {c.Method} {c.Path}{c.Query}")))
                    .OrderBy(c => c.At).Select(c => c.Line), ct);
        }
        var started = DateTimeOffset.Parse(run.GetProperty("startedAt").GetString()!, CultureInfo.InvariantCulture);
        var finished = run.TryGetProperty("finishedAt", out var f) && f.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(f.GetString()!, CultureInfo.InvariantCulture)
            : DateTimeOffset.UtcNow;

        return new ScenarioResult
        {
            Scenario = scenario,
            Description = description,
            Contacts = bench.Options.Contacts,
            Tasks = bench.Options.Tasks,
            Status = run.GetProperty("status").GetString()!,
            Error = run.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e.ToString() : null,
            Outcome = run.GetProperty("modules").EnumerateObject().ToDictionary(p => p.Name, p => ModuleOutcome.Of(p.Value)),
            Das = das,
            Zoho = zoho,
            ZohoCredits = credits,
            Minimum = minimum,
            LatencyMs = bench.Options.LatencyMs,
            DasConcurrencyConfigured = bench.Options.NotesConcurrency,
            ZohoConcurrency = bench.Options.ZohoConcurrency,
            DasPeakInFlight = tenant.Domino.Concurrency.Max,
            ZohoPeakInFlight = tenant.Org.PeakInFlight,
            WallSeconds = (finished - started).TotalSeconds,
            Split = TimeSplit.Of(
                dasCalls.Select(c => (true, c.At - c.Duration, c.At)).Concat(zohoCalls.Select(c => (false, c.At - c.Duration, c.At))),
                started, finished),
            ObservedSeconds = clock.Elapsed.TotalSeconds,
            PeakWorkingSetBytes = peakReset ? Math.Max(after.PeakRssBytes, before.RssBytes) : after.PeakRssBytes,
            WorkingSetBeforeBytes = before.RssBytes,
            AllocatedBytes = after.AllocatedBytes - before.AllocatedBytes,
            PeakManagedHeapBytes = peakHeap,
            Gen0Collections = after.Gen0 - before.Gen0,
            Gen2Collections = after.Gen2 - before.Gen2,
            JittedMethods = after.JittedMethods - before.JittedMethods,
            HostCpuSeconds = (after.Cpu - before.Cpu).TotalSeconds,
            SimulatorsCpuSeconds = simulatorsCpu.TotalSeconds,
        };
    }
}
