using System.Data.Common;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Infrastructure.Persistence;

namespace NotesSync.Web.Tests;

/// <summary>The widget token's check against its organisation's key: read once a minute, and a database blip is no 500.</summary>
public class SigningKeyTests : IAsyncLifetime
{
    private readonly DatabaseBlip _database = new();
    private readonly NotesSyncApp _app;
    private string _secret = "";

    public SigningKeyTests() => _app = new NotesSyncApp
    {
        TestServices = services => services.ConfigureDbContext<SqliteNotesSyncDbContext>(o => o.AddInterceptors(_database)),
    };

    public async Task InitializeAsync() => _secret = await _app.InstallAsync("org-1");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_database_that_does_not_answer_while_a_token_is_checked_is_a_503_to_retry_not_a_500()
    {
        var client = _app.ClientFor(_secret, "org-1", "org-1-admin");
        _database.Down = true;

        var response = await client.GetAsync("/api/me");

        await ProblemAssert.IsProblem(response, HttpStatusCode.ServiceUnavailable, "service-unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
        _database.Down = false;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task The_organisations_key_is_read_once_not_at_every_call()
    {
        var client = _app.ClientFor(_secret, "org-1", "org-1-admin");

        var first = await AccountReadsDuring(() => client.GetAsync("/api/me"));
        var second = await AccountReadsDuring(() => client.GetAsync("/api/me"));

        Assert.Equal(first - 1, second);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_still_refused_once_the_key_is_kept()
    {
        Assert.Equal(HttpStatusCode.OK, (await _app.ClientFor(_secret, "org-1", "org-1-admin").GetAsync("/api/me")).StatusCode);

        var forged = await _app.ClientFor("not-the-secret-of-org-1-at-all-xx", "org-1", "org-1-admin").GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    private async Task<int> AccountReadsDuring(Func<Task<HttpResponseMessage>> call)
    {
        var before = _database.AccountReads;
        var response = await call();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return _database.AccountReads - before;
    }

    /// <summary>Counts the reads of the organisations' table, and fails them while the database is "down".</summary>
    private sealed class DatabaseBlip : DbCommandInterceptor
    {
        private int _accountReads;

        public volatile bool Down;

        public int AccountReads => Volatile.Read(ref _accountReads);

        public override InterceptionResult<DbDataReader> ReaderExecuting(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Check(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        private void Check(DbCommand command)
        {
            if (!command.CommandText.Contains("\"SyncAccounts\"", StringComparison.Ordinal)) return;
            Interlocked.Increment(ref _accountReads);
            if (Down) throw new SqliteException("database is locked", 5);
        }
    }
}
