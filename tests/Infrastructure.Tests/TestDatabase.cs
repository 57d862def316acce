using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Infrastructure;
using NotesSync.Infrastructure.Persistence;

namespace NotesSync.Infrastructure.Tests;

/// <summary>A real SQLite file with every migration applied, wired the way the host wires Infrastructure.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"notessync-{Guid.NewGuid():N}.db");
    private readonly ServiceProvider _services;

    private TestDatabase()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:NotesSync"] = $"Data Source={_path}",
        }).Build();
        _services = new ServiceCollection().AddLogging().AddInfrastructure(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await using var scope = database.Scope();
        await scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>().Database.MigrateAsync();
        return database;
    }

    public AsyncServiceScope Scope() => _services.CreateAsyncScope();

    public NotesSyncDbContext Context(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
