using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotesSync.Benchmarks;

public static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly JsonSerializerOptions OneLine = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) is { } line
                ? $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Invariant) / 1024 / 1024} GB"
                : null
            : null;
        return $"{Environment.ProcessorCount} cores{(cpu is null ? "" : $" ({cpu})")}, {memory ?? "? GB"}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    /// <summary>One scenario as a table: calls per side and kind against the minimum, then time and memory.</summary>
    public static string Scenario(ScenarioResult r)
    {
        var m = r.Minimum;
        var s = new StringBuilder();
        s.AppendLine(Invariant, $"== {r.Scenario} ({r.Contacts} contacts, {r.Tasks} to-dos): {r.Description}");
        s.AppendLine(Invariant, $"   run {r.Status}{(r.Error is null ? "" : " " + r.Error)}");
        foreach (var (module, outcome) in r.Outcome) s.AppendLine(Invariant, $"   {module}: {outcome}");
        if (r.Check is { } check) s.AppendLine(Invariant, $"   check {check}");
        s.AppendLine("   calls        |  DAS made | DAS min | Zoho made | Zoho min");
        s.AppendLine(Invariant, $"   reads        | {r.Das.Reads,9} | {m.DasReads,7} | {r.Zoho.Reads,9} | {m.ZohoReads,8}");
        s.AppendLine(Invariant, $"   writes       | {r.Das.Writes,9} | {m.DasWrites,7} | {r.Zoho.Writes,9} | {m.ZohoWrites,8}");
        s.AppendLine(Invariant, $"   token        | {r.Das.Token,9} | {0,7} | {r.Zoho.Token,9} | {0,8}");
        s.AppendLine(Invariant, $"   metadata     | {r.Das.Metadata,9} | {0,7} | {r.Zoho.Metadata,9} | {0,8}");
        s.AppendLine(Invariant, $"   total        | {r.Das.Total,9} | {m.Das,7} | {r.Zoho.Total,9} | {m.Zoho,8}");
        s.AppendLine("   DAS:  " + string.Join(", ", r.Das.Detail.Select(d => $"{d.Key} {d.Value}")));
        s.AppendLine("   Zoho: " + string.Join(", ", r.Zoho.Detail.Select(d => $"{d.Key} {d.Value}")));
        s.AppendLine(Invariant, $"   minimum: DAS {m.DasViewPages} view pages + {m.DasChangeLists} change list + {m.DasDocumentReads} document reads + {m.DasWrites} writes; " +
            $"Zoho {m.ZohoPages} pages (the organisation's records) + {m.ZohoDeletedLists} deleted lists + {m.ZohoLookups} lookups (COQL, {Minimum.ItemsPerLookup} new items a query) + {m.ZohoWriteBatches} write batches ({m.ZohoCrossReferenceBatches} of them the Notes UNID cross-reference)" +
            $" + {m.ZohoAccountPages} Account pages + {m.ZohoAccountBatches} Account batches");
        s.AppendLine(Invariant, $"   Zoho credits: {r.ZohoCredits} used, {m.ZohoCredits} the minimum calls cost (a list page, lookup or Account page 1, a deleted list 2, a write 1 per 10 records)");
        s.AppendLine(Invariant, $"   calls made ÷ minimum: {r.CallsToMinimum:0.00}×  (DAS {Ratio(r.Das.Total, m.Das)}, Zoho {Ratio(r.Zoho.Total, m.Zoho)})");
        s.AppendLine(Invariant, $"   lower bound {r.LowerBoundSeconds:0.00} s = {m.Das} × {r.LatencyMs} ms ÷ {r.DasConcurrencyConfigured} + {m.Zoho} × {r.LatencyMs} ms ÷ {r.ZohoConcurrency}");
        s.AppendLine(Invariant, $"   wall {r.WallSeconds:0.00} s (observed {r.ObservedSeconds:0.00} s) = {r.WallToLowerBound:0.00}× the lower bound; " +
            $"the calls made at the concurrency seen would take {r.MadeCallsBoundSeconds:0.00} s");
        s.AppendLine(Invariant, $"   the run's time: {r.Split.DasOnly:0.00} s only DAS calls in flight, {r.Split.ZohoOnly:0.00} s only Zoho calls, " +
            $"{r.Split.Both:0.00} s both, {r.Split.NoCall:0.00} s no call (the host working)");
        s.AppendLine(Invariant, $"   in flight at most: DAS {r.DasPeakInFlight} (Notes:MaxConcurrency {r.DasConcurrencyConfigured}), Zoho {r.ZohoPeakInFlight} (limit {r.ZohoConcurrency})");
        s.AppendLine(Invariant, $"   CPU: host {r.HostCpuSeconds:0.0} s, simulators {r.SimulatorsCpuSeconds:0.0} s, over {r.ObservedSeconds:0.0} s on {Environment.ProcessorCount} cores; host JIT compiled {r.JittedMethods} methods");
        s.AppendLine(Invariant, $"   host memory: peak working set {Mb(r.PeakWorkingSetBytes)} (before the run {Mb(r.WorkingSetBeforeBytes)}), " +
            $"allocated {Mb(r.AllocatedBytes)}, managed heap at most {Mb(r.PeakManagedHeapBytes)}, GCs gen0 {r.Gen0Collections} gen2 {r.Gen2Collections}");
        return s.ToString();
    }

    /// <summary>All scenarios, one line each, as a Markdown table (README's Performance section).</summary>
    public static string Summary(IReadOnlyList<ScenarioResult> results)
    {
        var s = new StringBuilder();
        s.AppendLine("| scenario | contacts / to-dos | DAS calls (min) | Zoho calls (min) | Zoho credits (min) | calls ÷ min | lower bound | wall | wall ÷ bound | host CPU | peak working set | allocated |");
        s.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            s.AppendLine(Invariant,
                $"| {r.Scenario} | {r.Contacts} / {r.Tasks} | {r.Das.Total} ({r.Minimum.Das}) | {r.Zoho.Total} ({r.Minimum.Zoho}) | {r.ZohoCredits} ({r.Minimum.ZohoCredits}) | {r.CallsToMinimum:0.00} | " +
                $"{r.LowerBoundSeconds:0.0} s | {r.WallSeconds:0.0} s | {r.WallToLowerBound:0.0} | {r.HostCpuSeconds:0.0} s | {Mb(r.PeakWorkingSetBytes)} | {Mb(r.AllocatedBytes)} |");
        }
        return s.ToString();
    }

    public static async Task WriteJsonAsync(string path, BenchOptions options, IReadOnlyList<ScenarioResult> results)
    {
        var document = new
        {
            machine = Machine(),
            takenAt = DateTimeOffset.UtcNow,
            options = new
            {
                options.Contacts, options.Tasks, options.LatencyMs, options.ZohoConcurrency, options.NotesConcurrency, options.Seed,
                options.WarmUpContacts,
            },
            scenarios = results,
        };
        var json = JsonSerializer.Serialize(document, Indented);
        await File.WriteAllTextAsync(path, json);
    }

    public static string Json(ScenarioResult r) => JsonSerializer.Serialize(r, OneLine);

    private static string Ratio(int made, int min) => min == 0 ? $"{made} vs 0" : ((double)made / min).ToString("0.00×", Invariant);

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", Invariant) + " MiB";
}
