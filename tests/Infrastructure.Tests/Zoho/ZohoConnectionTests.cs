using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NotesSync.Application.Crm;
using NotesSync.Infrastructure.Zoho;
using NotesSync.Domain.Profiles;
using NotesSync.Infrastructure.Persistence;
using NotesSync.Simulators.Zoho;

namespace NotesSync.Infrastructure.Tests.Zoho;

/// <summary>The adapter's tokens over the real OAuth endpoints of the simulator: consent, expiry, revocation.</summary>
public sealed class ZohoConnectionTests
{
    private static async Task<Domain.Common.Result> ReadContactsAsync(IZohoCrm crm, string orgId, List<string>? ids = null) =>
        await crm.ReadChangedAsync(orgId, SyncModule.Contacts, ["Last_Name"], null, (page, _) =>
        {
            ids?.AddRange(page.Select(r => r.Id));
            return Task.CompletedTask;
        }, default);

    [Fact]
    public async Task After_the_admin_consents_the_code_is_exchanged_and_the_CRM_is_read_with_the_grant()
    {
        await using var host = await ZohoCrmHost.StartAsync();
        host.Org.Seed(new ZohoSeedSpec { Contacts = 30 });

        await host.ConnectThroughConsentAsync();
        var prepared = await host.Crm.PrepareAsync(host.OrgId, default);
        var ids = new List<string>();
        var read = await ReadContactsAsync(host.Crm, host.OrgId, ids);

        Assert.True(prepared.IsSuccess, prepared.Error?.Message);
        Assert.True(read.IsSuccess, read.Error?.Message);
        Assert.Equal(host.Org.Records("Contacts").Select(r => r.Id).Order(), ids.Order());
        Assert.Equal(host.Simulator.ApiDomain + "/", (await host.AccountAsync()).Zoho!.ApiDomain);
        // The access token of the exchange serves the first calls: no refresh was needed.
        Assert.Equal(1, host.TokenCalls);
    }

    [Fact]
    public async Task An_access_token_Zoho_calls_invalid_is_refreshed_once_and_the_read_goes_on()
    {
        await using var host = await ZohoCrmHost.StartAsync();
        host.Org.Seed(new ZohoSeedSpec { Contacts = 5 });
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);
        var refreshes = host.TokenCalls;

        host.Simulator.State.ExpireAccessTokens(host.Org);
        var read = await ReadContactsAsync(host.Crm, host.OrgId);

        Assert.True(read.IsSuccess, read.Error?.Message);
        Assert.Equal(refreshes + 1, host.TokenCalls);
        // A refused token names no org in the simulator's log: the whole log is read.
        Assert.Equal([401, 200], host.Simulator.State.Calls.All.Where(c => c.Path == "/crm/v8/Contacts").Select(c => c.Status));
    }

    [Fact]
    public async Task An_access_token_past_its_hour_is_refreshed_before_the_call_and_shared_with_another_node()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ZohoCrmHost.StartAsync(simulator: new ZohoSimulatorOptions { TimeProvider = clock }, clock: clock);
        host.Org.Seed(new ZohoSeedSpec { Contacts = 5 });
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);
        Assert.Equal(1, host.TokenCalls);

        clock.Advance(TimeSpan.FromMinutes(61));
        var read = await ReadContactsAsync(host.Crm, host.OrgId);
        var otherNode = host.Resolve<IZohoCrm>(host.AddNode());
        var readElsewhere = await ReadContactsAsync(otherNode, host.OrgId);

        Assert.True(read.IsSuccess, read.Error?.Message);
        Assert.True(readElsewhere.IsSuccess, readElsewhere.Error?.Message);
        Assert.Equal(2, host.TokenCalls);
        Assert.DoesNotContain(host.Simulator.State.Calls.All, c => c.Status == 401);
    }

    [Fact]
    public async Task A_revoked_grant_answers_zoho_not_connected_and_clears_the_connection()
    {
        await using var host = await ZohoCrmHost.StartAsync();
        var tokens = await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);

        host.Simulator.State.RevokeToken(tokens.RefreshToken!);
        var read = await ReadContactsAsync(host.Crm, host.OrgId);
        var again = await host.Crm.CreateAsync(host.OrgId, SyncModule.Tasks, [new ZohoWrite(null, new Dictionary<string, string?> { ["Subject"] = "x" })], default);

        Assert.Equal("zoho-not-connected", read.Error?.Code);
        Assert.Equal("zoho-not-connected", again.Error?.Code);
        Assert.Null((await host.AccountAsync()).Zoho);
        await using var scope = host.Services.CreateAsyncScope();
        var token = await scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>().ZohoAccessTokens.SingleAsync(t => t.OrgId == host.OrgId);
        Assert.Null(token.ProtectedToken);
    }
}
