using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace NotesSync.MultiNode.Tests;

/// <summary>
/// NotesSync as architecture.md's "Scale-out" has it: two stateless nodes over one PostgreSQL database, each with
/// Hangfire workers on the shared queue (issue 23, item 2). Thirty licensed users of two organisations sync through
/// both nodes at once; one node is killed in the middle of runs; the figures are printed to the test's output.
/// </summary>
public class TwoNodeTests(ITestOutputHelper output)
{
    private readonly List<string> _figures = [];

    [PostgresFact]
    public async Task Two_nodes_over_one_database_run_each_queued_sync_once_lose_nothing_to_a_killed_node_refresh_Zoho_once_and_share_schedules()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await Cluster.StartAsync(("Alpha Traders", 18), ("Beta Foods", 12));
        var users = cluster.Organisations.SelectMany(o => o.Users).ToList();
        Assert.Equal(30, users.Count);
        Figure("set-up: migrate, 2 nodes, 2 organisations, 30 users connected", $"{clock.Elapsed.TotalSeconds:F1} s");
        try
        {
            var refreshesFrom = cluster.Zoho.Journal.Requests.Count;
            var scheduled = await ConcurrentStartsAsync(cluster, users);
            await SchedulesAsync(cluster, scheduled);
            await KilledNodeAsync(cluster, users);
            await EveryoneSyncsOnceMoreAsync(users);

            var runs = await RunLedger.AllRunsAsync(users, node: 1);
            RunLedger.AssertNeverTwoAtOnce(runs);
            var nodeOf = RunLedger.AssertEachExecutedOnce(cluster, runs, killed: cluster.Nodes[0].Name);
            Assert.All(runs, r => Assert.True(r.Status == "succeeded" || r.ErrorCode == "interrupted", $"{r.User}'s run {r.RunId} ended {r.Status} ({r.ErrorCode})"));
            foreach (var user in users) Records.AssertEachOnceOnBothSides(cluster, user);
            Figure("runs, all succeeded but the killed node's", $"{runs.Count} ({runs.Count(r => r.Status == "succeeded")} succeeded, {runs.Count(r => r.ErrorCode == "interrupted")} interrupted)");
            Figure("runs executed per node", string.Join(", ", nodeOf.Values.GroupBy(n => n).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
            Figure("records checked once on each side", $"{users.Sum(u => u.Emails.Count)} contacts, {users.Sum(u => u.Subjects.Count)} to-dos");

            AssertZohoTokenAndLimits(cluster, refreshesFrom);
            Figure("whole test", $"{clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            output.WriteLine($"Two nodes over one PostgreSQL database (node logs in {cluster.LogDir}):");
            foreach (var figure in _figures) output.WriteLine("  " + figure);
        }
    }

    /// <summary>
    /// Every user presses "Start sync" on both nodes at the same moment, and the schedules of a third of them are
    /// triggered meanwhile: one run at a time per user wins, the others are refused (409) or not started.
    /// Answers the users whose automatic sync was turned on (through node 1).
    /// </summary>
    private async Task<List<SyncUser>> ConcurrentStartsAsync(Cluster cluster, List<SyncUser> users)
    {
        var scheduled = cluster.Organisations.SelectMany(o => o.Users.Take(5)).ToList();
        foreach (var user in users)
        {
            Organisation.AddRecords(cluster, user, "first", count: 4);
            await Organisation.SettingsAsync(user.Clients[0], scheduled.Contains(user) ? 15 : null);
        }
        var recurring = cluster.Jobs.RecurringJobIds();
        Assert.All(scheduled, u => Assert.Contains($"auto-sync:{u.OrgId}:{u.UserId}", recurring));
        // Every node's cached access token is now dead: each node's first CRM call meets INVALID_TOKEN at once.
        foreach (var organisation in cluster.Organisations) cluster.Zoho.State.ExpireAccessTokens(organisation.Org);

        var clock = Stopwatch.StartNew();
        var triggered = scheduled.Select(u => cluster.Jobs.Trigger($"auto-sync:{u.OrgId}:{u.UserId}")).ToList();
        var answers = await Task.WhenAll(users.SelectMany(u => u.Clients.Select(c => c.PostAsync(new Uri("api/sync/runs", UriKind.Relative), null))));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, $"start answered {a.StatusCode}"));
        await Eventually.HoldsAsync(async () =>
            triggered.All(job => job is not null && cluster.Jobs.StateOf(job) == "Succeeded")
            && !(await RunLedger.AllRunsAsync(users, node: 1)).Any(r => r.IsActive),
            "every run started by the 60 presses and the 10 triggered schedules has ended", TimeSpan.FromSeconds(120));
        var runs = await RunLedger.AllRunsAsync(users, node: 1);
        Assert.All(users, u => Assert.Contains(runs, r => r.User == u && r.Status == "succeeded"));
        Figure("concurrent starts: 60 presses (2 per user, one on each node) + 10 triggered schedules",
            $"{answers.Count(a => a.StatusCode == HttpStatusCode.Accepted)} accepted, {answers.Count(a => a.StatusCode == HttpStatusCode.Conflict)} refused sync-running; " +
            $"{runs.Count} runs ({runs.Count(r => r.Trigger == "scheduled")} scheduled), all ended in {clock.Elapsed.TotalSeconds:F1} s");
        return scheduled;
    }

