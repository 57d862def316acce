using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Domain.Runs;
using NotesSync.Infrastructure.Persistence;
using NotesSync.Simulators.Domino.Knobs;

namespace NotesSync.Web.Tests;

/// <summary>
/// What the dashboard reads about runs (api.md "Sync runs"): the per-record failures, the progress while a run goes
/// on and after it, the history's order and limit, and a start refused when Notes is not connected.
/// </summary>
public class RunReportTests : IAsyncLifetime
{
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static Guid RunId(JsonElement run) => run.GetProperty("runId").GetGuid();

    private static (int Done, int Total) Progress(JsonElement run)
    {
        var progress = run.GetProperty("progress");
        return (progress.GetProperty("done").GetInt32(), progress.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_record_the_CRM_refuses_is_listed_with_its_reason_and_the_rest_of_the_run_goes_on()
    {
        await _h.SettingsAsync("notesToCrm", tasks: false);
        // Zoho requires a contact's last name; Notes does not.
        var nameless = _h.AddNotesContact("Madonna", "", "madonna@example.com");
        _h.AddNotesContact("Jörg", "Müller", "jorg@example.de");

        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("partiallySucceeded", run);
        var failure = Assert.Single(run.GetProperty("failures").EnumerateArray());
        Assert.Equal(("contacts", "crm", nameless, "MANDATORY_NOT_FOUND"),
            (failure.GetProperty("module").GetString(), failure.GetProperty("side").GetString(),
             failure.GetProperty("id").GetString(), failure.GetProperty("code").GetString()));
        Assert.Contains("Last_Name", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, SyncHarness.Count(run, "contacts", "failed"));
        Assert.Equal(1, SyncHarness.Count(run, "contacts", "toCrm.created"));
        Assert.Equal("jorg@example.de", Assert.Single(_h.CrmContacts)["Email"]);
    }

    [Fact]
    public async Task A_running_run_shows_how_many_of_its_records_are_done_and_a_finished_one_shows_them_all_done()
    {
        await _h.SettingsAsync("twoWay", tasks: false);
        _h.AddNotesContact("Jörg", "Müller", "jorg@example.de");
        _h.AddNotesContact("Zoë", "Dupont", "zoe@example.fr");
        _h.AddCrmContact("Amélie", "Poulain", "amelie@example.fr");
        // Domino holds the run's copy of Amélie into Notes for a while: the run is then in the middle of its writes.
        _h.Domino.Faults.Add(FaultRule.Slow("/mail/jdoe.nsf/api/data/documents", TimeSpan.FromSeconds(5), 1, "POST"));

        var runId = await _h.StartRunAsync();
        var running = await WaitForRunAsync(runId, r =>
            r.GetProperty("status").GetString() == "running" && Progress(r).Total == 3, "running, with 3 records to do");
        var finished = await _h.WaitForAsync(runId);

        Assert.InRange(Progress(running).Done, 0, 2);
        SyncHarness.AssertStatus("succeeded", finished);
        Assert.Equal((3, 3), Progress(finished));
    }

    [Fact]
    public async Task The_runs_list_answers_the_newest_first_up_to_the_limit_without_the_per_record_lists()
    {
        await _h.SettingsAsync("twoWay", tasks: false);
        _h.AddNotesContact("Jörg", "Müller", "jorg@example.de");
        var first = RunId(await _h.SyncAsync());
        var second = RunId(await _h.SyncAsync());
        var third = RunId(await _h.SyncAsync());

        var limited = await _h.Admin.GetFromJsonAsync<JsonElement[]>("/api/sync/runs?limit=2") ?? [];
        var all = await _h.Admin.GetFromJsonAsync<JsonElement[]>("/api/sync/runs") ?? [];

        Assert.Equal([third, second], limited.Select(RunId));
        Assert.Equal([third, second, first], all.Select(RunId));
        Assert.All(all, run =>
        {
            SyncHarness.AssertStatus("succeeded", run);
            Assert.Equal("manual", run.GetProperty("trigger").GetString());
            Assert.True(run.GetProperty("modules").TryGetProperty("contacts", out _), run.ToString());
            Assert.False(HasList(run, "failures"), run.ToString());
            Assert.False(HasList(run, "conflicts"), run.ToString());
        });
        Assert.Equal(1, SyncHarness.Count(all[2], "contacts", "toCrm.created"));
    }

    [Fact]
    public async Task The_runs_list_answers_at_most_twenty_runs_when_no_limit_is_asked()
    {
        var queuedAt = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        var ids = new List<Guid>();
        await using (var scope = _h.App.Services.CreateAsyncScope())
        {
            // A long history, as months of automatic syncs leave it: 25 runs, one a day.
            var db = scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>();
            for (var day = 0; day < 25; day++)
            {
                var run = SyncRun.Queue(_h.Org.Id, _h.Org.Admin.Id, RunTrigger.Scheduled, queuedAt.AddDays(day));
                run.Start(queuedAt.AddDays(day).AddSeconds(1));
                run.Finish(queuedAt.AddDays(day).AddSeconds(30));
                db.SyncRuns.Add(run);
                ids.Add(run.Id);
            }

            await db.SaveChangesAsync();
        }

        var runs = await _h.Admin.GetFromJsonAsync<JsonElement[]>("/api/sync/runs") ?? [];

        Assert.Equal(20, runs.Length);
        Assert.Equal(Enumerable.Reverse(ids).Take(20), runs.Select(RunId));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero), runs[0].GetProperty("queuedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Starting_a_sync_without_a_Notes_account_is_refused_and_queues_nothing()
    {
        await _h.SettingsAsync("twoWay");
        var disconnected = await _h.Admin.DeleteAsync("/api/notes/connection");
        Assert.Equal(HttpStatusCode.NoContent, disconnected.StatusCode);
        _h.Domino.Calls.Clear();

        var response = await _h.Admin.PostAsync("/api/sync/runs", null);

        await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, "notes-not-connected");
        Assert.Empty(await _h.Admin.GetFromJsonAsync<JsonElement[]>("/api/sync/runs") ?? []);
        Assert.Empty(_h.Domino.Calls.Calls);
    }

    /// <summary>A list member that is there and not null (the list view may leave it out or send it null).</summary>
    private static bool HasList(JsonElement run, string name) =>
        run.TryGetProperty(name, out var list) && list.ValueKind != JsonValueKind.Null;

    /// <summary>Polls the run until <paramref name="condition"/> holds; fails if it ends or 30 s pass first.</summary>
    private async Task<JsonElement> WaitForRunAsync(Guid runId, Func<JsonElement, bool> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var run = await _h.Admin.GetFromJsonAsync<JsonElement>($"/api/sync/runs/{runId}");
            if (condition(run)) return run;
            Assert.True(run.GetProperty("status").GetString() is "queued" or "running", $"the run ended before it was {what}: {run}");
            Assert.True(DateTime.UtcNow < until, $"the run was not {what} within 30 s: {run}");
            await Task.Delay(20);
        }
    }
}
