using System.Net;
using System.Net.Http.Json;
using NotesSync.Simulators.Domino.Hosting;
using NotesSync.Simulators.Domino.Knobs;
using NotesSync.Simulators.Domino.Seeding;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.Tests;

public sealed class KnobTests
{
    [Fact]
    public async Task Apply_then_drop_saves_the_write_but_the_client_only_sees_a_dropped_connection()
    {
        await using var domino = await TestDomino.StartAsync();
        domino.Simulator.Faults.Add(FaultRule.ApplyThenDrop("/mail/*/api/data/documents", method: "POST"));

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            domino.Http.PostAsync($"{domino.MailFile}/api/data/documents?form=Person", TestDomino.Json("""{"LastName":"Fantôme"}""")));
        // The call is logged just after its connection is dropped: wait for it, so that the log keeps the calls' order.
        var until = DateTime.UtcNow.AddSeconds(30);
        while (domino.Simulator.Calls.Calls.Count == 0)
        {
            Assert.True(DateTime.UtcNow < until, "the dropped call was never logged");
            await Task.Delay(10);
        }
        using var retry = await domino.Http.PostAsync($"{domino.MailFile}/api/data/documents?form=Person", TestDomino.Json("""{"LastName":"Fantôme"}"""));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(2, domino.State.GetDocuments(domino.User.MailFilePath, "Person").Count(d => d.Text("LastName") == "Fantôme"));
        Assert.True(domino.Simulator.Calls.Calls[0].Aborted);
    }

    [Fact]
    public async Task A_status_fault_answers_the_next_calls_then_stops()
    {
        await using var domino = await TestDomino.StartAsync();
        domino.Simulator.Faults.Add(FaultRule.Status("*/api/calendar/events", 503, times: 2) with { RetryAfterSeconds = 1 });

        using var first = await domino.Http.GetAsync($"{domino.MailFile}/api/calendar/events");
        using var second = await domino.Http.GetAsync($"{domino.MailFile}/api/calendar/events");
        using var third = await domino.Http.GetAsync($"{domino.MailFile}/api/calendar/events");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), first.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(3, domino.Simulator.Calls.Count("GET", "/mail/jdoe.nsf/api/calendar/*"));
    }

    [Fact]
    public async Task A_gzip_bomb_is_about_a_megabyte_on_the_wire_and_a_gigabyte_unpacked()
    {
        await using var domino = await TestDomino.StartAsync();
        domino.Simulator.Faults.Add(FaultRule.Hostile("/api", FaultAction.GzipBomb));

        using var response = await domino.Http.GetAsync("/api", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        var wire = response.Content.Headers.ContentLength!.Value;
        Assert.InRange(wire, 1, 4 * 1024 * 1024);
        await using var unpacked = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        var total = 0L;
        var buffer = new byte[1024 * 1024];
        int read;
        while ((read = await unpacked.ReadAsync(buffer)) > 0) total += read;
        Assert.Equal(1024L * 1024 * 1024, total);
    }

    [Fact]
    public async Task An_endless_body_keeps_coming_until_the_client_hangs_up()
    {
        await using var domino = await TestDomino.StartAsync();
        domino.Simulator.Faults.Add(FaultRule.Hostile("/api", FaultAction.EndlessBody));

        using (var response = await domino.Http.GetAsync("/api", HttpCompletionOption.ResponseHeadersRead))
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[64 * 1024];
            var total = 0L;
            while (total < 64 * 1024 * 1024) total += await body.ReadAtLeastAsync(buffer, 1);
            Assert.Null(response.Content.Headers.ContentLength);
        }

        await Eventually.HoldsAsync(() => domino.Simulator.Calls.Calls is [{ Aborted: true }], "the endless answer ended when the client hung up");
    }

    [Fact]
    public async Task A_trickle_spreads_an_empty_page_over_the_time_it_is_given()
    {
        await using var domino = await TestDomino.StartAsync();
        domino.Simulator.Faults.Add(FaultRule.Hostile("/api", FaultAction.Trickle, trickleFor: TimeSpan.FromMilliseconds(300)));

        var page = await domino.Http.GetStringAsync("/api");

        Assert.Equal("[]", page.Replace(" ", "", StringComparison.Ordinal));
        Assert.True(domino.Simulator.Calls.Calls.Single().Duration >= TimeSpan.FromMilliseconds(290));
    }

    [Fact]
    public async Task Latency_delays_calls()
    {
        await using var domino = await TestDomino.StartAsync(o => o with { Latency = TimeSpan.FromMilliseconds(150) });

        var calls = Enumerable.Range(0, 4).Select(_ => domino.Http.GetAsync($"{domino.MailFile}/api/data/collections"));
        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(domino.Simulator.Calls.Calls, c => Assert.True(c.Duration >= TimeSpan.FromMilliseconds(140)));
        foreach (var response in responses) response.Dispose();
    }

    [Fact]
    public async Task Held_calls_wait_in_flight_together_until_released_after_the_ones_let_through()
    {
        await using var domino = await TestDomino.StartAsync();
        var hold = new RequestHold { LetThrough = 1 };
        domino.Simulator.Faults.Add(FaultRule.Held("*/api/data/collections", hold, times: 5));

        using var letThrough = await domino.Http.GetAsync($"{domino.MailFile}/api/data/collections");
        var held = Enumerable.Range(0, 4).Select(_ => domino.Http.GetAsync($"{domino.MailFile}/api/data/collections")).ToList();
        await hold.WaitForArrivalsAsync(4, TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, letThrough.StatusCode);
        // At least: the call let through may still be leaving the simulator.
        Assert.True(domino.Simulator.Concurrency.Current >= 4);
        Assert.DoesNotContain(held, h => h.IsCompleted);
        hold.Release();
        var responses = await Task.WhenAll(held);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(4, hold.Arrived); // the call let through is not counted
        await Assert.ThrowsAsync<TimeoutException>(() => hold.WaitForArrivalsAsync(5, TimeSpan.FromMilliseconds(50)));
        foreach (var response in responses) response.Dispose();
    }

    [Fact]
    public async Task Https_with_a_self_signed_certificate_fails_a_validating_client_and_serves_a_trusting_one()
    {
        await using var domino = await TestDomino.StartAsync(o => o with { UseHttps = true });
        using var validating = domino.ClientFor("jdoe", TestDomino.Password);
        using var trusting = domino.ClientFor("jdoe", TestDomino.Password, new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == domino.Simulator.Certificate!.Thumbprint,
        });

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => validating.GetAsync("/api"));
        using var ok = await trusting.GetAsync("/api");

        Assert.Equal("https", domino.Simulator.BaseUri.Scheme);
        Assert.IsType<System.Security.Authentication.AuthenticationException>(failure.InnerException);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task The_seeder_makes_the_same_realistic_mail_file_for_the_same_seed()
    {
        await using var domino = await TestDomino.StartAsync();
        var first = new DominoSeeder(new DominoState(domino.Clock, 1), 42).SeedUser(new NotesUserSpec("Ann Lee", "x"), new SeedCounts(12, 5, 8));
        var againState = new DominoState(domino.Clock, 1);
        var again = new DominoSeeder(againState, 42).SeedUser(new NotesUserSpec("Ann Lee", "x"), new SeedCounts(12, 5, 8));

        Assert.Equal(first.ContactUnids, again.ContactUnids);
        Assert.Equal(12, first.ContactUnids.Count);
        Assert.Contains(first.Events, e => e.Data.IsPrivate);
        Assert.Contains(first.Events, e => e.Data.Attendees.Count > 0);
        Assert.Contains(againState.GetDocuments(first.User.MailFilePath, "Person"), d => (d.Text("FirstName") + d.Text("LastName")).Any(c => c > 127));
    }

    [Fact]
    public async Task The_control_api_sets_faults_and_latency_and_reports_calls()
    {
        await using var domino = await TestDomino.StartAsync();
        using var control = new HttpClient { BaseAddress = domino.Simulator.BaseUri };

        await control.PostAsJsonAsync("/_simulator/faults", new { pathGlob = "/api", action = "RespondWithStatus", statusCode = 500, times = 1 });
        await control.PostAsJsonAsync("/_simulator/latency", new { milliseconds = 5 });
        using var faulted = await domino.Http.GetAsync("/api");
        var calls = await control.GetFromJsonAsync<System.Text.Json.JsonElement>("/_simulator/calls");

        Assert.Equal(HttpStatusCode.InternalServerError, faulted.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(5), domino.Simulator.Knobs.Latency);
        Assert.Equal(500, calls[0].GetProperty("status").GetInt32());
    }
}
