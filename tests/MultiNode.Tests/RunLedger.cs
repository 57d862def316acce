using System.Net.Http.Json;
using System.Text.Json;

namespace NotesSync.MultiNode.Tests;

/// <summary>One run as its user's dashboard lists it (<c>GET /api/sync/runs</c>).</summary>
internal sealed record RunRow(
    SyncUser User, Guid RunId, string Status, string Trigger, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? ErrorCode)
{
    public bool IsActive => Status is "queued" or "running";
}

/// <summary>The users' runs, read through a node's API, and the checks every run must pass whichever node ran it.</summary>
internal static class RunLedger
{
    public static async Task<IReadOnlyList<RunRow>> RunsAsync(SyncUser user, int node)
    {
        var runs = await user.Clients[node].GetFromJsonAsync<JsonElement>("api/sync/runs?limit=100");
        return [.. runs.EnumerateArray().Select(r => new RunRow(
            user,
            r.GetProperty("runId").GetGuid(),
            r.GetProperty("status").GetString()!,
            r.GetProperty("trigger").GetString()!,
            Instant(r, "startedAt"),
            Instant(r, "finishedAt"),
            r.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object ? error.GetProperty("code").GetString() : null))];
    }

    public static async Task<IReadOnlyList<RunRow>> AllRunsAsync(IEnumerable<SyncUser> users, int node) =>
        [.. (await Task.WhenAll(users.Select(u => RunsAsync(u, node)))).SelectMany(r => r)];

    /// <summary>No user ever had two runs at once: each user's runs, by start, each began after the one before ended.</summary>
    public static void AssertNeverTwoAtOnce(IReadOnlyList<RunRow> runs)
    {
        foreach (var userRuns in runs.Where(r => r.StartedAt is not null).GroupBy(r => r.User))
        {
            var ordered = userRuns.OrderBy(r => r.StartedAt).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i - 1].FinishedAt is { } ended && ended <= ordered[i].StartedAt,
                    $"{userRuns.Key} had two runs at once: {ordered[i - 1]} and {ordered[i]}");
            }
        }
    }

    /// <summary>
    /// Every run the API lists was queued as exactly one Hangfire job, taken by a worker once, or again only after the
    /// node that took it was killed (a job a dead node held returns to the queue; its run, if it had started, is not
    /// started twice). Answers the node that executed each run.
    /// </summary>
    public static IReadOnlyDictionary<Guid, string> AssertEachExecutedOnce(Cluster cluster, IReadOnlyList<RunRow> runs, string? killed = null)
    {
        var jobs = cluster.Jobs.Executions("ExecuteAsync");
        var nodeOf = new Dictionary<Guid, string>();
        foreach (var run in runs)
        {
            var ofRun = jobs.Where(j => j.FirstArgument == run.RunId.ToString()).ToList();
            Assert.True(ofRun.Count == 1, $"run {run.RunId} of {run.User} ({run.Status}) was queued as {ofRun.Count} jobs");
            var job = ofRun[0];
            // Newest first: every taker but the last must be the killed node.
            var takers = job.ProcessedBy.Select(cluster.NodeOf).ToList();
            Assert.True(takers.Count >= 1 && takers.Skip(1).All(n => n == killed),
                $"run {run.RunId} of {run.User} was taken by {string.Join(", ", takers)} (newest first)");
            nodeOf[run.RunId] = run.ErrorCode == "interrupted" ? takers[^1] : takers[0];
        }
        return nodeOf;
    }

    private static DateTimeOffset? Instant(JsonElement run, string name) =>
        run.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetDateTimeOffset() : null;
}
