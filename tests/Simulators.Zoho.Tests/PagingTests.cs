using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace NotesSync.Simulators.Zoho.Tests;

public sealed class PagingFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));

    public ZohoSimulator Simulator { get; private set; } = null!;

    public ZohoOrg Large { get; private set; } = null!;

    public ZohoOrg Small { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Simulator = await ZohoSimulator.StartAsync(new ZohoSimulatorOptions { TimeProvider = Clock, AccessTokenLifetime = TimeSpan.FromDays(3650) });
        Large = Simulator.State.CreateOrg(new ZohoOrgSpec { CompanyName = "Large" });
        Large.Seed(new ZohoSeedSpec { Contacts = 2_500, Seed = 7 });
        Small = Simulator.State.CreateOrg(new ZohoOrgSpec { CompanyName = "Small", TimeZone = "America/New_York" });
        Small.Seed(new ZohoSeedSpec { Contacts = 250, Seed = 8 });
    }

    public async Task DisposeAsync() => await Simulator.DisposeAsync();
}

public sealed class PagingTests(PagingFixture fixture) : IClassFixture<PagingFixture>
{
    private const string Fields = "fields=First_Name,Last_Name,Email,Modified_Time";

    [Fact]
    public async Task Two_hundred_fifty_records_come_in_a_page_of_200_and_a_last_page_of_50()
    {
        using var api = ZohoApi.For(fixture.Simulator, fixture.Small.Admin);

        var first = await api.GetAsync($"crm/v8/Contacts?{Fields}&page=1&per_page=200");
        var second = await api.GetAsync($"crm/v8/Contacts?{Fields}&page=2&per_page=200");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(200, first.Data.Count);
        Assert.True(first.Json!["info"]!["more_records"]!.GetValue<bool>());
        Assert.NotNull(first.Json["info"]!["next_page_token"].Str());
        Assert.Equal("id", first.Json["info"]!["sort_by"].Str());
        Assert.Equal("desc", first.Json["info"]!["sort_order"].Str());
        Assert.Equal(50, second.Data.Count);
        Assert.False(second.Json!["info"]!["more_records"]!.GetValue<bool>());
        Assert.Null(second.Json["info"]!["next_page_token"]);
        Assert.Equal(250, first.Data.Concat(second.Data).Select(r => r!["id"].Str()).Distinct().Count());
        Assert.Equal(["id", "First_Name", "Last_Name", "Email", "Modified_Time"], first.Data[0]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task A_page_token_walk_in_ascending_Modified_Time_order_sees_every_record_once()
    {
        using var api = ZohoApi.For(fixture.Simulator, fixture.Small.Admin);
        var rows = new List<JsonNode>();
        var query = $"crm/v8/Contacts?{Fields}&per_page=100&sort_by=Modified_Time&sort_order=asc";

        var page = await api.GetAsync(query);
        rows.AddRange(page.Data!);
        while (page.Json!["info"]!["next_page_token"].Str() is { } token)
        {
            page = await api.GetAsync($"{query}&page_token={token}");
            rows.AddRange(page.Data!);
        }

        Assert.Equal(250, rows.Select(r => r["id"].Str()).Distinct().Count());
        var times = rows.Select(r => DateTimeOffset.Parse(r["Modified_Time"].Str()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
        Assert.All(rows, r => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[45]:00$", r["Modified_Time"].Str()));
    }

    [Theory]
    [InlineData("asc")]
    [InlineData("desc")]
    public async Task Previous_page_token_is_null_on_page_1_and_reads_the_page_before_on_every_later_page(string order)
    {
        using var api = ZohoApi.For(fixture.Simulator, fixture.Small.Admin);
        var query = $"crm/v8/Contacts?{Fields}&per_page=100&sort_by=Modified_Time&sort_order={order}";
        var pages = new List<ZohoResponse> { await api.GetAsync(query) };
        while (pages[^1].Json!["info"]!["next_page_token"].Str() is { } token) pages.Add(await api.GetAsync($"{query}&page_token={token}"));

        Assert.Equal(3, pages.Count);
        Assert.Null(pages[0].Json!["info"]!["previous_page_token"]);
        for (var n = 1; n < pages.Count; n++)
        {
            var previousToken = pages[n].Json!["info"]!["previous_page_token"].Str();
            Assert.NotNull(previousToken);
            var previous = await api.GetAsync($"{query}&page_token={previousToken}");
            Assert.Equal(Ids(pages[n - 1]), Ids(previous));
            Assert.Equal(n, previous.Json!["info"]!["page"]!.GetValue<int>());
        }

        static string?[] Ids(ZohoResponse page) => page.Data.Select(r => r!["id"].Str()).ToArray();
    }

    [Fact]
    public async Task Past_2000_records_page_is_refused_and_page_token_walks_on_to_the_end()
    {
        using var api = ZohoApi.For(fixture.Simulator, fixture.Large.Admin);
        var ids = new List<string>();
        ZohoResponse page = null!;
        for (var n = 1; n <= 10; n++)
        {
            page = await api.GetAsync($"crm/v8/Contacts?{Fields}&per_page=200&page={n}");
            ids.AddRange(page.Data.Select(r => r!["id"].Str()!));
        }

        var eleventh = await api.GetAsync($"crm/v8/Contacts?{Fields}&per_page=200&page=11");
        var token = page.Json!["info"]!["next_page_token"].Str();
        var pages = 10;
        while (token is not null)
        {
            page = await api.GetAsync($"crm/v8/Contacts?{Fields}&per_page=200&page_token={token}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            ids.AddRange(page.Data.Select(r => r!["id"].Str()!));
            token = page.Json!["info"]!["next_page_token"].Str();
            pages++;
        }

        Assert.Equal(HttpStatusCode.BadRequest, eleventh.Status);
        Assert.Equal("DISCRETE_PAGINATION_LIMIT_EXCEEDED", eleventh.Json!["code"].Str());
        Assert.Equal(2000, eleventh.Json["details"]!["limit"]!.GetValue<int>());
        Assert.Equal(13, pages);
        Assert.Equal(2_500, ids.Count);
        Assert.Equal(2_500, ids.Distinct().Count());
        Assert.Equal(ids.OrderByDescending(long.Parse), ids);
        Assert.False(page.Json!["info"]!["more_records"]!.GetValue<bool>());
        Assert.Equal(13, page.Json["info"]!["page"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_page_token_is_bound_to_its_request_cannot_be_mixed_with_page_and_expires_after_a_day()
    {
        using var api = ZohoApi.For(fixture.Simulator, fixture.Small.Admin);
        var first = await api.GetAsync($"crm/v8/Contacts?{Fields}&per_page=100&sort_by=Modified_Time");
        var token = first.Json!["info"]!["next_page_token"].Str();

        var altered = await api.GetAsync($"crm/v8/Contacts?{Fields}&per_page=50&sort_by=Modified_Time&page_token={token}");
        var dropped = await api.GetAsync($"crm/v8/Contacts?{Fields}&per_page=100&page_token={token}");
        var both = await api.GetAsync($"crm/v8/Contacts?{Fields}&per_page=100&sort_by=Modified_Time&page=2&page_token={token}");
        using var otherUser = ZohoApi.For(fixture.Simulator, fixture.Small.AddUser("Ann", "Other", "ann.other@small.example"));
        var stranger = await otherUser.GetAsync($"crm/v8/Contacts?{Fields}&per_page=100&sort_by=Modified_Time&page_token={token}");
        fixture.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var expired = await api.GetAsync($"crm/v8/Contacts?{Fields}&per_page=100&sort_by=Modified_Time&page_token={token}");

        Assert.Equal("TOKEN_BOUND_DATA_MISMATCH", altered.Json!["code"].Str());
        Assert.Equal("TOKEN_BOUND_DATA_MISMATCH", dropped.Json!["code"].Str());
        Assert.Equal("TOKEN_BOUND_DATA_MISMATCH", stranger.Json!["code"].Str());
        Assert.Equal("AMBIGUITY_DURING_PROCESSING", both.Json!["code"].Str());
        Assert.Equal(HttpStatusCode.BadRequest, expired.Status);
        Assert.Equal("EXPIRED_VALUE", expired.Json!["code"].Str());
    }

    [Fact]
    public async Task Fields_is_mandatory_and_limited_to_fifty_and_an_empty_module_answers_204()
    {
        using var api = ZohoApi.For(fixture.Simulator, fixture.Small.Admin);
        var tooMany = string.Join(',', Enumerable.Range(1, 51).Select(i => $"Field_{i}"));

        var missing = await api.GetAsync("crm/v8/Contacts?per_page=10");
        var over = await api.GetAsync($"crm/v8/Contacts?fields={tooMany}");
        var empty = await api.GetAsync("crm/v8/Tasks?fields=Subject");

        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("REQUIRED_PARAM_MISSING", missing.Json!["code"].Str());
        Assert.Equal("fields", missing.Json["details"]!["param_name"].Str());
        Assert.Equal("LIMIT_EXCEEDED", over.Json!["code"].Str());
        Assert.Equal(HttpStatusCode.NoContent, empty.Status);
        Assert.Equal(string.Empty, empty.Text);
    }

    [Fact]
    public async Task If_Modified_Since_returns_only_later_changes_in_the_readers_time_zone_and_304_when_there_are_none()
    {
        var org = fixture.Simulator.State.CreateOrg(new ZohoOrgSpec { CompanyName = "Since" });
        var seeded = org.Seed(new ZohoSeedSpec { Contacts = 30, Seed = 3 });
        var checkpoint = fixture.Clock.GetUtcNow();
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        foreach (var id in seeded.ContactIds.Take(3)) org.UpdateRecord("Contacts", id, new JsonObject { ["Title"] = "Changed in CRM" });
        var india = org.AddUser("Priya", "Raman", "priya@since.example", "Asia/Kolkata");
        using var api = ZohoApi.For(fixture.Simulator, india);
        var since = TimeZoneInfo.ConvertTime(checkpoint, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).ToString("yyyy-MM-dd'T'HH:mm:sszzz");
        var now = fixture.Clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:sszzz");

        var changed = await api.GetAsync("crm/v8/Contacts?fields=Title,Modified_Time&sort_by=Modified_Time&sort_order=asc", ("If-Modified-Since", since));
        var none = await api.GetAsync("crm/v8/Contacts?fields=Title", ("If-Modified-Since", now));

        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal(seeded.ContactIds.Take(3).Order(), changed.Data.Select(r => r!["id"].Str()!).Order());
        Assert.All(changed.Data, r => Assert.EndsWith("+05:30", r!["Modified_Time"].Str(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotModified, none.Status);
        Assert.Equal(string.Empty, none.Text);
    }

    [Fact]
    public async Task Answers_are_dated_by_the_simulators_clock_the_one_that_stamps_Modified_Time()
    {
        var org = fixture.Simulator.State.CreateOrg(new ZohoOrgSpec { CompanyName = "Dated" });
        org.Seed(new ZohoSeedSpec { Contacts = 1, Seed = 4 });
        using var api = ZohoApi.For(fixture.Simulator, org.Admin);

        var listed = await api.GetAsync("crm/v8/Contacts?fields=Last_Name");

        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.Equal(fixture.Clock.GetUtcNow().ToUnixTimeSeconds(), listed.Message.Headers.Date!.Value.ToUnixTimeSeconds());
    }
}
