using Npgsql;

namespace NotesSync.Testing;

/// <summary>
/// A PostgreSQL database of a test's own, created on the server <see cref="Variable"/> names and dropped (with any
/// connection still open to it) when disposed. One file, compiled into each test project that needs PostgreSQL
/// (linked from tests/Shared).
/// </summary>
internal sealed class TestPostgres : IAsyncDisposable
{
    /// <summary>The connection string of a PostgreSQL server whose role may create databases (.ci/run sets it).</summary>
    public const string Variable = "NOTESSYNC_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name;

    private TestPostgres(string server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>The new database's connection string.</summary>
    public string ConnectionString { get; }

    public static async Task<TestPostgres> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } set ? set
            : throw new InvalidOperationException($"{Variable} is not set (a [PostgresFact] skips without it).");
        var database = new TestPostgres(server, $"notessync_test_{Guid.NewGuid():N}");
        await ExecuteAsync(server, $"CREATE DATABASE \"{database._name}\"");
        return database;
    }

    /// <summary>
    /// The database goes away as a failing server's does: its open connections are ended and new ones refused
    /// (53300, "too many connections", as when a server's connection slots are all taken).
    /// </summary>
    public async Task RefuseConnectionsAsync()
    {
        await ExecuteAsync(_server, $"ALTER DATABASE \"{_name}\" CONNECTION LIMIT 0");
        await ExecuteAsync(_server, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_name}' AND pid <> pg_backend_pid()");
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
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
/// A test that needs a real PostgreSQL server: skipped, with the reason, only when <see cref="TestPostgres.Variable"/>
/// is not set (a developer machine without PostgreSQL). CI sets it, so there the test runs, and fails if the server does.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresFactAttribute : Xunit.FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TestPostgres.Variable)))
            Skip = $"{TestPostgres.Variable} is not set: no PostgreSQL server to test on (README, 'Test it', says how).";
    }
}
