using Microsoft.EntityFrameworkCore;
using NotesSync.Application.Accounts.UninstallOrganisation;
using NotesSync.Application.Sync.ExecuteSyncRun;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Tests.Sync;

/// <summary>An uninstall ends the organisation's syncs that were waiting for a worker: none of them starts later.</summary>
public sealed class UninstallEndsRunsTests
{
    [Fact]
    public async Task A_queued_run_of_an_uninstalled_organisation_never_starts()
    {
        await using var host = new ApplicationHost();
        var queued = SyncRun.Queue("org-1", "u1", RunTrigger.Manual, host.Clock.GetUtcNow());
        var otherOrgs = SyncRun.Queue("org-2", "u1", RunTrigger.Manual, host.Clock.GetUtcNow());
        await host.WithDbAsync(async db => { db.SyncRuns.AddRange(queued, otherOrgs); return await db.SaveChangesAsync(); });

        await host.SendAsync(new UninstallOrganisation("org-1"));
        // The job queued for it before the uninstall is taken by a worker now.
        await host.SendAsync(new ExecuteSyncRun(queued.Id));

        var runs = await host.WithDbAsync(db => db.SyncRuns.AsNoTracking().ToListAsync());
        var left = Assert.Single(runs);
        Assert.Equal((otherOrgs.Id, RunStatus.Queued), (left.Id, left.Status));
    }
}
