using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NotesSync.Infrastructure;
using NotesSync.Infrastructure.Persistence;

namespace NotesSync.Infrastructure.Tests;

/// <summary>
/// A real database wired the way the host wires Infrastructure: a SQLite file, or a PostgreSQL database of its own
/// created on the server <see cref="PostgresVariable"/> names (and dropped afterwards).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>The connection string of a PostgreSQL server whose role may create databases (.ci/run sets it).</summary>
    public const string PostgresVariable = "NOTESSYNC_TEST_POSTGRES";

    private readonly ServiceProvider _services;
    private readonly Func<Task> _drop;

    private TestDatabase(string provider, string connectionString, Func<Task> drop)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:NotesSync"] = connectionString,
        }).Build();
        _services = new ServiceCollection().AddLogging().AddInfrastructure(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _drop = drop;
    }

    /// <summary>A SQLite file with every migration applied.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"notessync-{Guid.NewGuid():N}.db");
        var database = new TestDatabase("Sqlite", $"Data Source={path}", () =>
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
            return Task.CompletedTask;
        });
        await database.MigrateAsync();
        return database;
    }

    /// <summary>An empty PostgreSQL database of its own; with <paramref name="migrate"/>, every migration applied.</summary>
    public static async Task<TestDatabase> CreatePostgresAsync(bool migrate = true)
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } set ? set
            : throw new InvalidOperationException($"{PostgresVariable} is not set (a [PostgresFact] skips without it).");
        var name = $"notessync_test_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        var database = new TestDatabase("Postgres", new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString,
            async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            });
        if (migrate) await database.MigrateAsync();
        return database;
    }

    public AsyncServiceScope Scope() => _services.CreateAsyncScope();

    public NotesSyncDbContext Context(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>();

    public async Task MigrateAsync()
    {
        await using var scope = Scope();
        await Context(scope).Database.MigrateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _drop();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// A test that needs a real PostgreSQL server: skipped, with the reason, only when <see cref="TestDatabase.PostgresVariable"/>
/// is not set (a developer machine without PostgreSQL). CI sets it, so there the test runs and fails if the server does.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)))
            Skip = $"{TestDatabase.PostgresVariable} is not set: no PostgreSQL server to test on (README, 'Test it', says how).";
    }
}
