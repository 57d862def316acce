using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Domain.Runs;
using NotesSync.Infrastructure.Persistence;
using NotesSync.Simulators.Domino.Knobs;
using NotesSync.Simulators.Domino.State;
using NotesSync.Simulators.Zoho;
using NotesSync.Testing;
using Xunit.Abstractions;

namespace NotesSync.Web.Tests;

/// <summary>
/// Syncs wait on Domino and Zoho, so a node runs many at once (Jobs:SyncWorkers), and one organisation's queue of
/// runs cannot hold every worker while another organisation waits (Jobs:MaxSyncsPerOrganisation).
/// </summary>
public sealed class SyncQueueTests(ITestOutputHelper output) : IAsyncLifetime
{
    private SyncHarness? _h;

    [Fact]
    public async Task With_SyncWorkers_at_four_four_users_runs_are_running_at_once()
    {
        _h = await SyncHarness.StartAsync(settings: new Dictionary<string, string>
        {
            ["Jobs:SyncWorkers"] = "4",
            ["Jobs:MaxSyncsPerOrganisation"] = "4",
        });
        var users = await UsersOfFirstOrganisationAsync(_h, 4);
        // Every call to Domino is held on the wire: no run can end until the test lets them go.
        var hold = new RequestHold();
        _h.Domino.Faults.Add(FaultRule.Held("*", hold, times: 100_000));

        var runs = new List<Guid>();
        foreach (var user in users) runs.Add(await StartAsync(user));

        await Eventually.HoldsAsync(async () => (await RunsAsync(_h)).Count(r => r.Status == RunStatus.Running) == 4,
            "the four users' runs are running at once");
        // Each run's first read of its mail file is at Domino, all four at once.
        await hold.WaitForArrivalsAsync(4, TimeSpan.FromSeconds(30));
        Assert.Equal(4, _h.Domino.Concurrency.Current);
        hold.Release();
        foreach (var (user, runId) in users.Zip(runs)) SyncHarness.AssertStatus("succeeded", await _h.WaitForAsync(runId, user));
    }

    [Fact]
    public async Task The_sweep_runs_while_every_sync_worker_is_busy()
    {
        _h = await SyncHarness.StartAsync(settings: new Dictionary<string, string> { ["Jobs:SyncWorkers"] = "1" });
        var hold = new RequestHold();
        _h.Domino.Faults.Add(FaultRule.Held("*", hold, times: 100_000));
        var busy = await StartAsync(_h.Admin);
        await hold.WaitForArrivalsAsync(1, TimeSpan.FromSeconds(30));
        // What a killed node leaves behind: a run "running" whose heartbeat stopped ten minutes ago.
        var dead = SyncRun.Queue(_h.Org.Id, "colleague-on-a-dead-node", RunTrigger.Manual, DateTimeOffset.UtcNow.AddMinutes(-11));
        dead.Start(DateTimeOffset.UtcNow.AddMinutes(-10));
        await using (var scope = _h.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>();
            db.SyncRuns.Add(dead);
            await db.SaveChangesAsync();
        }

        _h.App.Services.GetRequiredService<IRecurringJobManager>().Trigger("sweep-abandoned-runs");

        await Eventually.HoldsAsync(async () => (await RunsAsync(_h)).Single(r => r.Id == dead.Id).Error?.Code == "interrupted",
            "the sweep ended the dead run while the only sync worker is held");
        Assert.Equal(RunStatus.Running, (await RunsAsync(_h)).Single(r => r.Id == busy).Status);
        hold.Release();
        SyncHarness.AssertStatus("succeeded", await _h.WaitForAsync(busy));
    }

    [Fact]
    public async Task An_organisation_over_its_share_of_the_workers_lets_another_organisations_run_go_first()
    {
        var measured = await OneOrganisationQueuesManyAsync(shareOfWorkers: 1);

        // B's run went past A's queue: when it started, at most two of A's six had (the rest still queued), and it
        // ended before A's queue had drained.
        Assert.True(measured.AStartedBeforeB <= 2, $"{measured}");
        Assert.True(measured.BEndedBeforeADrained, $"{measured}");
    }

    [Fact]
    public async Task Without_a_share_below_the_workers_another_organisations_run_waits_behind_the_whole_queue()
    {
        // The same scenario with the share at the node's two workers, i.e. no fairness: the measure above can fail.
        var measured = await OneOrganisationQueuesManyAsync(shareOfWorkers: 2);

        Assert.True(measured.AStartedBeforeB >= 5, $"{measured}");
    }

    /// <summary>
    /// Two sync workers. Organisation A queues six users' runs, then organisation B one; Domino answers each call in
    /// 200 ms, so a run takes a while (its queueing does not). Every run must end succeeded, each having run once.
    /// </summary>
    private async Task<Measured> OneOrganisationQueuesManyAsync(int shareOfWorkers)
    {
        _h = await SyncHarness.StartAsync(settings: new Dictionary<string, string>
        {
            ["Jobs:SyncWorkers"] = "2",
            ["Jobs:MaxSyncsPerOrganisation"] = shareOfWorkers.ToString(CultureInfo.InvariantCulture),
            ["Jobs:SyncDeferral"] = "00:00:00.200",
        });
        var a = await UsersOfFirstOrganisationAsync(_h, 6);
        var (bOrgId, b) = await SecondOrganisationAsync(_h);
        // B's first run readies its CRM (fields, layouts) and reads everything: done before, so that B's measured run
        // costs about what each of A's does.
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync(b));
        // Only the runs' calls are counted below, not the connection checks made while setting up.
        _h.Domino.Calls.Clear();
        _h.Domino.Knobs.Latency = TimeSpan.FromMilliseconds(200);

