using System.Net;

namespace NotesSync.Web.Tests;

/// <summary>
/// The host on a real PostgreSQL database (<see cref="TestPostgres.Variable"/>) with its jobs in the same database:
/// a shared database is migrated by the <c>migrate</c> command, never by a node, and a sync runs from the queue.
/// </summary>
public class PostgresHostTests
{
    [PostgresFact]
    public async Task A_node_refuses_an_unmigrated_database_and_after_the_migrate_command_runs_syncs_from_the_PostgreSQL_queue()
    {
        await using var database = await TestPostgres.CreateAsync();
        var settings = OnPostgres(database);
        await using (var unmigrated = new NotesSyncApp())
        {
            foreach (var (key, value) in settings) unmigrated.Settings[key] = value;
            var refused = Assert.ThrowsAny<Exception>(() => unmigrated.CreateClient());
            Assert.Contains("run `dotnet NotesSync.Web.dll migrate` once", refused.ToString(), StringComparison.Ordinal);
        }

        await MigrateCommand.RunAsync(settings);
        await using var h = await SyncHarness.StartAsync(settings: settings);
        await h.SettingsAsync("twoWay", tasks: false);
        h.AddNotesContact("Zoë", "Dupont", "zoe@example.fr");
        h.AddCrmContact("Jörg", "Müller", "jorg@example.de");

        var first = await h.SyncAsync();
        var second = await h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", first);
        Assert.Equal((1, 1), (SyncHarness.Count(first, "contacts", "toCrm.created"), SyncHarness.Count(first, "contacts", "toNotes.created")));
        SyncHarness.AssertStatus("succeeded", second);
        Assert.Equal((0, 0), (SyncHarness.Count(second, "contacts", "toCrm.created"), SyncHarness.Count(second, "contacts", "toNotes.created")));
        Assert.Equal(2, h.CrmContacts.Count);
        Assert.Equal(2, h.NotesDocuments("Person").Count);
    }

    [PostgresFact]
    public async Task A_request_that_meets_a_database_refusing_connections_is_answered_503_service_unavailable_not_500()
    {
        await using var database = await TestPostgres.CreateAsync();
        var settings = OnPostgres(database);
        await MigrateCommand.RunAsync(settings);
        await using var h = await SyncHarness.StartAsync(settings: settings);
        Assert.Equal(HttpStatusCode.OK, (await h.Admin.GetAsync(new Uri("/api/sync/settings", UriKind.Relative))).StatusCode);

        await database.RefuseConnectionsAsync();
        var refused = await h.Admin.GetAsync(new Uri("/api/sync/settings", UriKind.Relative));

        var problem = await ProblemAssert.IsProblem(refused, HttpStatusCode.ServiceUnavailable, "service-unavailable");
        Assert.Contains("database", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter is not null, "a 503 says when to try again");
    }

    /// <summary>A node's settings for <paramref name="database"/>: NotesSync's tables and Hangfire's jobs in it.</summary>
    private static Dictionary<string, string> OnPostgres(TestPostgres database) => new()
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:NotesSync"] = database.ConnectionString,
        ["Jobs:Storage"] = "Postgres",
    };
}
