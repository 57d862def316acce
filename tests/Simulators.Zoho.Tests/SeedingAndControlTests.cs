using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace NotesSync.Simulators.Zoho.Tests;

public sealed class SeedingAndControlTests
{
    [Fact]
    public async Task The_same_seed_and_clock_give_the_same_realistic_data_with_unicode_names()
    {
        var start = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
        await using var one = await ZohoSimulator.StartAsync(new ZohoSimulatorOptions { TimeProvider = new FakeTimeProvider(start) });
        await using var two = await ZohoSimulator.StartAsync(new ZohoSimulatorOptions { TimeProvider = new FakeTimeProvider(start) });
        var spec = new ZohoSeedSpec { Users = 2, Contacts = 120, Tasks = 30, Events = 30, Seed = 99 };

        one.State.CreateOrg().Seed(spec);
        two.State.CreateOrg().Seed(spec);

        static string Names(ZohoSimulator s) => string.Join('|', s.State.Orgs[0].Records("Contacts").Select(c => $"{c["First_Name"]} {c["Last_Name"]} {c["Email"]}"));
        Assert.Equal(Names(one), Names(two));
        Assert.Contains(one.State.Orgs[0].Records("Contacts"), c => c["Last_Name"]!.Any(ch => ch > 127));
        Assert.Equal(3, one.State.Orgs[0].Users.Count);
        Assert.Equal(30, one.State.Orgs[0].CountRecords("Events"));
    }

    [Fact]
    public async Task The_control_api_creates_seeded_orgs_injects_faults_and_revokes_tokens()
    {
        await using var simulator = await ZohoSimulator.StartAsync();
        using var http = new HttpClient { BaseAddress = simulator.BaseUri };
        static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

        var created = JsonNode.Parse(await (await http.PostAsync("_simulator/orgs",
            Body("""{"companyName":"Control","clientId":"1000.CONTROL","clientSecret":"s3cret","seed":{"contacts":5}}"""))).Content.ReadAsStringAsync())!;
        var orgId = created["orgId"].Str()!;
        var tokens = JsonNode.Parse(await (await http.PostAsync($"_simulator/orgs/{orgId}/tokens", Body("{}"))).Content.ReadAsStringAsync())!;
        using var api = new ZohoApi(simulator.ApiDomain, tokens["accessToken"].Str());
        var fault = await http.PostAsync("_simulator/faults", Body("""{"path":"/crm/v8/Contacts","kind":"status","status":500,"count":1}"""));
        var failed = await api.GetAsync("crm/v8/Contacts?fields=Last_Name");
        var listed = await api.GetAsync("crm/v8/Contacts?fields=Last_Name");
        var revoke = await http.PostAsync($"_simulator/orgs/{orgId}/tokens/revoke", null);
        var afterRevoke = await api.GetAsync("crm/v8/Contacts?fields=Last_Name");

        Assert.Equal("1000.CONTROL", created["clients"]![0]!["clientId"].Str());
        Assert.Equal(5, created["records"]!["Contacts"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NoContent, fault.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.Equal(5, listed.Data.Count);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("INVALID_TOKEN", afterRevoke.Json!["code"].Str());
    }
}
