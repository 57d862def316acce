using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NotesSync.Benchmarks;

/// <summary>One user's run of a round, as the runs API reports it (the host's clock).</summary>
public sealed record UserRun(
    int User, int Organisation, string Status, string? ErrorCode, int FailedItems,
    DateTimeOffset? QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    public double? QueuedToFinished => FinishedAt - QueuedAt is { } span ? span.TotalSeconds : null;
    public double? StartedToFinished => FinishedAt - StartedAt is { } span ? span.TotalSeconds : null;

    public static UserRun Of(SyncUser user, JsonElement run)
    {
        DateTimeOffset? At(string name) => run.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(v.GetString()!, CultureInfo.InvariantCulture)
            : null;
        var failed = run.TryGetProperty("modules", out var modules)
            ? modules.EnumerateObject().Sum(m => m.Value.GetProperty("failed").GetInt32())
            : 0;
        var error = run.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e.GetProperty("code").GetString() : null;
        return new UserRun(user.Index, user.Organisation, run.GetProperty("status").GetString()!, error, failed,
            At("queuedAt"), At("startedAt"), At("finishedAt"));
    }

    public static UserRun Refused(SyncUser user, string code) => new(user.Index, user.Organisation, "refused", code, 0, null, null, null);
}

/// <summary>What one node's process used during a round.</summary>
public sealed record NodeFigures(int Node, int ProcessId, double CpuSeconds, long PeakWorkingSetBytes, long WorkingSetBeforeBytes, long AllocatedBytes);

/// <summary>
/// One round: every user's run started at once through the API (as many widgets pressing "Sync now"), then polled
/// until all have ended; the simulators' gauges and the nodes' processes read around it.
/// </summary>
public static class ManyUsersRound
{
    public static async Task<ManyUsersResult> RunAsync(ManyUsersEnvironment env, ManyUsersOptions options, string round, CancellationToken ct)
    {
        // Tokens last an hour at most: each round starts with fresh ones, as widgets opened now would have.
        await Parallel.ForEachAsync(env.Users, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (user, token) => await user.MintTokenAsync(token));
        var before = new List<HostSample>();
        foreach (var node in env.Nodes)
        {
            before.Add(await node.FreshSampleAsync(ct));
            node.ResetPeakWorkingSet();
        }
        env.Domino.Calls.Clear();
        env.Zoho.State.Calls.Clear();
        env.Domino.Concurrency.Reset();
        foreach (var admin in env.Admins) admin.Org.ResetStatistics();
        var benchCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();

        Console.WriteLine($"# {round}: starting {env.Users.Count} runs at once…");
        var started = await Task.WhenAll(env.Users.Select(async u => (User: u, Start: await u.StartRunAsync(ct))));
        var runs = started.Where(s => s.Start.Refused is not null).Select(s => UserRun.Refused(s.User, s.Start.Refused!)).ToList();
        var pending = started.Where(s => s.Start.RunId is not null).Select(s => (s.User, RunId: s.Start.RunId!.Value)).ToList();
        var until = DateTime.UtcNow + options.RoundTimeout;
        while (pending.Count > 0)
        {
            await Task.Delay(options.PollInterval, ct);
            var ended = new System.Collections.Concurrent.ConcurrentBag<(SyncUser User, Guid RunId, UserRun Run)>();
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (p, token) =>
            {
                var run = await p.User.RunAsync(p.RunId, token);
                if (run.GetProperty("status").GetString() is not ("queued" or "running")) ended.Add((p.User, p.RunId, UserRun.Of(p.User, run)));
            });
            runs.AddRange(ended.Select(e => e.Run));
            pending.RemoveAll(p => ended.Any(e => e.RunId == p.RunId));
            Console.WriteLine($"#   {clock.Elapsed.TotalSeconds,6:0} s: {runs.Count} ended, {pending.Count} queued or running");
            if (DateTime.UtcNow > until)
            {
                foreach (var (user, runId) in pending) runs.Add(UserRun.Of(user, await user.RunAsync(runId, ct)) with { Status = "unfinished" });
                break;
            }
        }

        var benchCpuUsed = (Process.GetCurrentProcess().TotalProcessorTime - benchCpu).TotalSeconds;
        var nodes = new List<NodeFigures>();
        for (var i = 0; i < env.Nodes.Count; i++)
        {
            var after = await env.Nodes[i].FreshSampleAsync(ct);
            nodes.Add(new NodeFigures(i + 1, env.Nodes[i].ProcessId, (after.Cpu - before[i].Cpu).TotalSeconds,
                Math.Max(after.PeakRssBytes, before[i].RssBytes), before[i].RssBytes, after.AllocatedBytes - before[i].AllocatedBytes));
        }

        return ManyUsersResult.Of(options, env, round, runs, nodes, benchCpuUsed);
    }
}
