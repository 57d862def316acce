using Microsoft.EntityFrameworkCore;
using NotesSync.Application.Accounts.InstallOrganisation;
using NotesSync.Application.Sync.ExecuteSyncRun;
using NotesSync.Application.Users.AddUser;
using NotesSync.Application.Users.RemoveUser;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Tests.Sync;

/// <summary>A sync acts for a user only while the user holds a seat.</summary>
public class SeatTests
{
    [Fact]
    public async Task A_run_queued_before_its_user_lost_the_seat_ends_not_licensed_and_does_nothing()
    {
        await using var host = new ApplicationHost();
        await host.SendAsync(new InstallOrganisation("org-1", "Acme", new Installer("org-1-admin", "admin@acme.example", "Ann Admin"), 2));
        host.Caller.Is("org-1", "org-1-admin");
        host.CrmUsers.Users.Add(new ZohoUser("42", "bob@acme.example", "Bob"));
        Assert.True((await host.SendAsync(new AddUser("42"))).IsSuccess);
        var run = SyncRun.Queue("org-1", "42", RunTrigger.Scheduled, host.Clock.GetUtcNow());
        await host.WithDbAsync(async db => { db.SyncRuns.Add(run); return await db.SaveChangesAsync(); });

        Assert.True((await host.SendAsync(new RemoveUser("42"))).IsSuccess);
        await host.SendAsync(new ExecuteSyncRun(run.Id));

        var ended = await host.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id));
        Assert.Equal((RunStatus.Failed, "not-licensed"), (ended.Status, ended.Error?.Code));
        Assert.Empty(ended.Modules);
        Assert.Equal(0, await host.WithDbAsync(db => db.RecordLinks.CountAsync()));
    }
}
