using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NotesSync.Application.Common;
using NotesSync.Application.Crm;
using NotesSync.Infrastructure.Zoho;
using NotesSync.Domain.Profiles;
using NotesSync.Simulators.Zoho;

namespace NotesSync.Infrastructure.Tests.Zoho;

/// <summary>What an uninstall leaves of the organisation's Zoho access on every node: nothing usable.</summary>
public sealed class ZohoUninstallTokenTests
{
    private static async Task<Domain.Common.Result> ReadContactsAsync(IZohoCrm crm, string orgId) =>
        await crm.ReadChangedAsync(orgId, SyncModule.Contacts, ["Last_Name"], null, (_, _) => Task.CompletedTask, default);

    private static int ContactReads(ZohoCrmHost host) => host.Calls("GET", "/crm/v8/Contacts").Count;

    [Fact]
    public async Task After_uninstall_a_second_nodes_remembered_access_token_is_not_used()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ZohoCrmHost.StartAsync(clock: clock);
        host.Org.Seed(new ZohoSeedSpec { Contacts = 3 });
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);
        var otherNode = host.AddNode();
        var warm = await ReadContactsAsync(host.Resolve<IZohoCrm>(otherNode), host.OrgId);
        Assert.True(warm.IsSuccess, warm.Error?.Message);
        var reads = ContactReads(host);

        // The first node purges the organisation; Zoho was not told (as if the revocation had failed), so the token
        // the other node remembers would still open the CRM.
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IOrganisationPurge>().PurgeAsync(host.OrgId, default);
        clock.Advance(ZohoTokenProvider.RecheckEvery); // a node looks at the shared row again at most this long after its last look
        var read = await ReadContactsAsync(host.Resolve<IZohoCrm>(otherNode), host.OrgId);

        Assert.Equal("zoho-not-connected", read.Error?.Code);
        Assert.Equal(reads, ContactReads(host));
    }

    [Fact]
    public async Task A_new_grant_replaces_the_access_token_every_node_remembers()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ZohoCrmHost.StartAsync(clock: clock);
        var first = await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);
        var otherNode = host.AddNode();
        var warm = await ReadContactsAsync(host.Resolve<IZohoCrm>(otherNode), host.OrgId);
        Assert.True(warm.IsSuccess, warm.Error?.Message);

        await host.ConnectThroughConsentAsync();
        host.Simulator.State.RevokeToken(first.RefreshToken!);
        clock.Advance(ZohoTokenProvider.RecheckEvery);
        var read = await ReadContactsAsync(host.Resolve<IZohoCrm>(otherNode), host.OrgId);

        Assert.True(read.IsSuccess, read.Error?.Message);
        Assert.DoesNotContain(host.Simulator.State.Calls.All, c => c.Status == 401);
    }
}
