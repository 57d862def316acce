using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Application.Common;
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
        await PersistenceRoundTrips.TwoChangesOfOneAccountAtOnceCannotBothWin(database);
    }

    [Fact]
    public async Task The_database_allows_one_active_run_per_user()
    {
        await using var database = await TestDatabase.CreateAsync();
        await PersistenceRoundTrips.OneActiveRunPerUser(database);
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
        await PersistenceRoundTrips.ValueObjectsAndRunReports(database);
    }

    [Fact]
    public async Task A_runs_links_saved_a_batch_at_a_time_read_back_and_a_stale_change_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        await PersistenceRoundTrips.LinksSavedABatchAtATime(database);
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
    public void The_Postgres_migrations_match_the_model_and_script_without_a_server()
    {
        var options = new DbContextOptionsBuilder<PostgresNotesSyncDbContext>()
            .UseNpgsql("Host=unused;Database=notessync").Options;
        using var db = new PostgresNotesSyncDbContext(options);

        Assert.False(db.Database.HasPendingModelChanges());
        var script = db.GetInfrastructure().GetRequiredService<IMigrator>().GenerateScript();
        Assert.Contains("CREATE TABLE \"SyncAccounts\"", script, StringComparison.Ordinal);
        Assert.Contains("timestamp with time zone", script, StringComparison.Ordinal);
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
