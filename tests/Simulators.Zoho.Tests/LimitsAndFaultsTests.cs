using System.Net;
using System.Text.Json.Nodes;

namespace NotesSync.Simulators.Zoho.Tests;

public sealed class LimitsAndFaultsTests : IAsyncLifetime
{
    private ZohoSimulator _simulator = null!;
    private ZohoOrg _org = null!;
    private ZohoApi _api = null!;

    public async Task InitializeAsync()
    {
        _simulator = await ZohoSimulator.StartAsync();
        _org = _simulator.State.CreateOrg(new ZohoOrgSpec { Edition = ZohoEdition.Standard });
        _org.Seed(new ZohoSeedSpec { Contacts = 20 });
        _api = ZohoApi.For(_simulator, _org.Admin);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task Calls_past_the_concurrency_limit_answer_429_with_Retry_After_and_the_peak_is_recorded()
    {
        Assert.Equal(10, _org.ConcurrencyLimit);
        _org.ConcurrencyLimit = 3;
        // The three accepted calls are held until a fourth is inside, which must be refused.
        _org.HoldCallsUntilInFlight(4);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _api.GetAsync("crm/v8/Contacts?fields=Last_Name&per_page=5")));
        var afterwards = await _api.GetAsync("crm/v8/Contacts?fields=Last_Name&per_page=5");

