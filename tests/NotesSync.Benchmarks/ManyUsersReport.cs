using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotesSync.Benchmarks;

/// <summary>The many-users scenario's entry point and its report (text, a Markdown table, JSON).</summary>
public static class ManyUsersReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> MainAsync(string[] args, CancellationToken ct)
    {
        ManyUsersOptions? options;
        try
        {
            options = ManyUsersOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(ManyUsersOptions.Usage);
            return 2;
        }

        if (options is null)
        {
            Console.WriteLine(ManyUsersOptions.Usage);
            return 0;
        }

        Console.WriteLine($"# NotesSync benchmark, many users: {options.Users} users × {options.ContactsPerUser} contacts and {options.TasksPerUser} to-dos, " +
            $"{options.Organisations} organisations, one Domino server; latency {options.LatencyMs} ms, Zoho limit {options.ZohoConcurrency}/org, " +
            $"Notes:MaxConcurrency {options.NotesConcurrency}, seed {options.Seed}; host settings: {Settings(options.HostSettings)}");
        Console.WriteLine($"# machine: {Report.Machine()}");
        var results = new List<ManyUsersResult>();
        foreach (var nodes in options.Nodes)
        {
            Console.WriteLine($"# {nodes} node(s): preparing {options.Users} users…");
            await using var env = await ManyUsersEnvironment.StartAsync(options, nodes, ct);
            Console.WriteLine($"# nodes: {string.Join(", ", env.Nodes.Select(n => $"pid {n.ProcessId} at {n.BaseUri}"))}; {env.DatabaseKind}");
            foreach (var round in new[] { "first-syncs", "no-change" })
            {
                var result = await ManyUsersRound.RunAsync(env, options, round, ct);
                results.Add(result);
                Console.WriteLine(Text(result));
            }
        }

        Console.WriteLine(Table(results));
        if (options.JsonPath is { } path)
        {
            var json = JsonSerializer.Serialize(new { machine = Report.Machine(), takenAt = DateTimeOffset.UtcNow, rounds = results }, Json);
            await File.WriteAllTextAsync(path, json, ct);
            Console.WriteLine($"# JSON written to {Path.GetFullPath(path)}");
        }

        return results.All(r => r.Failed == 0 && r.FailedItems == 0) ? 0 : 1;
    }

    /// <summary>One round in full: runs, times, each organisation's Zoho side, the Domino server, each node.</summary>
    public static string Text(ManyUsersResult r)
    {
        var s = new StringBuilder();
        s.AppendLine(Invariant, $"## {r.Round} on {r.Nodes} node(s), {r.Database}; host settings: {Settings(r.HostSettings)}");
        s.AppendLine(Invariant, $"   runs: {r.Succeeded} succeeded, {r.PartiallySucceeded} partially, {r.Failed} failed or unfinished" +
            $"{(r.ErrorCodes.Count == 0 ? "" : $" ({string.Join(", ", r.ErrorCodes.Select(e => $"{e.Key} ×{e.Value}"))})")}, {r.FailedItems} items failed");
        s.AppendLine(Invariant, $"   {r.SyncsPerMinute:0.0} syncs per minute: the last that succeeded finished {r.WallSeconds:0.0} s after the first was queued " +
            $"(the last run ended at {r.LastEndedSeconds:0.0} s); at most {r.PeakRunning} runs running at once");
        s.AppendLine(Invariant, $"   runs that succeeded: queued → finished p50 {r.QueuedToFinishedP50:0.0} s, p95 {r.QueuedToFinishedP95:0.0} s, max {r.QueuedToFinishedMax:0.0} s; " +
            $"started → finished p50 {r.StartedToFinishedP50:0.0} s, p95 {r.StartedToFinishedP95:0.0} s, max {r.StartedToFinishedMax:0.0} s");
        s.AppendLine(Invariant, $"   Domino server: {r.DasCalls} calls, at most {r.DasPeakInFlight} in flight, {r.DasErrors} 429/5xx");
        foreach (var o in r.Orgs)
            s.AppendLine(Invariant, $"   Zoho org {o.Organisation} ({o.Users} users): {o.ZohoCalls} calls, at most {o.ZohoPeakInFlight} in flight " +
                $"(limit {r.ZohoConcurrency}), {o.Zoho429s} × 429, {o.CreditRejections} credit refusals; its runs that succeeded: queued → finished p50 " +
                $"{o.QueuedToFinishedP50:0.0} s, the last finished at {o.LastFinishedSeconds:0.0} s");
        foreach (var n in r.NodeFigures)
            s.AppendLine(Invariant, $"   node {n.Node} (pid {n.ProcessId}): CPU {n.CpuSeconds:0.0} s ({n.CpuSeconds / Math.Max(1, r.WallSeconds) * 100:0}% of a core), " +
                $"peak working set {Mb(n.PeakWorkingSetBytes)} (before {Mb(n.WorkingSetBeforeBytes)}), allocated {Mb(n.AllocatedBytes)}");
        s.AppendLine(Invariant, $"   simulators and polling: CPU {r.BenchCpuSeconds:0.0} s, on {Environment.ProcessorCount} cores");
        return s.ToString();
    }

    /// <summary>Every round, one line each, as README's Performance section shows them.</summary>
    public static string Table(IReadOnlyList<ManyUsersResult> results)
    {
        var s = new StringBuilder();
        s.AppendLine("| round | nodes | host settings | runs ok / failed | syncs/min | queued→finished p50 / p95 (s) | started→finished p50 / p95 (s) | " +
            "runs at once | Zoho peak in flight per org | 429s | DAS peak in flight | host CPU (s) | peak working set per node (MiB) |");
        s.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            s.AppendLine(Invariant,
                $"| {r.Round} | {r.Nodes} | {Settings(r.HostSettings)} | {r.Succeeded + r.PartiallySucceeded} / {r.Failed} | {r.SyncsPerMinute:0.0} | " +
                $"{r.QueuedToFinishedP50:0.0} / {r.QueuedToFinishedP95:0.0} | {r.StartedToFinishedP50:0.0} / {r.StartedToFinishedP95:0.0} | {r.PeakRunning} | " +
                $"{string.Join(", ", r.Orgs.Select(o => o.ZohoPeakInFlight))} | {r.Zoho429s} | {r.DasPeakInFlight} | " +
                $"{string.Join(" + ", r.NodeFigures.Select(n => n.CpuSeconds.ToString("0", Invariant)))} | " +
                $"{string.Join(", ", r.NodeFigures.Select(n => (n.PeakWorkingSetBytes / 1024.0 / 1024.0).ToString("0", Invariant)))} |");
        }
        return s.ToString();
    }

    private static string Settings(Dictionary<string, string> settings) =>
        settings.Count == 0 ? "defaults" : string.Join(", ", settings.Select(kv => $"{kv.Key}={kv.Value}"));

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", Invariant) + " MiB";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
