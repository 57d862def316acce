using Microsoft.Extensions.DependencyInjection;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;
using NotesSync.Infrastructure.Zoho;
using NotesSync.Simulators.Zoho;
using Xunit.Abstractions;

namespace NotesSync.Infrastructure.Tests.Zoho;

/// <summary>
/// Zoho's per-organisation concurrency limit held across nodes (ADR 0006): nodes of one deployment, each with its
/// own memory and the same database, and one organisation's users syncing through all of them at once.
/// </summary>
public sealed class ZohoLimitAcrossNodesTests(ITestOutputHelper output)
{
    private const int Limit = 4;
    private const int UsersPerNode = 4;
    private const int TasksPerUser = 150;

    private static readonly Dictionary<string, string?> SharedLimit = new() { ["Zoho:ConcurrencyScope"] = "Deployment" };

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public Task Nodes_syncing_one_organisations_users_at_once_never_have_more_calls_in_flight_than_its_limit(int nodes) =>
        NodesSyncAsync(nodes, postgres: null);

    [PostgresFact]
    public async Task Two_nodes_on_one_PostgreSQL_database_never_have_more_calls_of_one_organisation_in_flight_than_its_limit()
    {
        await using var database = await TestPostgres.CreateAsync();
        await NodesSyncAsync(2, database.ConnectionString);
    }

    private async Task NodesSyncAsync(int nodes, string? postgres)
    {
        await using var host = await ZohoCrmHost.StartAsync(maxConcurrencyPerOrg: Limit, settings: SharedLimit, postgres: postgres,
            simulator: new ZohoSimulatorOptions { ConcurrencyRetryAfter = null, Latency = TimeSpan.FromMilliseconds(10) });
        host.Org.Seed(new ZohoSeedSpec { Contacts = 450 });
        await host.ConnectAsync();
        var all = new List<IServiceProvider> { host.Services };
        while (all.Count < nodes) all.Add(host.AddNode());
        foreach (var node in all) await host.Resolve<IZohoCrm>(node).PrepareAsync(host.OrgId, default);
        host.Org.ConcurrencyLimit = Limit;
        host.Org.ResetStatistics();
        // Accepted calls are held until the limit is reached, so the nodes crowd in whatever the machine's speed,
        // and a call past the limit arrives while they are held, to be seen (and refused) rather than slip between two.
        host.Org.HoldCallsUntilInFlight(Limit);

        var syncs = all
            .SelectMany((node, n) => Enumerable.Range(0, UsersPerNode).Select(u => SyncAsync(host.Resolve<IZohoCrm>(node), host.OrgId, $"n{n}u{u}")))
            .ToList();
        var outcomes = await Task.WhenAll(syncs);

        output.WriteLine($"limit {Limit}, {nodes} nodes x {UsersPerNode} users: peak in flight {host.Org.PeakInFlight}, 429s {host.Org.ConcurrencyRejections}");
        Assert.All(outcomes, o => Assert.True(o.IsSuccess, o.Error?.Message));
        Assert.Equal(nodes * UsersPerNode * TasksPerUser, host.Org.CountRecords("Tasks"));
        Assert.Equal(Limit, host.Org.PeakInFlight);
        Assert.Equal(0, host.Org.ConcurrencyRejections);
        await Eventually.HoldsAsync(async () => await HeldSlotsAsync(host) == 0, "every call slot is free once the calls are over");
    }

