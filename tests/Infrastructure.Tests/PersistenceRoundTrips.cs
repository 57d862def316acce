using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Application.Common;
using NotesSync.Application.Sync;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;

namespace NotesSync.Infrastructure.Tests;

/// <summary>
/// What every provider must keep: run on SQLite by <see cref="PersistenceTests"/> and on a real PostgreSQL by
/// <see cref="PostgresPersistenceTests"/>, so a provider's mapping or error codes cannot drift from the others'.
/// </summary>
internal static class PersistenceRoundTrips
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The same instant as Domino gives it, in its server's offset (Paris, in winter).</summary>
    private static readonly DateTimeOffset NotesTime = Now.ToOffset(TimeSpan.FromHours(1));

    public static async Task TwoChangesOfOneAccountAtOnceCannotBothWin(TestDatabase database)
    {
        await using (var seed = database.Scope())
            await seed.ServiceProvider.GetRequiredService<IRepository<SyncAccount>>().AddAsync(
                SyncAccount.Install("org-1", "Acme", new ZohoUser("1", "ann@acme.example", "Ann"), 2, "cipher", Now));

        await using var first = database.Scope();
        await using var second = database.Scope();
        var firstRepo = first.ServiceProvider.GetRequiredService<IRepository<SyncAccount>>();
        var secondRepo = second.ServiceProvider.GetRequiredService<IRepository<SyncAccount>>();
        var a = await firstRepo.FirstOrDefaultAsync(new AccountByOrg("org-1"));
        var b = await secondRepo.FirstOrDefaultAsync(new AccountByOrg("org-1"));

        // Two admins each give the last seat to someone else.
        a!.AddUser(new ZohoUser("2", "bob@acme.example", "Bob"), Now);
        b!.AddUser(new ZohoUser("3", "cy@acme.example", "Cy"), Now);
        await firstRepo.SaveChangesAsync();

        await Assert.ThrowsAsync<PersistenceConflictException>(() => secondRepo.SaveChangesAsync());
        await using var check = database.Scope();
        Assert.Equal(2, await database.Context(check).LicensedUsers.CountAsync());
    }

    public static async Task OneActiveRunPerUser(TestDatabase database)
    {
        await using var scope = database.Scope();
        var runs = scope.ServiceProvider.GetRequiredService<IRepository<SyncRun>>();
        await runs.AddAsync(SyncRun.Queue("org-1", "u1", RunTrigger.Manual, Now));

        await Assert.ThrowsAsync<PersistenceConflictException>(
            () => runs.AddAsync(SyncRun.Queue("org-1", "u1", RunTrigger.Scheduled, Now)));
    }

    public static async Task ValueObjectsAndRunReports(TestDatabase database)
    {
        var run = SyncRun.Queue("org-1", "u1", RunTrigger.Manual, Now);
        run.Start(Now);
        run.Count(SyncModule.Contacts, c => c with { ToCrm = c.ToCrm with { Created = 3 }, SkippedPrivate = 1 });
        run.RecordConflict(new ConflictEntry(SyncModule.Contacts, "UNID", "crm-1", SyncSide.Crm,
            [new ConflictField("lastName", "Dupont", "Durand")], new Dictionary<string, string?> { ["lastName"] = "Dupont" }));
        run.RecordFailure(new RecordFailure(SyncModule.Tasks, SyncSide.Notes, "UNID2", "too-long", "Subject too long"));
        var profile = SyncProfile.Create("org-1", "u1");
        profile.ChangeSettings(SyncSettings.Create(true, true, true, EventRange.FromLastMonth,
            SyncDirection.CrmToNotes, ConflictWinner.Notes, 30).Value);
        profile.ConnectNotes(NotesConnection.Create("https://mail.acme.example", "Ann Dupont", "mail/ann.nsf", "cipher", Now));

        await using (var scope = database.Scope())
        {
            var db = database.Context(scope);
            db.AddRange(run, profile);
            await db.SaveChangesAsync();
        }

        await using var read = database.Scope();
        var loadedRun = await database.Context(read).SyncRuns.SingleAsync();
        var loadedProfile = await database.Context(read).Profiles.SingleAsync();
        Assert.Equal(3, loadedRun.Modules[SyncModule.Contacts].ToCrm.Created);
        Assert.Equal(1, loadedRun.Modules[SyncModule.Contacts].SkippedPrivate);
        Assert.Equal("Durand", Assert.Single(Assert.Single(loadedRun.Conflicts).Fields).CrmValue);
        Assert.Equal("too-long", Assert.Single(loadedRun.Failures).Code);
        Assert.Equal(RunStatus.Running, loadedRun.Status);
        Assert.Equal(Now, loadedRun.StartedAt);
        Assert.Equal(SyncDirection.CrmToNotes, loadedProfile.Settings.Direction);
        Assert.Equal(30, loadedProfile.Settings.AutoSyncMinutes);
        Assert.Equal("mail/ann.nsf", loadedProfile.Notes!.MailFile);
    }

    /// <summary>
    /// A run's links saved the way a run saves them, a batch at a time: new links, then a changed one, a removed one
    /// and its replacement sharing its Notes id in one batch; a change made from a stale copy is refused. Domino's
    /// times keep their instant whatever offset they came in.
    /// </summary>
    public static async Task LinksSavedABatchAtATime(TestDatabase database)
    {
        await SaveAsync(database, new LinkBatch(
            [Contact("UNID-A", "crm-a", "Dupont"), Contact("UNID-B", "crm-b", "Martin"), Contact("UNID-C", "crm-c", "Petit")], [], []));

        var loaded = await LoadAsync(database);
        var stale = await LoadAsync(database);
        var a = loaded.Single(l => l.NotesUnid == "UNID-A");
        var b = loaded.Single(l => l.NotesUnid == "UNID-B");
        var storedVersion = b.Version;
        b.Resynced(Fields("Durand"), Now.AddHours(1), Now.AddHours(1), Now.AddHours(1));
        await SaveAsync(database, new LinkBatch(
            [Contact("UNID-A", "crm-a2", "Dupont")],
            [new StoredLink(b, storedVersion)],
            [new StoredLink(a, a.Version)]));

        var saved = (await LoadAsync(database)).ToDictionary(l => l.NotesUnid);
        Assert.Equal(["UNID-A", "UNID-B", "UNID-C"], saved.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("crm-a2", saved["UNID-A"].CrmId);
        Assert.Equal(Contact("UNID-B", "crm-b", "Durand").Fingerprints, saved["UNID-B"].Fingerprints);
        Assert.Equal(Now.AddHours(1), saved["UNID-B"].SyncedAt);
        Assert.Equal(NotesTime, saved["UNID-C"].NotesModifiedAt);

        var staleB = stale.Single(l => l.NotesUnid == "UNID-B");
        staleB.Resynced(Fields("Bernard"), Now.AddHours(2), Now.AddHours(2), Now.AddHours(2));
        await Assert.ThrowsAsync<PersistenceConflictException>(
            () => SaveAsync(database, new LinkBatch([], [new StoredLink(staleB, storedVersion)], [])));
        Assert.Equal(Now.AddHours(1), (await LoadAsync(database)).Single(l => l.NotesUnid == "UNID-B").SyncedAt);
    }

    /// <summary>A link as a run makes it, with Domino's time in its server's offset.</summary>
    private static RecordLink Contact(string unid, string crmId, string lastName) =>
        RecordLink.Link("org-1", "u1", SyncModule.Contacts, unid, crmId, Fields(lastName), NotesTime, Now, Now);

    private static Dictionary<string, string?> Fields(string lastName) => new() { ["lastName"] = lastName, ["email"] = "x@acme.example" };

    private static async Task SaveAsync(TestDatabase database, LinkBatch batch)
    {
        await using var scope = database.Scope();
        await scope.ServiceProvider.GetRequiredService<IRecordLinkStore>().SaveAsync(batch, CancellationToken.None);
    }

    private static async Task<IReadOnlyList<RecordLink>> LoadAsync(TestDatabase database)
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<IRecordLinkStore>()
            .LoadAsync("org-1", "u1", SyncModule.Contacts, CancellationToken.None);
    }
}
