using Microsoft.EntityFrameworkCore;

namespace NotesSync.Infrastructure.Tests;

/// <summary>
/// NotesSync on a real PostgreSQL server (<see cref="TestPostgres.Variable"/>), each test on a database of
/// its own: the migrations build the schema from nothing, and the round trips SQLite proves hold here too.
/// </summary>
public class PostgresPersistenceTests
{
    [PostgresFact]
    public async Task The_migrations_apply_on_an_empty_database_and_match_the_model()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(migrate: false);
        await using (var before = database.Scope())
            Assert.Empty(await database.Context(before).Database.GetAppliedMigrationsAsync());

        await database.MigrateAsync();

        await using var after = database.Scope();
        var db = database.Context(after).Database;
        Assert.Equal(db.GetMigrations(), await db.GetAppliedMigrationsAsync());
        Assert.Empty(await db.GetPendingMigrationsAsync());
        Assert.False(db.HasPendingModelChanges());
        Assert.Equal(0, await database.Context(after).SyncRuns.CountAsync());
    }

    [PostgresFact]
    public async Task Two_requests_changing_the_same_account_at_once_cannot_both_win()
    {
        await using var database = await TestDatabase.CreatePostgresAsync();
        await PersistenceRoundTrips.TwoChangesOfOneAccountAtOnceCannotBothWin(database);
    }

    [PostgresFact]
    public async Task The_database_allows_one_active_run_per_user()
    {
        await using var database = await TestDatabase.CreatePostgresAsync();
        await PersistenceRoundTrips.OneActiveRunPerUser(database);
    }

    [PostgresFact]
    public async Task Value_objects_and_run_reports_survive_a_round_trip()
    {
        await using var database = await TestDatabase.CreatePostgresAsync();
        await PersistenceRoundTrips.ValueObjectsAndRunReports(database);
    }

    [PostgresFact]
    public async Task A_runs_links_saved_a_batch_at_a_time_read_back_and_a_stale_change_is_refused()
    {
        await using var database = await TestDatabase.CreatePostgresAsync();
        await PersistenceRoundTrips.LinksSavedABatchAtATime(database);
    }
}