        var refused = responses.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.True(responses.Count(r => r.Status == HttpStatusCode.OK) >= 3);
        Assert.All(refused, r =>
        {
            Assert.Equal("1", r.Header("Retry-After"));
            Assert.Equal("TOO_MANY_REQUESTS", r.Json!["code"].Str());
            Assert.Equal("error", r.Json["status"].Str());
        });
        Assert.True(_org.PeakInFlight > 3);
        Assert.Equal(refused.Count, _org.ConcurrencyRejections);
        Assert.Equal(HttpStatusCode.OK, afterwards.Status);
        Assert.Equal(0, _org.InFlight);
    }

    [Fact]
    public async Task The_control_api_tells_each_orgs_peak_in_flight_and_429s_and_starts_them_again_on_request()
    {
        using var control = new ZohoApi(_simulator.BaseUri.ToString().TrimEnd('/'));
        await control.PutAsync($"_simulator/orgs/{_org.Id}/limits", new JsonObject { ["concurrencyLimit"] = 2 });
        _org.HoldCallsUntilInFlight(3);
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _api.GetAsync("crm/v8/Contacts?fields=Last_Name&per_page=5")));

        var stats = (await control.GetAsync("_simulator/stats")).Json!.AsArray().Single(o => o!["orgId"].Str() == _org.Id)!;
        var reset = (await control.PutAsync($"_simulator/orgs/{_org.Id}/limits", new JsonObject { ["resetStatistics"] = true })).Json!;

        var refused = responses.Count(r => r.Status == HttpStatusCode.TooManyRequests);
        Assert.True(refused > 0);
        Assert.Equal(2, stats["concurrencyLimit"]!.GetValue<int>());
        Assert.True(stats["peakInFlight"]!.GetValue<int>() > 2);
        Assert.Equal(refused, stats["concurrencyRejections"]!.GetValue<int>());
        Assert.Equal(0, reset["peakInFlight"]!.GetValue<int>());
        Assert.Equal(0, reset["concurrencyRejections"]!.GetValue<int>());
    }

    [Fact]
    public async Task Exhausted_credits_answer_429_with_no_credits_remaining_and_half_used_credits_show_the_header()
    {
        _org.DailyCreditLimit = 4;

        var first = await _api.GetAsync("crm/v8/Contacts?fields=Last_Name");
        var second = await _api.GetAsync("crm/v8/Contacts?fields=Last_Name");
        await _api.GetAsync("crm/v8/Contacts?fields=Last_Name");
        await _api.GetAsync("crm/v8/Contacts?fields=Last_Name");
        var exhausted = await _api.GetAsync("crm/v8/Contacts?fields=Last_Name");

        Assert.Null(first.Header("X-API-CREDITS-REMAINING"));
        Assert.Equal("2", second.Header("X-API-CREDITS-REMAINING"));
        Assert.Equal(HttpStatusCode.TooManyRequests, exhausted.Status);
        Assert.Equal("TOO_MANY_REQUESTS", exhausted.Json!["code"].Str());
        Assert.Equal("0", exhausted.Header("X-API-CREDITS-REMAINING"));
        Assert.Null(exhausted.Header("Retry-After"));
    }

    [Fact]
    public async Task Each_call_is_charged_as_zoho_md_says_a_list_page_one_credit_the_deleted_list_two_a_write_one_per_ten_records()
    {
        async Task<(int Credits, ZohoResponse Answer)> Charged(Func<Task<ZohoResponse>> call)
        {
            var before = _org.CreditsUsed;
            var answer = await call();
            return (_org.CreditsUsed - before, answer);
        }
        var later = DateTimeOffset.UtcNow.AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

        var page = await Charged(() => _api.GetAsync("crm/v8/Contacts?fields=Last_Name&per_page=200"));
        var notModified = await Charged(() => _api.GetAsync("crm/v8/Contacts?fields=Last_Name", ("If-Modified-Since", later)));
        var deleted = await Charged(() => _api.GetAsync("crm/v8/Contacts/deleted?type=all"));
        var inserted = await Charged(() => _api.PostAsync("crm/v8/Contacts", Json.Data(Enumerable.Range(1, 25).Select(i => Json.Contact($"Batch {i}")))));
        var ids = inserted.Answer.Data.Select(d => d!["details"]!["id"].Str()!).ToList();
        var updated = await Charged(() => _api.PutAsync("crm/v8/Contacts",
            Json.Data(ids.Take(10).Select(id => new JsonObject { ["id"] = id, ["Title"] = "Buyer" }))));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotModified, HttpStatusCode.NoContent, HttpStatusCode.Created, HttpStatusCode.OK),
            (page.Answer.Status, notModified.Answer.Status, deleted.Answer.Status, inserted.Answer.Status, updated.Answer.Status));
        Assert.Equal(25, ids.Count);
        // A 304 is a list call like any other (zoho.md does not exempt it): one credit.
        Assert.Equal((1, 1, 2, 3, 1), (page.Credits, notModified.Credits, deleted.Credits, inserted.Credits, updated.Credits));
    }

    [Fact]
    public async Task Injected_server_errors_hit_the_next_matching_calls_only()
    {
        _simulator.State.Faults.FailNext(1, "/crm/v8/Contacts*", 500);
        _simulator.State.Faults.FailNext(1, "/crm/v8/Contacts*", 503);

        var internalError = await _api.GetAsync("crm/v8/Contacts?fields=Last_Name");
        var outage = await _api.GetAsync("crm/v8/Contacts?fields=Last_Name");
        var users = await _api.GetAsync("crm/v8/users");
        var healthy = await _api.GetAsync("crm/v8/Contacts?fields=Last_Name");

        Assert.Equal(HttpStatusCode.InternalServerError, internalError.Status);
        Assert.Equal("INTERNAL_ERROR", internalError.Json!["code"].Str());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, outage.Status);
        Assert.Equal("text/html", outage.ContentType()!.MediaType);
        Assert.Equal(HttpStatusCode.OK, users.Status);
        Assert.Equal(HttpStatusCode.OK, healthy.Status);
        Assert.Empty(_simulator.State.Faults.Pending);
    }

    [Fact]
    public async Task An_apply_then_drop_fault_writes_the_record_but_the_client_only_sees_a_broken_connection()
    {
        _simulator.State.Faults.ApplyThenDropNext(1, "/crm/v8/Contacts", "POST");
        _simulator.State.Calls.Clear();

        await Assert.ThrowsAsync<HttpRequestException>(() => _api.PostAsync("crm/v8/Contacts", Json.Data(Json.Contact("Lost answer"))));
        var found = await _api.GetAsync("crm/v8/Contacts/search?criteria=(Last_Name:equals:Lost answer)");

        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Single(found.Data);
        Assert.Equal(21, _org.CountRecords("Contacts"));
        var call = _simulator.State.Calls.All[0];
        Assert.Equal(("POST", "/crm/v8/Contacts", 201, true, _org.Id), (call.Method, call.Path, call.Status, call.Aborted, call.OrgId));
        Assert.Equal("ApplyThenDropConnection", call.Fault);
    }

    [Fact]
    public async Task A_held_call_waits_until_it_is_released_and_is_then_answered_normally()
    {
        var held = _simulator.State.Faults.HoldNext(1, "/crm/v8/Contacts", "POST");

        var post = _api.PostAsync("crm/v8/Contacts", Json.Data(Json.Contact("Held")));
        await held.Arrived.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(post.IsCompleted);
        Assert.Equal(20, _org.CountRecords("Contacts"));
        held.Release();

        Assert.Equal(HttpStatusCode.Created, (await post.WaitAsync(TimeSpan.FromSeconds(30))).Status);
        Assert.Equal(21, _org.CountRecords("Contacts"));
        Assert.Empty(_simulator.State.Faults.Pending);
    }

    [Fact]
    public async Task The_call_log_records_method_path_query_status_and_org()
    {
        _simulator.State.Calls.Clear();

        await _api.GetAsync("crm/v8/Contacts?fields=Last_Name&per_page=2");
        await _api.GetAsync("crm/v8/Nope?fields=x");

        var calls = _simulator.State.Calls.ForOrg(_org.Id);
        Assert.Equal(2, calls.Count);
        Assert.Equal(("GET", "/crm/v8/Contacts", "?fields=Last_Name&per_page=2", 200), (calls[0].Method, calls[0].Path, calls[0].Query, calls[0].Status));
        Assert.Equal(400, calls[1].Status);
    }
}