    [Fact]
    public async Task The_slots_of_a_node_killed_in_the_middle_of_its_calls_come_back_when_their_lease_runs_out()
    {
        var lease = TimeSpan.FromSeconds(1);
        await using var host = await ZohoCrmHost.StartAsync(maxConcurrencyPerOrg: 2, settings: new Dictionary<string, string?>(SharedLimit)
        {
            ["Zoho:CallSlotLease"] = lease.ToString(),
        });
        host.Org.Seed(new ZohoSeedSpec { Contacts = 5 });
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);
        // A node took both slots for its calls and was killed: nobody will free or renew them.
        var killedAt = DateTimeOffset.UtcNow;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var slots = scope.ServiceProvider.GetRequiredService<ZohoCallSlotStore>();
            Assert.True(await slots.TryTakeAsync(host.OrgId, 2, "killed-node#1", killedAt, lease, default));
            Assert.True(await slots.TryTakeAsync(host.OrgId, 2, "killed-node#2", killedAt, lease, default));
        }
        host.Simulator.State.Calls.Clear();

        var read = await ReadAsync(host.Crm, host.OrgId);

        Assert.True(read.IsSuccess, read.Error?.Message);
        var first = Assert.Single(host.Calls("GET", "/crm/v8/Contacts"));
        Assert.True(first.At >= killedAt + lease, $"the read went out at {first.At:O}, before the killed node's lease ran out at {killedAt + lease:O}");
        await Eventually.HoldsAsync(async () => await HeldSlotsAsync(host) == 0, "every call slot is free once the calls are over");
    }

    [Fact]
    public async Task A_429_storm_that_does_not_end_fails_the_call_with_zoho_throttled_after_its_retries()
    {
        await using var host = await ZohoCrmHost.StartAsync(maxThrottleRetries: 3, settings: SharedLimit,
            simulator: new ZohoSimulatorOptions { ConcurrencyRetryAfter = null });
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);
        host.Org.ConcurrencyLimit = 0;

        var read = await ReadAsync(host.Crm, host.OrgId);

        Assert.Equal("zoho-throttled", read.Error?.Code);
        Assert.Equal(1 + 3, host.Org.ConcurrencyRejections);
        await Eventually.HoldsAsync(async () => await HeldSlotsAsync(host) == 0, "every call slot is free once the calls are over");
    }

    [Fact]
    public async Task A_429_storm_fails_the_call_with_zoho_throttled_once_its_waits_pass_the_longest_allowed()
    {
        await using var host = await ZohoCrmHost.StartAsync(maxThrottleRetries: 1_000, settings: new Dictionary<string, string?>(SharedLimit)
        {
            ["Zoho:MaxThrottleWait"] = "00:00:01",
        }, simulator: new ZohoSimulatorOptions { ConcurrencyRetryAfter = null });
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);
        host.Org.ConcurrencyLimit = 0;

        var read = await ReadAsync(host.Crm, host.OrgId);

        // Pauses of 250, 500 and 1,000 ms (plus jitter): the third would pass one second in all.
        Assert.Equal("zoho-throttled", read.Error?.Code);
        Assert.InRange(host.Org.ConcurrencyRejections, 2, 3);
    }

    private static async Task<Result> ReadAsync(IZohoCrm crm, string orgId) =>
        await crm.ReadChangedAsync(orgId, SyncModule.Contacts, [], null, (_, _) => Task.CompletedTask, default);

    /// <summary>One user's sync as Zoho sees it: the changed contacts read page by page, then a batch of tasks written.</summary>
    private static async Task<Result> SyncAsync(IZohoCrm crm, string orgId, string user)
    {
        var read = await ReadAsync(crm, orgId);
        if (read.IsFailure) return read;
        var tasks = Enumerable.Range(0, TasksPerUser).Select(i => new ZohoWrite(null, new Dictionary<string, string?>
        {
            ["Subject"] = $"{user} task {i}",
            ["Notes_UNID"] = $"{user}{i:D28}",
        })).ToList();
        var written = await crm.CreateAsync(orgId, SyncModule.Tasks, tasks, default);
        if (written.IsFailure) return written.Error!;
        return written.Value.FirstOrDefault(w => !w.Succeeded) is { } failed ? Error.Unprocessable("write-failed", failed.Message ?? "") : Result.Success();
    }

    /// <summary>The organisation's slots whose lease still runs: none once every call is over.</summary>
    private static async Task<int> HeldSlotsAsync(ZohoCrmHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Persistence.NotesSyncDbContext>();
        var now = DateTimeOffset.UtcNow;
        return db.ZohoCallSlots.Where(s => s.OrgId == host.OrgId).AsEnumerable().Count(s => s.HeldUntil > now);
    }
}
