using Mediator;
using Microsoft.EntityFrameworkCore;
using NotesSync.Application.Sync.RestoreSchedules;
using NotesSync.Infrastructure.Persistence;
using NotesSync.Infrastructure.Security;

namespace NotesSync.Web.Hosting;

/// <summary>
/// Migrations and start-up. A shared database (SQL Server, PostgreSQL) is migrated once per deployment by the host's own
/// command, <c>dotnet NotesSync.Web.dll migrate</c>, with the host's configuration; its nodes never migrate it, so
/// two nodes starting at once do not race on the schema. SQLite, the embedded single-node default, is migrated
/// by the host as it starts.
/// </summary>
public static class DatabaseStartup
{
    public static bool IsMigrateCommand(string[] args) => args is ["migrate"];

    /// <summary>The <c>migrate</c> command: applies every pending migration and answers the process's exit code.</summary>
    public static async Task<int> MigrateAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        var rebound = await SecretRebinding.RebindUnboundSecretsAsync(scope.ServiceProvider, CancellationToken.None);
        app.Logger.LogInformation(
            "Database migrated: {Count} migration(s) applied, {Rebound} secret(s) bound to their row.", pending.Count, rebound);
        return 0;
    }

    /// <summary>Before serving: migrates SQLite, refuses a shared database the deployment has not migrated, and
    /// schedules the sweep and every user's automatic sync again.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>();
        if (db.Database.IsSqlite())
        {
            await db.Database.MigrateAsync();
            await SecretRebinding.RebindUnboundSecretsAsync(scope.ServiceProvider, CancellationToken.None);
        }
        else if ((await db.Database.GetPendingMigrationsAsync()).Any())
            throw new InvalidOperationException(
                "The database has migrations this build needs and lacks: run `dotnet NotesSync.Web.dll migrate` once, then start the nodes.");

        var scheduled = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RestoreSchedules());
        app.Logger.LogInformation("Automatic sync scheduled again for {Count} user(s).", scheduled);
    }
}
