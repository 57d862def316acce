using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Infrastructure.Persistence;

namespace NotesSync.Infrastructure.Tests;

public class PersistenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_requests_changing_the_same_account_at_once_cannot_both_win()
    {
        await using var database = await TestDatabase.CreateAsync();
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

    [Fact]
    public async Task The_database_allows_one_active_run_per_user()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var scope = database.Scope();
        var runs = scope.ServiceProvider.GetRequiredService<IRepository<SyncRun>>();
        await runs.AddAsync(SyncRun.Queue("org-1", "u1", RunTrigger.Manual, Now));

        await Assert.ThrowsAsync<PersistenceConflictException>(
            () => runs.AddAsync(SyncRun.Queue("org-1", "u1", RunTrigger.Scheduled, Now)));
    }

    [Fact]
    public async Task Finished_runs_do_not_block_a_new_one()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var scope = database.Scope();
        var runs = scope.ServiceProvider.GetRequiredService<IRepository<SyncRun>>();
        var first = SyncRun.Queue("org-1", "u1", RunTrigger.Manual, Now);
        first.Start(Now);
        first.Fail("notes-unreachable", "Domino did not answer.", Now);
        await runs.AddAsync(first);
        var second = SyncRun.Queue("org-1", "u1", RunTrigger.Manual, Now);
        second.Start(Now);
        second.Finish(Now);
        await runs.AddAsync(second);

        await runs.AddAsync(SyncRun.Queue("org-1", "u1", RunTrigger.Manual, Now));

        Assert.Equal(3, await runs.CountAsync());
    }

    [Fact]
    public async Task Value_objects_and_run_reports_survive_a_round_trip()
    {
        await using var database = await TestDatabase.CreateAsync();
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

    [Fact]
    public async Task The_SQLite_migrations_match_the_model()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var scope = database.Scope();

        Assert.False(database.Context(scope).Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_SQL_Server_migrations_match_the_model_and_script_without_a_server()
    {
        var options = new DbContextOptionsBuilder<SqlServerNotesSyncDbContext>()
            .UseSqlServer("Server=unused;Database=NotesSync;Trusted_Connection=True").Options;
        using var db = new SqlServerNotesSyncDbContext(options);

        Assert.False(db.Database.HasPendingModelChanges());
        var script = db.GetInfrastructure().GetRequiredService<IMigrator>().GenerateScript();
        Assert.Contains("CREATE TABLE [SyncAccounts]", script, StringComparison.Ordinal);
        Assert.Contains("WHERE [ActiveUserKey] IS NOT NULL", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_are_stored_encrypted_and_the_key_ring_lives_in_the_database()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var scope = database.Scope();
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var jane = SecretOwner.User("org-1", "jane");

        var cipher = protector.Protect(SecretPurpose.NotesPassword, jane, "Pa55word!");

        Assert.DoesNotContain("Pa55word", cipher, StringComparison.Ordinal);
        Assert.Equal("Pa55word!", protector.Unprotect(SecretPurpose.NotesPassword, jane, cipher));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(
            () => protector.Unprotect(SecretPurpose.ZohoRefreshToken, jane, cipher));
        Assert.True(await database.Context(scope).DataProtectionKeys.AnyAsync());
    }

    [Theory]
    [InlineData("org-1", "john")]
    [InlineData("org-2", "jane")]
    [InlineData("org-1", null)]
    public async Task A_ciphertext_copied_into_another_users_or_organisations_row_does_not_decrypt(string orgId, string? userId)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var scope = database.Scope();
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var cipher = protector.Protect(SecretPurpose.NotesPassword, SecretOwner.User("org-1", "jane"), "Pa55word!");

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(
            () => protector.Unprotect(SecretPurpose.NotesPassword, new SecretOwner(orgId, userId), cipher));
    }
}