        var measuredFrom = DateTimeOffset.UtcNow;
        var aRuns = (await Task.WhenAll(a.Select(StartAsync))).ToList();
        var bRun = await StartAsync(b);

        var aStillQueued = 0;
        await Eventually.HoldsAsync(async () =>
        {
            var runs = await RunsAsync(_h);
            if (runs.Single(r => r.Id == bRun).IsActive) return false;
            aStillQueued = runs.Count(r => r.OrgId == _h.Org.Id && r.Status == RunStatus.Queued);
            return true;
        }, "organisation B's run ended", TimeSpan.FromSeconds(60));
        await Eventually.HoldsAsync(async () => (await RunsAsync(_h)).All(r => !r.IsActive), "every run ended", TimeSpan.FromSeconds(60));

        var all = (await RunsAsync(_h)).Where(r => r.QueuedAt >= measuredFrom).ToList();
        Assert.Equal(7, all.Count);
        Assert.All(all, r => Assert.True(r.Status == RunStatus.Succeeded, $"{r.OrgId}/{r.UserId}: {r.Status} {r.Error}"));
        Assert.Contains(all, r => r.OrgId == bOrgId);
        // Each run ran once, deferred or not: a run reads its user's contacts view once, and each of the seven users'
        // views was read once.
        var contactReads = _h.Domino.Calls.Calls.Where(c => c.Path.EndsWith("/api/data/collections/name/($Contacts)", StringComparison.Ordinal))
            .GroupBy(c => c.User).Select(g => g.Count()).ToList();
        Assert.Equal(7, contactReads.Count);
        Assert.All(contactReads, reads => Assert.Equal(1, reads));

        var bRow = all.Single(r => r.Id == bRun);
        var aRows = all.Where(r => aRuns.Contains(r.Id)).ToList();
        foreach (var r in all.OrderBy(r => r.StartedAt))
            output.WriteLine($"{r.OrgId}/{r.UserId}: started +{(r.StartedAt - measuredFrom)?.TotalMilliseconds:F0} ms, ended +{(r.FinishedAt - measuredFrom)?.TotalMilliseconds:F0} ms");
        var measured = new Measured(
            shareOfWorkers,
            BWaited: bRow.StartedAt!.Value - bRow.QueuedAt,
            BRan: bRow.FinishedAt!.Value - bRow.StartedAt!.Value,
            ADrained: aRows.Max(r => r.FinishedAt!.Value) - aRows.Min(r => r.QueuedAt),
            AStartedBeforeB: aRows.Count(r => r.StartedAt < bRow.StartedAt),
            AStillQueuedWhenBEnded: aStillQueued,
            BEndedBeforeADrained: bRow.FinishedAt < aRows.Max(r => r.FinishedAt));
        output.WriteLine(measured.ToString());
        return measured;
    }

    private sealed record Measured(
        int ShareOfWorkers, TimeSpan BWaited, TimeSpan BRan, TimeSpan ADrained, int AStartedBeforeB, int AStillQueuedWhenBEnded,
        bool BEndedBeforeADrained);

    /// <summary>The harness's admin and colleagues, <paramref name="count"/> users in all, each with a seat and Notes connected.</summary>
    private static async Task<List<HttpClient>> UsersOfFirstOrganisationAsync(SyncHarness h, int count)
    {
        var seats = await h.App.HookAsync("licenses", new { orgId = h.Org.Id, seats = count + 2 });
        Assert.Equal(HttpStatusCode.NoContent, seats.StatusCode);
        var users = new List<HttpClient> { h.Admin };
        for (var i = 1; i < count; i++) users.Add((await h.AddLicensedUserAsync($"Colleague{i}", "Acme")).Client);
        return users;
    }

    /// <summary>Another company: its own Zoho organisation, installed in NotesSync, its admin connected to Zoho and to the same Domino server.</summary>
    private static async Task<(string OrgId, HttpClient Admin)> SecondOrganisationAsync(SyncHarness h)
    {
        var zoho = h.Zoho.State.CreateOrg(new ZohoOrgSpec { CompanyName = "Beta Industries", AdminEmail = "admin@beta.example" });
        var secret = await h.App.InstallAsync(zoho.Id, adminUserId: zoho.Admin.Id);
        var admin = h.App.ClientFor(secret, zoho.Id, zoho.Admin.Id);
        h.Zoho.State.SignIn(zoho.Admin);
        var (callback, cookie) = await h.ConsentAsync(admin);
        h.Zoho.State.SignIn(null);
        var connected = await h.CallbackAsync(callback, cookie);
        Assert.True(connected.IsSuccessStatusCode, await connected.Content.ReadAsStringAsync());

        h.Domino.State.AddUser(new NotesUserSpec("Bea Beta", "Bea-Notes-Pw-1") { MailFilePath = "mail/bbeta.nsf" });
        var notes = await admin.PostAsJsonAsync("/api/notes/connection",
            new { serverName = h.Domino.BaseUri.ToString(), userName = "Bea Beta", password = "Bea-Notes-Pw-1", mailFile = "mail/bbeta.nsf" });
        Assert.True(notes.IsSuccessStatusCode, await notes.Content.ReadAsStringAsync());
        return (zoho.Id, admin);
    }

    private static async Task<Guid> StartAsync(HttpClient user)
    {
        var started = await user.PostAsync("/api/sync/runs", null);
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid();
    }

    /// <summary>Every run of every organisation, as the database holds them now.</summary>
    private static async Task<List<SyncRun>> RunsAsync(SyncHarness h)
    {
        using var scope = h.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>();
        return await db.SyncRuns.AsNoTracking().ToListAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_h is not null) await _h.DisposeAsync();
    }
}
