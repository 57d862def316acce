using System.Net;

namespace NotesSync.Simulators.Zoho.Tests;

public sealed class ModulesTests : IAsyncLifetime
{
    private const string ModulesScope = "ZohoCRM.settings.modules.READ";
    private ZohoSimulator _simulator = null!;
    private ZohoOrg _org = null!;

    public async Task InitializeAsync()
    {
        _simulator = await ZohoSimulator.StartAsync();
        _org = _simulator.State.CreateOrg();
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task Settings_modules_lists_every_synced_module_as_api_supported_which_Zohos_SDKs_read_before_any_field()
    {
        using var api = ZohoApi.For(_simulator, _org.Admin, ModulesScope);

        var all = await api.GetAsync("crm/v8/settings/modules");
        var one = await api.GetAsync("crm/v8/settings/modules/Events");

        Assert.Equal(HttpStatusCode.OK, all.Status);
        var modules = all.Json!["modules"]!.AsArray();
        foreach (var name in new[] { "Contacts", "Tasks", "Events", "Accounts" })
        {
            var module = Assert.Single(modules, m => m!["api_name"].Str() == name)!;
            Assert.True(module["api_supported"]!.GetValue<bool>());
            Assert.Equal("default", module["generated_type"].Str());
            Assert.Matches(@"^\d{19}$", module["id"].Str());
        }
        Assert.Equal(modules.Count, modules.Select(m => m!["id"].Str()).Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.Equal("Meetings", Assert.Single(one.Json!["modules"]!.AsArray())!["plural_label"].Str());
    }

    [Fact]
    public async Task Settings_modules_needs_its_scope_and_a_known_module()
    {
        using var withoutScope = ZohoApi.For(_simulator, _org.Admin);
        using var api = ZohoApi.For(_simulator, _org.Admin, ModulesScope);

        var refused = await withoutScope.GetAsync("crm/v8/settings/modules");
        var unknown = await api.GetAsync("crm/v8/settings/modules/Potentials");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("OAUTH_SCOPE_MISMATCH", refused.Json!["code"].Str());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("INVALID_MODULE", unknown.Json!["code"].Str());
    }
}