    /// <summary>
    /// Automatic sync turned on through node 1 is one recurring job in the shared storage: fired, it is executed by
    /// whichever node is free. Turned off through node 2, the job is gone for both nodes.
    /// </summary>
    private async Task SchedulesAsync(Cluster cluster, List<SyncUser> scheduled)
    {
        var before = (await RunLedger.AllRunsAsync(scheduled, node: 1)).Select(r => r.RunId).ToHashSet();
        foreach (var user in scheduled) Assert.NotNull(cluster.Jobs.Trigger($"auto-sync:{user.OrgId}:{user.UserId}"));
        List<RunRow> fired = [];
        await Eventually.HoldsAsync(async () =>
        {
            fired = [.. (await RunLedger.AllRunsAsync(scheduled, node: 1)).Where(r => !before.Contains(r.RunId))];
            return fired.Count == scheduled.Count && fired.All(r => !r.IsActive);
        }, "each fired schedule's run has ended", TimeSpan.FromSeconds(90));
        Assert.All(fired, r => Assert.Equal(("scheduled", "succeeded"), (r.Trigger, r.Status)));
        var nodes = RunLedger.AssertEachExecutedOnce(cluster, fired);

        foreach (var user in scheduled) await Organisation.SettingsAsync(user.Clients[1], autoSyncMinutes: null);
        var recurring = cluster.Jobs.RecurringJobIds();
        Assert.All(scheduled, u => Assert.DoesNotContain($"auto-sync:{u.OrgId}:{u.UserId}", recurring));
        Figure("schedules on through node 1, fired, then off through node 2",
            $"{fired.Count} scheduled runs executed ({string.Join(", ", nodes.Values.GroupBy(n => n).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}); " +
            $"after off, {scheduled.Count(u => recurring.Contains($"auto-sync:{u.OrgId}:{u.UserId}"))} of their recurring jobs remain");
    }

    /// <summary>
    /// New records on both sides of every user, runs started on both nodes, and node 1 killed (SIGKILL) while it runs
    /// some: its runs are swept as interrupted once their heartbeat is older than the grace, node 2 runs what was
    /// still queued, and each interrupted user's next run, on node 2, adopts what the dead run wrote.
    /// </summary>
    private async Task KilledNodeAsync(Cluster cluster, List<SyncUser> users)
    {
        foreach (var user in users) Organisation.AddRecords(cluster, user, "second", count: 6);
        // Slower servers, so that the runs are still writing when the node dies.
        cluster.Zoho.State.Latency = TimeSpan.FromMilliseconds(40);
        cluster.Domino.Knobs.Latency = TimeSpan.FromMilliseconds(40);
        var before = (await RunLedger.AllRunsAsync(users, node: 1)).Select(r => r.RunId).ToHashSet();
        for (var i = 0; i < users.Count; i++)
            await Cluster.Ensure(await users[i].Clients[i % 2].PostAsync(new Uri("api/sync/runs", UriKind.Relative), null), $"start of {users[i]}");

        var node1 = cluster.Nodes[0];
        await Eventually.HoldsAsync(async () =>
        {
            var onNode1 = cluster.Jobs.Processing().Where(p => cluster.NodeOf(p.ServerId) == node1.Name).Select(p => p.FirstArgument).ToHashSet();
            return onNode1.Count > 0
                && (await RunLedger.AllRunsAsync(users, node: 1)).Any(r => r.Status == "running" && onNode1.Contains(r.RunId.ToString()));
        }, "node 1 is running a sync", TimeSpan.FromSeconds(60));
        await node1.KillAsync();
        var clock = Stopwatch.StartNew();

        // The sweep runs every minute on whichever node is alive; fired here every few seconds. A job node 1 had taken
        // but not started returns to the queue after the invisibility timeout, and node 2 runs it.
        var lastSweep = TimeSpan.Zero;
        List<RunRow> round = [];
        await Eventually.HoldsAsync(async () =>
        {
            if (clock.Elapsed - lastSweep > TimeSpan.FromSeconds(3))
            {
                cluster.Jobs.Trigger("sweep-abandoned-runs");
                lastSweep = clock.Elapsed;
            }
            round = [.. (await RunLedger.AllRunsAsync(users, node: 1)).Where(r => !before.Contains(r.RunId))];
            return round.All(r => !r.IsActive);
        }, "every run of the round has ended, the killed node's as interrupted", TimeSpan.FromSeconds(120));
        var interruptedAfter = clock.Elapsed;
        var interrupted = round.Where(r => r.ErrorCode == "interrupted").ToList();
        Assert.NotEmpty(interrupted);

        // Each interrupted user starts again, on the surviving node: the run resumes and succeeds.
        await NextRunsSucceedOnNode2Async([.. interrupted.Select(r => r.User).Distinct()], "the interrupted users' next runs", TimeSpan.FromSeconds(60));
        Figure($"node 1 killed (SIGKILL) during the second round of 30 runs; grace {Cluster.AbandonedRunGrace.TotalSeconds:F0} s",
            $"{interrupted.Count} runs interrupted, {round.Count - interrupted.Count} succeeded; all ended {interruptedAfter.TotalSeconds:F1} s after the kill; " +
            $"the interrupted users' next runs succeeded {clock.Elapsed.TotalSeconds:F1} s after it");
        cluster.Zoho.State.Latency = TimeSpan.Zero;
        cluster.Domino.Knobs.Latency = TimeSpan.Zero;
    }

