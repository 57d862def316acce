using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotesSync.Web.Tests;

public class HostTests
{
    [Fact]
    public async Task Liveness_and_readiness_answer_healthy_once_migrated()
    {
        await using var app = new NotesSyncApp();
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_api()
    {
        await using var app = new NotesSyncApp();

        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/hooks/marketplace/install", "/api/me", "/api/users", "/api/users/{userId}" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not documented");
        Assert.False(paths.TryGetProperty("/dev/tokens", out _));
    }

    [Fact]
    public async Task In_development_the_sandbox_can_mint_a_widget_token()
    {
        await using var app = new NotesSyncApp();
        await app.InstallAsync("org-1");

        var minted = await app.CreateClient().PostAsJsonAsync("/dev/tokens", new { orgId = "org-1", userId = "org-1-admin" });
        var token = (await minted.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["token"];
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Outside_development_there_is_no_token_minting_endpoint()
    {
        await using var app = new NotesSyncApp { Environment = "Production" };
        await app.InstallAsync("org-1");

        var response = await app.CreateClient().PostAsJsonAsync("/dev/tokens", new { orgId = "org-1", userId = "org-1-admin" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
