using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace NotesSync.Web.Tests;

/// <summary>
/// What an operator meets: the settings production refuses, the <c>migrate</c> command deployments run once, and
/// a restart that keeps every user's automatic sync.
/// </summary>
public class OperationsTests
{
    private static async Task<Exception> StartRefusedAsync(Dictionary<string, string> settings)
    {
        await using var app = new NotesSyncApp { Environment = "Production" };
        foreach (var (key, value) in settings) app.Settings[key] = value;
        return Assert.ThrowsAny<Exception>(() => app.CreateClient());
    }

    [Fact]
    public async Task Outside_development_the_host_refuses_to_start_with_a_key_ring_no_certificate_protects()
    {
        var refused = await StartRefusedAsync(new() { ["DataProtection:CertificatePath"] = "" });

        Assert.Contains("DataProtection:CertificatePath", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_the_host_refuses_to_start_without_a_database_provider()
    {
        var refused = await StartRefusedAsync(new() { ["Database:Provider"] = "" });

        Assert.Contains("Database:Provider is not set", refused.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SqlServer")]
    [InlineData("Postgres")]
    public async Task Outside_development_the_host_refuses_in_memory_jobs_on_a_database_several_nodes_share(string provider)
    {
        var refused = await StartRefusedAsync(new() { ["Database:Provider"] = provider, ["Jobs:Storage"] = "InMemory" });

        Assert.Contains($"Jobs:Storage is InMemory on a shared database ({provider})", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_the_host_refuses_Postgres_jobs_on_another_database()
    {
        var refused = await StartRefusedAsync(new() { ["Database:Provider"] = "SqlServer", ["Jobs:Storage"] = "Postgres" });

        Assert.Contains("Jobs:Storage is Postgres but Database:Provider is not", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_on_SQLite_the_host_migrates_at_start_up_and_serves_no_OpenAPI_document()
    {
        await using var app = new NotesSyncApp { Environment = "Production" };
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task The_migrate_command_applies_the_migrations_with_the_hosts_configuration_and_exits_0()
    {
        var database = Path.Combine(Path.GetTempPath(), $"notessync-migrate-{Guid.NewGuid():N}.db");
        try
        {
            await MigrateCommand.RunAsync(new Dictionary<string, string>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:NotesSync"] = $"Data Source={database}",
            });
            await using var connection = new SqliteConnection($"Data Source={database}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM \"__EFMigrationsHistory\"";
            var applied = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            var expected = typeof(NotesSync.Infrastructure.Persistence.NotesSyncDbContext).Assembly.GetTypes()
                .Count(t => t.Namespace == "NotesSync.Infrastructure.Persistence.Migrations.Sqlite"
                    && t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).Length > 0);
            Assert.Equal(expected, applied);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(database);
        }
    }

    [Fact]
    public async Task After_a_restart_a_users_automatic_sync_is_scheduled_again_and_fires()
    {
        await using var h = await SyncHarness.StartAsync();
        var saved = await h.Admin.PutAsJsonAsync("/api/sync/settings", new
        {
            contacts = true, tasks = false, events = false, eventRange = "fromToday", direction = "twoWay", conflictWinner = "crm",
            autoSyncMinutes = 15,
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        await h.RestartAsync();
        _ = h.App.CreateClient();
        // The restarted node's job storage started empty (in memory): the schedule exists only if start-up restored it.
        h.App.Services.GetRequiredService<IRecurringJobManager>().Trigger($"auto-sync:{h.Org.Id}:{h.Org.Admin.Id}");

        JsonElement run = default;
        await Eventually.HoldsAsync(async () =>
        {
            var runs = await h.Admin.GetFromJsonAsync<JsonElement>("/api/sync/runs");
            run = runs.EnumerateArray().FirstOrDefault();
            return run.ValueKind == JsonValueKind.Object;
        }, "a run of the automatic sync");
        Assert.Equal("scheduled", run.GetProperty("trigger").GetString());
        SyncHarness.AssertStatus("succeeded", await h.WaitForAsync(run.GetProperty("runId").GetGuid()));
    }
}
