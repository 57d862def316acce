using Npgsql;

namespace NotesSync.Benchmarks;

/// <summary>
/// A PostgreSQL database of the benchmark's own on the server a connection string names (its role may create
/// databases), for nodes that share one: created empty, dropped with any connection still open when disposed.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _server;
    private readonly bool _keep;

    private PostgresDatabase(string server, string name, bool keep)
    {
        _server = server;
        _keep = keep;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The new database's connection string: the nodes' <c>ConnectionStrings:NotesSync</c>.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync(string server, bool keep, CancellationToken ct)
    {
        var database = new PostgresDatabase(server, $"notessync_bench_e_{Guid.NewGuid():N}", keep);
        await ExecuteAsync(server, $"CREATE DATABASE \"{database.Name}\"", ct);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        if (_keep) return;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", CancellationToken.None);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
