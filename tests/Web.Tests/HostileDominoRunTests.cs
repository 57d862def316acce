using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NotesSync.Simulators.Domino.Hosting;
using NotesSync.Simulators.Domino.Knobs;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Web.Tests;

/// <summary>
/// A colleague's Domino server is broken or hostile: their run fails with a code that says so, the node stays up,
/// and the other users' runs finish.
/// </summary>
public class HostileDominoRunTests
{
    private const string ColleaguePassword = "Colleague-Pw-1";

    [Theory]
    [InlineData(FaultAction.GzipBomb, "notes-answer-too-large")]
    [InlineData(FaultAction.EndlessBody, "notes-answer-too-large")]
    [InlineData(FaultAction.Trickle, "notes-unreachable")]
    public async Task A_hostile_answer_fails_only_that_users_run_with_a_clear_code(FaultAction hostile, string code)
    {
        // The trickle lasts 30 seconds; an answer may take 5 here: only the answer's time limit can end it sooner.
        await using var h = await SyncHarness.StartAsync(settings: new Dictionary<string, string> { ["Notes:AttemptTimeout"] = "00:00:05" });
        await using var hostileServer = await DominoSimulator.StartAsync();
        var colleague = await ColleagueOnAsync(h, hostileServer, 1);
        await h.SettingsAsync("notesToCrm", tasks: false);
        h.AddNotesContact("Ada", "Lovelace", "ada@lovelace.example");
        hostileServer.Faults.Add(FaultRule.Hostile("*", hostile, times: int.MaxValue, trickleFor: TimeSpan.FromSeconds(30)));

        var hostileRun = await StartRunAsync(colleague);
        var mine = await h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", mine);
        Assert.Contains(h.CrmContacts, c => c["Email"] == "ada@lovelace.example");
        var failed = await WaitForEndAsync(colleague, hostileRun);
        SyncHarness.AssertStatus("failed", failed);
        Assert.Equal(code, failed.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await h.App.CreateClient().GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Runs_held_by_servers_that_never_answer_stop_at_the_time_limit_and_the_queue_moves_on()
    {
        // Answers may take minutes here: only the run's own time limit frees the workers.
        await using var h = await SyncHarness.StartAsync(settings: new Dictionary<string, string>
        {
            ["Sync:MaxRunDuration"] = "00:00:03",
            ["Notes:AttemptTimeout"] = "00:05:00",
            ["Notes:TotalTimeout"] = "00:10:00",
        });
        // As many held runs as the host has Hangfire workers (Program.cs: Math.Max(2, cores)): every worker is taken.
        var workers = Math.Max(2, Environment.ProcessorCount);
        (await h.App.HookAsync("licenses", new { orgId = h.Org.Id, seats = workers + 1 })).EnsureSuccessStatusCode();
        await using var silentServer = await DominoSimulator.StartAsync();
        var colleagues = new List<HttpClient>();
        for (var i = 0; i < workers; i++) colleagues.Add(await ColleagueOnAsync(h, silentServer, i));
        await h.SettingsAsync("notesToCrm", tasks: false);
        h.AddNotesContact("Ada", "Lovelace", "ada@lovelace.example");
        var never = new RequestHold();
        silentServer.Faults.Add(FaultRule.Held("*", never, times: int.MaxValue));

        var held = new List<(HttpClient Client, Guid Run)>();
        foreach (var colleague in colleagues) held.Add((colleague, await StartRunAsync(colleague)));
        await never.WaitForArrivalsAsync(workers, TimeSpan.FromSeconds(30));
        var mine = await h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", mine);
        foreach (var (client, run) in held)
        {
            var ended = await WaitForEndAsync(client, run);
            SyncHarness.AssertStatus("failed", ended);
            Assert.Equal("run-time-limit", ended.GetProperty("error").GetProperty("code").GetString());
        }
    }

    /// <summary>A licensed colleague in the harness's organisation whose Notes account lives on <paramref name="server"/>.</summary>
    private static async Task<HttpClient> ColleagueOnAsync(SyncHarness h, DominoSimulator server, int n)
    {
        var crmUser = h.Org.AddUser("Colin", $"League{n}", $"colin{n}@acme.example");
        var added = await h.Admin.PostAsJsonAsync("/api/users", new { userId = crmUser.Id });
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        server.State.AddUser(new NotesUserSpec($"Colin League{n}", ColleaguePassword) { ShortName = $"colin{n}" });
        var client = h.App.ClientFor(h.Secret, h.Org.Id, crmUser.Id);
        var connected = await client.PostAsJsonAsync("/api/notes/connection", new
        {
            serverName = server.BaseUri.ToString(),
            userName = $"Colin League{n}",
            password = ColleaguePassword,
            mailFile = $"mail/colin{n}.nsf",
        });
        Assert.True(connected.IsSuccessStatusCode, await connected.Content.ReadAsStringAsync());
        var settings = await client.PutAsJsonAsync("/api/sync/settings", new
        {
            contacts = true,
            tasks = false,
            events = false,
            eventRange = "fromToday",
            direction = "notesToCrm",
            conflictWinner = "crm",
            autoSyncMinutes = (int?)null,
        });
        Assert.True(settings.IsSuccessStatusCode, await settings.Content.ReadAsStringAsync());
        return client;
    }

    private static async Task<Guid> StartRunAsync(HttpClient user)
    {
        var started = await user.PostAsync("/api/sync/runs", null);
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid();
    }

    private static async Task<JsonElement> WaitForEndAsync(HttpClient user, Guid runId)
    {
        var run = default(JsonElement);
        await Eventually.HoldsAsync(async () =>
        {
            run = await user.GetFromJsonAsync<JsonElement>($"/api/sync/runs/{runId}");
            return run.GetProperty("status").GetString() is not ("queued" or "running");
        }, $"run {runId} ended", TimeSpan.FromSeconds(60));
        return run;
    }
}
