using Microsoft.Extensions.Time.Testing;
using NotesSync.Application.Crm;
using NotesSync.Infrastructure.Zoho;
using NotesSync.Domain.Profiles;
using NotesSync.Simulators.Zoho;

namespace NotesSync.Infrastructure.Tests.Zoho;

/// <summary>The Notes UNID cross-reference field: created once per module, unique where the module has room.</summary>
public sealed class ZohoPrepareTests
{
    [Fact]
    public async Task Preparing_creates_the_Notes_UNID_field_once_in_each_module_and_reads_back_its_api_name()
    {
        await using var host = await ZohoCrmHost.StartAsync();
        await host.ConnectAsync();

        var first = await host.Crm.PrepareAsync(host.OrgId, default);
        var second = await host.Crm.PrepareAsync(host.OrgId, default);

        Assert.True(first.IsSuccess, first.Error?.Message);
        Assert.True(second.IsSuccess, second.Error?.Message);
        Assert.Equal(3, host.Calls("POST", "/crm/v8/settings/fields").Count);
        Assert.Equal(3, host.Simulator.State.Calls.ForOrg(host.OrgId).Count(c => c.Method == "GET" && c.Path.StartsWith("/crm/v8/settings/fields/", StringComparison.Ordinal)));
        Assert.All(new[] { "Contacts", "Tasks", "Events" }, module =>
        {
            var field = host.Org.FindField(module, "Notes_UNID");
            Assert.NotNull(field);
            Assert.Equal(("Notes UNID", "text", 64, ZohoUniqueness.CaseInsensitive), (field.Label, field.DataType, field.Length, field.Unique));
            Assert.Single(host.Org.Fields(module), f => f.Label == "Notes UNID");
        });
    }

    [Fact]
    public async Task A_module_with_two_unique_fields_already_gets_a_plain_Notes_UNID_field_and_refuses_upsert()
    {
        await using var host = await ZohoCrmHost.StartAsync();
        host.Org.AddCustomField("Contacts", "Customer Code", unique: ZohoUniqueness.CaseInsensitive);
        host.Org.AddCustomField("Contacts", "Tax Number", unique: ZohoUniqueness.CaseSensitive);
        await host.ConnectAsync();

        var prepared = await host.Crm.PrepareAsync(host.OrgId, default);
        var record = new ZohoWrite(null, new Dictionary<string, string?> { ["Last_Name"] = "Plain", ["Notes_UNID"] = "0123456789ABCDEF0123456789ABCDEF" });
        var upsert = await host.Crm.UpsertByNotesUnidAsync(host.OrgId, SyncModule.Contacts, [record], default);
        var create = await host.Crm.CreateAsync(host.OrgId, SyncModule.Contacts, [record], default);

        Assert.True(prepared.IsSuccess, prepared.Error?.Message);
        Assert.Equal(ZohoUniqueness.None, host.Org.FindField("Contacts", "Notes_UNID")!.Unique);
        Assert.Equal(ZohoUniqueness.CaseInsensitive, host.Org.FindField("Tasks", "Notes_UNID")!.Unique);
        Assert.Equal("zoho-notes-unid-not-unique", upsert.Error?.Code);
        Assert.True(Assert.Single(create.Value).Succeeded);
    }

    [Fact]
    public async Task Preparing_again_within_ten_minutes_trusts_the_fields_read_and_after_that_reads_them_afresh()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ZohoCrmHost.StartAsync(simulator: new ZohoSimulatorOptions { TimeProvider = clock }, clock: clock);
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);
        var listsAfterFirst = ModuleFieldLists(host);

        clock.Advance(TimeSpan.FromMinutes(9));
        var soon = await host.Crm.PrepareAsync(host.OrgId, default);
        var listsSoon = ModuleFieldLists(host);
        clock.Advance(TimeSpan.FromMinutes(2));
        var later = await host.Crm.PrepareAsync(host.OrgId, default);

        Assert.True(soon.IsSuccess && later.IsSuccess);
        Assert.Equal(3, listsAfterFirst);
        Assert.Equal(3, listsSoon);
        Assert.Equal(6, ModuleFieldLists(host));
        Assert.Equal(3, host.Calls("POST", "/crm/v8/settings/fields").Count);
    }

    private static int ModuleFieldLists(ZohoCrmHost host) =>
        host.Simulator.State.Calls.ForOrg(host.OrgId).Count(c => c.Method == "GET" && c.Path == "/crm/v8/settings/fields");

    [Fact]
    public async Task Another_node_learns_the_field_from_the_fields_API_without_creating_it_again()
    {
        await using var host = await ZohoCrmHost.StartAsync();
        host.Org.Seed(new ZohoSeedSpec { Tasks = 3 });
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);

        var otherNode = host.Resolve<IZohoCrm>(host.AddNode());
        var read = await otherNode.ReadChangedAsync(host.OrgId, SyncModule.Tasks, ["Subject"], null, (_, _) => Task.CompletedTask, default);
        var again = await otherNode.ReadChangedAsync(host.OrgId, SyncModule.Tasks, ["Subject"], null, (_, _) => Task.CompletedTask, default);

        Assert.True(read.IsSuccess && again.IsSuccess);
        Assert.Equal(3 + 1, host.Calls("GET", "/crm/v8/settings/fields").Count);
        Assert.Equal(3, host.Calls("POST", "/crm/v8/settings/fields").Count);
    }
}
