using NotesSync.Application.Crm;
using NotesSync.Infrastructure.Zoho;
using NotesSync.Domain.Profiles;
using NotesSync.Simulators.Zoho;

namespace NotesSync.Infrastructure.Tests.Zoho;

/// <summary>Concurrency, throttling, credits and outages, as the simulator enforces Zoho's limits.</summary>
public sealed class ZohoLimitsTests
{
    private static string Unid(int i) => $"{i:D32}";

    private static List<ZohoWrite> Tasks(int count) =>
        Enumerable.Range(0, count).Select(i => new ZohoWrite(null, new Dictionary<string, string?> { ["Subject"] = $"Task {i}", ["Notes_UNID"] = Unid(i) })).ToList();

    private static async Task<Domain.Common.Result> ReadAsync(IZohoCrm crm, string orgId, SyncModule module = SyncModule.Contacts) =>
        await crm.ReadChangedAsync(orgId, module, [], null, (_, _) => Task.CompletedTask, default);

    [Fact]
    public async Task Calls_refused_for_concurrency_are_tried_again_until_they_all_succeed()
    {
        await using var host = await ZohoCrmHost.StartAsync(maxConcurrencyPerOrg: 8, maxThrottleRetries: 12,
            simulator: new ZohoSimulatorOptions { ConcurrencyRetryAfter = null });
        host.Org.Seed(new ZohoSeedSpec { Contacts = 50 });
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);
        host.Org.ConcurrencyLimit = 2;
        // The two calls Zoho accepts are held until a third comes in, which Zoho must refuse.
        host.Org.HoldCallsUntilInFlight(3);

        var reads = Enumerable.Range(0, 8).Select(_ => ReadAsync(host.Crm, host.OrgId)).ToList();
        var write = host.Crm.CreateAsync(host.OrgId, SyncModule.Tasks, Tasks(300), default);
        var readResults = await Task.WhenAll(reads);
        var written = await write;

        Assert.All(readResults, r => Assert.True(r.IsSuccess, r.Error?.Message));
        Assert.All(written.Value, r => Assert.True(r.Succeeded, r.Message));
        Assert.True(host.Org.ConcurrencyRejections > 0);
        Assert.Equal(300, host.Org.CountRecords("Tasks"));
    }

    [Fact]
    public async Task Parallel_reads_and_writes_of_one_organisation_never_exceed_its_concurrency_limit()
    {
        await using var host = await ZohoCrmHost.StartAsync(maxConcurrencyPerOrg: 3);
        host.Org.Seed(new ZohoSeedSpec { Contacts = 250, Tasks = 20 });
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);
        host.Org.ResetStatistics();
        // Calls are held until three are in flight, so the gateway's parallelism shows whatever the machine's speed.
        host.Org.HoldCallsUntilInFlight(3);

        var gateways = Enumerable.Range(0, 4).Select(_ => host.Crm).ToList();
        var work = new List<Task>
        {
            host.Crm.CreateAsync(host.OrgId, SyncModule.Tasks, Tasks(400), default),
            host.Crm.FindAsync(host.OrgId, SyncModule.Tasks, new ZohoLookup(Enumerable.Range(0, 120).Select(Unid).ToList()), ["Subject"], default),
            host.Crm.ReadDeletedAsync(host.OrgId, SyncModule.Contacts, null, default),
        };
        work.AddRange(gateways.Select(g => ReadAsync(g, host.OrgId)));
        await Task.WhenAll(work);

        Assert.InRange(host.Org.PeakInFlight, 2, 3);
        Assert.Equal(0, host.Org.ConcurrencyRejections);
        Assert.Equal(420, host.Org.CountRecords("Tasks"));
    }

    [Fact]
    public async Task Exhausted_credits_end_reads_and_writes_with_zoho_credits_exhausted_without_retrying()
    {
        await using var host = await ZohoCrmHost.StartAsync();
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);
        host.Org.ConsumeCredits(host.Org.CreditsRemaining);

        var read = await ReadAsync(host.Crm, host.OrgId);
        var write = await host.Crm.CreateAsync(host.OrgId, SyncModule.Tasks, Tasks(250), default);

        Assert.Equal("zoho-credits-exhausted", read.Error?.Code);
        Assert.Equal("zoho-credits-exhausted", write.Error?.Code);
        Assert.InRange(host.Org.CreditRejections, 2, 1 + 3);
        Assert.Single(host.Calls("GET", "/crm/v8/Contacts"));
    }

    [Fact]
    public async Task A_passing_error_is_retried_for_a_read_but_a_failed_insert_is_never_sent_again()
    {
        await using var host = await ZohoCrmHost.StartAsync();
        host.Org.Seed(new ZohoSeedSpec { Contacts = 5 });
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);
        host.Simulator.State.Faults.FailNext(1, "/crm/v8/Contacts", 500, "GET");
        host.Simulator.State.Faults.FailNext(1, "/crm/v8/Tasks", 503, "POST");

        var read = await ReadAsync(host.Crm, host.OrgId);
        var write = await host.Crm.CreateAsync(host.OrgId, SyncModule.Tasks, Tasks(3), default);

        Assert.True(read.IsSuccess, read.Error?.Message);
        Assert.Equal([500, 200], host.Calls("GET", "/crm/v8/Contacts").Select(c => c.Status));
        Assert.Equal("zoho-unavailable", write.Error?.Code);
        Assert.Single(host.Calls("POST", "/crm/v8/Tasks"));
        Assert.Equal(0, host.Org.CountRecords("Tasks"));
    }
}