    /// <summary>
    /// Every user syncs once more, on the surviving node. A run that paged through the organisation's CRM changes
    /// while colleagues' runs wrote may have passed some over (a record edited meanwhile moves to the end of the
    /// list, and the next moves up into a page already read): its checkpoint stays before them, and this run lists
    /// them (PagedReadTests). Nothing is lost, but it may take the next run.
    /// </summary>
    private async Task EveryoneSyncsOnceMoreAsync(List<SyncUser> users)
    {
        var clock = Stopwatch.StartNew();
        await NextRunsSucceedOnNode2Async(users, "every user's last run", TimeSpan.FromSeconds(90));
        Figure("a last run of every user on node 2", $"all succeeded in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Each of <paramref name="users"/> starts a run on the surviving node, and every one of them succeeds.</summary>
    private static async Task NextRunsSucceedOnNode2Async(IReadOnlyCollection<SyncUser> users, string what, TimeSpan within)
    {
        var next = new List<Guid>();
        foreach (var user in users)
        {
            var started = await Cluster.Ensure(await user.Clients[1].PostAsync(new Uri("api/sync/runs", UriKind.Relative), null), $"{what}: {user}");
            next.Add((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid());
        }
        await Eventually.HoldsAsync(async () =>
        {
            var now = await RunLedger.AllRunsAsync(users, node: 1);
            return next.All(id => now.Any(r => r.RunId == id && r.Status == "succeeded"));
        }, $"{what} succeeded on node 2", within);
    }

    /// <summary>
    /// The access tokens every node held were expired at once: the organisation's token was refreshed once, by one
    /// node, under the lease in the database; no call was refused for the organisation's concurrency or credits.
    /// </summary>
    private void AssertZohoTokenAndLimits(Cluster cluster, int journalFrom)
    {
        var tokenCalls = cluster.Zoho.Journal.Requests.Skip(journalFrom)
            .Where(r => r.Method == "POST" && r.Path == "/oauth/v2/token" && r.Body.Contains("grant_type=refresh_token", StringComparison.Ordinal))
            .ToList();
        foreach (var organisation in cluster.Organisations)
        {
            var org = organisation.Org;
            var tokens = cluster.Zoho.State.RefreshTokens(org).Select(t => t.Token).ToList();
            var refreshes = tokenCalls.Count(c => tokens.Any(t => c.Body.Contains(Uri.EscapeDataString(t), StringComparison.Ordinal)));
            Figure($"{org.CompanyName}: access token refreshes across both nodes; Zoho calls in flight at most",
                $"{refreshes}; {org.PeakInFlight} of {org.ConcurrencyLimit}, {org.ConcurrencyRejections} refused (429), {org.CreditRejections} refused for credits ({org.CreditsUsed} used)");
            Assert.Equal(1, refreshes);
            Assert.Equal(0, org.ConcurrencyRejections);
            Assert.Equal(0, org.CreditRejections);
        }
    }

    private void Figure(string name, string value) => _figures.Add($"{name}: {value}");
}
