using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace NotesSync.Simulators.Zoho.Tests;

public sealed class NotificationTests
{
    [Fact]
    public async Task A_watch_channel_receives_a_callback_with_ids_operation_and_token_after_each_write()
    {
        var received = new ConcurrentQueue<JsonNode>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = builder.Build();
        receiver.MapPost("/hooks/zoho/notify", async (HttpRequest request) =>
        {
            received.Enqueue((await JsonNode.ParseAsync(request.Body))!);
            return Results.Ok();
        });
        await receiver.StartAsync();
        await using var simulator = await ZohoSimulator.StartAsync();
        var org = simulator.State.CreateOrg();
        using var api = ZohoApi.For(simulator, org.Admin);

        var watch = await api.PostAsync("crm/v8/actions/watch", new JsonObject
        {
            ["watch"] = new JsonArray(new JsonObject
            {
                ["channel_id"] = "1000000068001",
                ["events"] = new JsonArray("Contacts.all", "Tasks.all"),
                ["channel_expiry"] = DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm:sszzz"),
                ["token"] = "verify-me",
                ["notify_url"] = receiver.Urls.First() + "/hooks/zoho/notify",
            }),
        });
        var created = await api.PostAsync("crm/v8/Contacts", Json.Data(Json.Contact("Watched")));
        var id = created.Data[0]!["details"]!["id"].Str()!;
        await api.PutAsync("crm/v8/Contacts", Json.Data(new JsonObject { ["id"] = id, ["Title"] = "CEO" }));
        await api.DeleteAsync($"crm/v8/Contacts?ids={id}");
        await simulator.State.Notifications.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, watch.Status);
        var expiry = DateTimeOffset.Parse(watch.Json!["watch"]![0]!["details"]!["events"]![0]!["channel_expiry"].Str()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiry - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        // Callbacks are posted in the background, so (as with Zoho) they may arrive in any order.
        var callbacks = received.OrderBy(c => c["operation"].Str() switch { "insert" => 0, "update" => 1, _ => 2 }).ToList();
        Assert.Equal(["insert", "update", "delete"], callbacks.Select(c => c["operation"].Str()));
        Assert.All(callbacks, c =>
        {
            Assert.Equal("verify-me", c["token"].Str());
            Assert.Equal("1000000068001", c["channel_id"].Str());
            Assert.Equal("Contacts", c["module"].Str());
            Assert.Equal(id, c["ids"]![0].Str());
        });
        Assert.Equal("Title", callbacks[1]["affected_fields"]![0]![id]![0].Str());
    }

    [Fact]
    public async Task Writes_of_more_than_ten_records_share_the_heavy_sub_concurrency_limit()
    {
        await using var simulator = await ZohoSimulator.StartAsync();
        var org = simulator.State.CreateOrg();
        org.HeavyConcurrencyLimit = 2;
        // The two heavy writes accepted are held until a third is inside, which must be refused.
        org.HoldCallsUntilInFlight(3);
        using var api = ZohoApi.For(simulator, org.Admin);

        var bulk = await Task.WhenAll(Enumerable.Range(0, 5).Select(n =>
            api.PostAsync("crm/v8/Contacts", Json.Data(Enumerable.Range(0, 11).Select(i => (JsonNode)Json.Contact($"Bulk {n}-{i}"))))));

        Assert.Contains(bulk, r => r.Status == HttpStatusCode.TooManyRequests);
        Assert.True(bulk.Count(r => r.Status == HttpStatusCode.Created) >= 2);
        Assert.Equal(11 * bulk.Count(r => r.Status == HttpStatusCode.Created), org.CountRecords("Contacts"));
    }
}
