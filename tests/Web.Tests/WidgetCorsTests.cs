using System.Net;

namespace NotesSync.Web.Tests;

/// <summary>
/// Zoho serves the widget from its own domain: the browser lets it read the API's answers, with the Zoho connect
/// cookie, only for the origins configured in <c>Widget:AllowedOrigins</c>.
/// </summary>
public class WidgetCorsTests : IAsyncLifetime
{
    private const string WidgetOrigin = "https://widget.zoho-apps.example";
    private readonly NotesSyncApp _app = new() { Settings = { ["Widget:AllowedOrigins:0"] = WidgetOrigin } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/zoho/connect");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }

    [Fact]
    public async Task The_configured_widget_origin_may_call_with_credentials()
    {
        var response = await _app.CreateClient().SendAsync(Preflight(WidgetOrigin));

        Assert.True(response.IsSuccessStatusCode, $"preflight answered {(int)response.StatusCode}");
        Assert.Equal(WidgetOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("true", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Credentials")));
        Assert.Contains("authorization", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")),
            StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Another_origin_is_not_allowed_to_read_the_answers()
    {
        var preflight = await _app.CreateClient().SendAsync(Preflight("https://evil.example"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("Origin", "https://evil.example");
        var simple = await _app.CreateClient().SendAsync(request);

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, simple.StatusCode);
        Assert.False(simple.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_wildcard_origin_stops_the_host_at_start_up()
    {
        await using var app = new NotesSyncApp { Settings = { ["Widget:AllowedOrigins:0"] = "*" } };

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Widget:AllowedOrigins", error.ToString(), StringComparison.Ordinal);
    }
}
