using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Infrastructure.Persistence.Specifications;

namespace NotesSync.Infrastructure.Tests;

public class SpecificationEvaluatorTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var scope = _database.Scope();
        var db = _database.Context(scope);
        for (var i = 0; i < 7; i++)
        {
            var run = SyncRun.Queue("org-1", $"u{i % 2}", RunTrigger.Manual, Now.AddMinutes(i));
            run.Start(Now.AddMinutes(i));
            run.Finish(Now.AddMinutes(i + 1));
            db.SyncRuns.Add(run);
        }

        db.SyncRuns.Add(SyncRun.Queue("org-2", "u0", RunTrigger.Manual, Now));
        var account = SyncAccount.Install("org-1", "Acme", new ZohoUser("1", "ann@acme.example", "Ann"), 3, "c", Now);
        account.AddUser(new ZohoUser("2", "bob@acme.example", "Bob"), Now);
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private sealed class RunsOf : Specification<SyncRun>
    {
        public RunsOf(string orgId, string userId, int skip, int take) =>
            Query.Where(r => r.OrgId == orgId).Where(r => r.UserId == userId)
                .OrderByDescending(r => r.QueuedAt).ThenBy(r => r.Id).Skip(skip).Take(take).AsNoTracking();
    }

    private sealed class RunTimes : Specification<SyncRun, DateTimeOffset>
    {
        public RunTimes(string orgId)
        {
            Query.Where(r => r.OrgId == orgId).OrderBy(r => r.QueuedAt);
            Query.Select(r => r.QueuedAt);
        }
    }

    private sealed class Searching : Specification<SyncAccount>
    {
        public Searching() => Query.Search(a => a.OrgName, "%Ac%");
    }

    [Fact]
    public async Task Criteria_order_and_paging_are_applied_in_the_database()
    {
        await using var scope = _database.Scope();
        var runs = scope.ServiceProvider.GetRequiredService<IReadRepository<SyncRun>>();

        var page = await runs.ListAsync(new RunsOf("org-1", "u0", skip: 1, take: 2));

        // u0 queued at minutes 0, 2, 4, 6: newest first, skip one, take two.
        Assert.Equal([Now.AddMinutes(4), Now.AddMinutes(2)], page.Select(r => r.QueuedAt));
    }

    [Fact]
    public async Task Counting_ignores_paging()
    {
        await using var scope = _database.Scope();
        var runs = scope.ServiceProvider.GetRequiredService<IReadRepository<SyncRun>>();

        Assert.Equal(4, await runs.CountAsync(new RunsOf("org-1", "u0", skip: 1, take: 2)));
        Assert.True(await runs.AnyAsync(new RunsOf("org-2", "u0", 0, 1)));
        Assert.False(await runs.AnyAsync(new RunsOf("org-3", "u0", 0, 1)));
    }

    [Fact]
    public async Task A_projection_selects_only_what_it_names()
    {
        await using var scope = _database.Scope();
        var runs = scope.ServiceProvider.GetRequiredService<IReadRepository<SyncRun>>();

        var times = await runs.ListAsync(new RunTimes("org-1"));

        Assert.Equal(7, times.Count);
        Assert.Equal(Now, times[0]);
    }

    [Fact]
    public async Task Includes_load_the_navigation_and_no_tracking_is_honoured()
    {
        await using var scope = _database.Scope();
        var db = _database.Context(scope);

        var account = await SpecificationEvaluator.Apply(db.Accounts, new AccountByOrg("org-1")).SingleAsync();
        var untracked = await SpecificationEvaluator.Apply(db.SyncRuns, new RunsOf("org-1", "u1", 0, 10)).ToListAsync();

        Assert.Equal(2, account.Users.Count);
        Assert.Equal(3, untracked.Count);
        Assert.All(untracked, r => Assert.Equal(EntityState.Detached, db.Entry(r).State));
    }

    [Fact]
    public void Include_chains_become_dotted_paths()
    {
        var spec = new Specification<SyncProfile>();
        spec.Query.Include(p => p.Checkpoints);
        spec.Query.Include("Notes.Extra");

        Assert.Equal(["Notes.Extra", "Checkpoints"], SpecificationEvaluator.IncludePaths(spec));
    }

    [Fact]
    public async Task A_specification_the_evaluator_cannot_honour_fails_loudly()
    {
        await using var scope = _database.Scope();
        var accounts = scope.ServiceProvider.GetRequiredService<IReadRepository<SyncAccount>>();

        await Assert.ThrowsAsync<NotSupportedException>(() => accounts.ListAsync(new Searching()));
    }
}
