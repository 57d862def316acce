using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Infrastructure;
using NotesSync.Infrastructure.Persistence;

namespace NotesSync.Infrastructure.Tests;

/// <summary>
/// A real database wired the way the host wires Infrastructure: a SQLite file, or a PostgreSQL database of its own
/// created on the server <see cref="TestPostgres.Variable"/> names (and dropped afterwards).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
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
        var postgres = await TestPostgres.CreateAsync();
        var database = new TestDatabase("Postgres", postgres.ConnectionString, async () => await postgres.DisposeAsync());
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
}
