using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Domain.Accounts;

namespace NotesSync.Web.Tests;

/// <summary>
/// Bad input, in the contract's own words (api.md): every bad value is the caller's 4xx with a code, naming its field
/// where there is one; nothing any caller sends is a 5xx.
/// </summary>
public class BadInputTests : IAsyncLifetime
{
    private readonly NotesSyncApp _app = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        var secret = await _app.InstallAsync("org-1");
        _admin = _app.ClientFor(secret, "org-1", "org-1-admin");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static Dictionary<string, object?> Settings(string? eventRange = "all", string? direction = "twoWay", string? conflictWinner = "crm")
    {
        var body = new Dictionary<string, object?> { ["contacts"] = true, ["tasks"] = false, ["events"] = false, ["autoSyncMinutes"] = null };
        if (eventRange is not null) body["eventRange"] = eventRange;
        if (direction is not null) body["direction"] = direction;
        if (conflictWinner is not null) body["conflictWinner"] = conflictWinner;
        return body;
    }

    [Theory]
    [InlineData("eventRange", "yesterday", "twoWay", "crm")]
    [InlineData("direction", "all", "sideways", "crm")]
    [InlineData("conflictWinner", "all", "twoWay", "whoever")]
    [InlineData("direction", "all", "2", "crm")]
    public async Task An_unknown_settings_choice_is_a_400_naming_its_field(string field, string eventRange, string direction, string winner)
    {
        var response = await _admin.PutAsJsonAsync("/api/sync/settings", Settings(eventRange, direction, winner));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("eventRange")]
    [InlineData("direction")]
    [InlineData("conflictWinner")]
    public async Task A_settings_choice_left_out_is_a_field_error_not_a_default(string field)
    {
        var response = await _admin.PutAsJsonAsync("/api/sync/settings", Settings(
            eventRange: field == "eventRange" ? null : "all",
            direction: field == "direction" ? null : "twoWay",
            conflictWinner: field == "conflictWinner" ? null : "crm"));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "validation-failed");
        var messages = problem.GetProperty("errors").GetProperty(field).ToString();
        Assert.Contains("Choose one of", messages, StringComparison.Ordinal);
        var saved = await _admin.GetFromJsonAsync<JsonElement>("/api/sync/settings");
        Assert.Equal("twoWay", saved.GetProperty("direction").GetString());
    }

    [Fact]
    public async Task A_Zoho_user_whose_name_is_longer_than_we_keep_is_added_with_the_name_shortened()
    {
        var name = new string('N', 300);
        _app.CrmUsers.Add("org-1", new ZohoUser("u-long", "long@org-1.example", name), new ZohoUser("u-none", " ", "No Mail"));

        var added = await _admin.PostAsJsonAsync("/api/users", new { userId = "u-long" });
        var refused = await _admin.PostAsJsonAsync("/api/users", new { userId = "u-none" });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(name[..200], (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        await ProblemAssert.IsProblem(refused, HttpStatusCode.UnprocessableEntity, "crm-user-without-email");
    }

    [Fact]
    public async Task A_Marketplace_hook_replayed_with_the_same_signature_is_refused_and_changes_nothing()
    {
        var captured = DateTimeOffset.UtcNow.AddSeconds(-30);
        Assert.Equal(HttpStatusCode.NoContent, (await _app.HookAsync("licenses", new { orgId = "org-1", seats = 10 }, at: captured)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _app.HookAsync("licenses", new { orgId = "org-1", seats = 4 })).StatusCode);

        var replayed = await _app.HookAsync("licenses", new { orgId = "org-1", seats = 10 }, at: captured);

        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        var seats = (await _admin.GetFromJsonAsync<JsonElement>("/api/users")).GetProperty("seats");
        Assert.Equal(4, seats.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_Domino_server_answering_JSON_that_does_not_parse_is_not_reported_as_the_callers_bad_body()
    {
        await using var broken = await BrokenJsonServer.StartAsync();

        var response = await _admin.PostAsJsonAsync("/api/notes/connection",
            new { serverName = broken.BaseUri.ToString(), userName = "Jane Doe", password = "pw" });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadGateway, "invalid-upstream-answer");
        Assert.DoesNotContain("body", problem.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string, string, string?> WidgetCalls => new()
    {
        { "POST", "/api/notes/connection", "{}" },
        { "POST", "/api/notes/connection", "null" },
        { "POST", "/api/notes/connection", "[]" },
        { "POST", "/api/notes/connection", "{\"serverName\": 5, \"userName\": [], \"password\": {}}" },
        { "POST", "/api/notes/connection", "{\"serverName\": \"http://\", \"userName\": \"a\", \"password\": \"b\"}" },
        { "POST", "/api/notes/connection", "{\"serverName\": \"" + new string('a', 100_000) + "\", \"userName\": \"a\", \"password\": \"b\"}" },
        { "POST", "/api/notes/connection", "{\"serverName\": \"https://[::1\", \"userName\": \"a\", \"password\": \"b\"}" },
        { "POST", "/api/notes/connection", "{\"serverName\": \"https://a\\u0000b\", \"userName\": \"a\", \"password\": \"b\"}" },
        { "PUT", "/api/notes/password", "{}" },
        { "PUT", "/api/notes/password", "{\"email\": \"x\", \"newPassword\": \"y\"}" },
        { "GET", "/api/notes/diagnostics", null },
        { "DELETE", "/api/notes/connection", null },
        { "PUT", "/api/sync/settings", "{}" },
        { "PUT", "/api/sync/settings", "{\"autoSyncMinutes\": 99999999999}" },
        { "PUT", "/api/sync/settings", "{\"autoSyncMinutes\": \"soon\", \"contacts\": \"yes\"}" },
        { "PUT", "/api/sync/settings", "{\"eventRange\": null, \"direction\": null, \"conflictWinner\": null}" },
        { "PUT", "/api/sync/settings", "{\"direction\": \"TWOWAY\"}" },
        { "PUT", "/api/sync/settings", "not json" },
        { "POST", "/api/sync/runs", null },
        { "POST", "/api/sync/runs", "{\"preview\": \"maybe\"}" },
        { "GET", "/api/sync/runs?limit=-1", null },
        { "GET", "/api/sync/runs?limit=abc", null },
        { "GET", "/api/sync/runs?limit=99999999999", null },
        { "GET", "/api/sync/runs/not-a-guid", null },
        { "GET", "/api/sync/runs/00000000-0000-0000-0000-000000000000", null },
        { "POST", "/api/users", "{\"userId\": \"" + new string('9', 5000) + "\"}" },
        { "POST", "/api/users", "{\"userId\": \"a\\u0000b\"}" },
        { "DELETE", "/api/users/%2E%2E%2Fadmin", null },
        { "DELETE", "/api/users/" + new string('x', 2000), null },
        { "POST", "/api/zoho/connect", "{\"unexpected\": true}" },
        { "GET", "/oauth/zoho/callback?state=garbage&code=x", null },
        { "GET", "/oauth/zoho/callback?state=&code=&accounts-server=http://127.0.0.1:1", null },
        { "GET", "/oauth/zoho/callback?error=access_denied", null },
    };

    [Theory]
    [MemberData(nameof(WidgetCalls))]
    public async Task No_bad_widget_call_is_a_5xx(string method, string path, string? json)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");

        var response = await _admin.SendAsync(request);

        Assert.True((int)response.StatusCode < 500, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static TheoryData<string, string> Hooks => new()
    {
        { "install", "{\"orgId\": \"" + new string('1', 500) + "\", \"orgName\": \"x\", \"installer\": {\"userId\": \"u\", \"email\": \"a@b.c\", \"name\": \"n\"}, \"seats\": 1}" },
        { "install", "{\"orgId\": \"org-9\", \"orgName\": \"" + new string('n', 5000) + "\", \"installer\": null, \"seats\": -1}" },
        { "install", "{\"orgId\": \"org-9\", \"orgName\": \"x\", \"installer\": {\"userId\": \"u\", \"email\": \"a@b.c\", \"name\": \"" + new string('n', 5000) + "\"}, \"seats\": 1}" },
        { "install", "{\"seats\": 2147483648}" },
        { "licenses", "{\"orgId\": \"unknown\", \"seats\": 0}" },
        { "licenses", "{\"orgId\": null, \"seats\": null}" },
        { "uninstall", "{\"orgId\": \"\"}" },
        { "uninstall", "[]" },
    };

    [Theory]
    [MemberData(nameof(Hooks))]
    public async Task No_signed_but_bad_Marketplace_hook_is_a_5xx(string path, string json)
    {
        var response = await _app.HookAsync(path, JsonDocument.Parse(json).RootElement);

        Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A "Domino server" on loopback whose every answer claims to be JSON and is not.</summary>
    private sealed class BrokenJsonServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private BrokenJsonServer(WebApplication app) => _app = app;

        public Uri BaseUri => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        public static async Task<BrokenJsonServer> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.Run(async context =>
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"services\": [{\"name\": \"data\", \"enabled\": tru");
            });
            await app.StartAsync();
            return new BrokenJsonServer(app);
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
