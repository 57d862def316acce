using System.Net;

namespace NotesSync.Web.Tests;

/// <summary>
/// In Zoho the widget's token is minted by the extension's Deluge function (widget/functions/). Deluge cannot run
/// here, so <see cref="HandBuiltToken"/> builds a token the way that function does, and these tests check both
/// halves: the function's file still builds it that way, and the host accepts what it builds.
/// </summary>
public class DelugeFunctionTokenTests : IAsyncLifetime
{
    private readonly NotesSyncApp _app = new();
    private string _secret = "";

    public async Task InitializeAsync() => _secret = await _app.InstallAsync("org-deluge");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string FunctionSource()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NotesSync.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return File.ReadAllText(Path.Combine(dir.FullName, "widget", "functions", "notessync_widget_token.dg"));
    }

    [Fact]
    public void The_function_signs_the_same_header_and_claims_as_the_hand_built_token()
    {
        var source = FunctionSource();

        Assert.Contains("""header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";""", source, StringComparison.Ordinal);
        foreach (var claim in new[] { "org", "sub", "email", "name", "locale", "exp" })
            Assert.Contains($"claims.put(\"{claim}\",", source, StringComparison.Ordinal);
        Assert.Contains("zoho.encryption.hmacsha256(secret,signed,\"base64\")", source, StringComparison.Ordinal);
        Assert.Contains("""replaceAll("+","-",true).replaceAll("/","_",true).replaceAll("=","",true)""", source, StringComparison.Ordinal);
        Assert.Contains("+ 55 * 60", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_built_as_the_function_builds_it_is_accepted_by_the_host()
    {
        var token = HandBuiltToken.For(_secret, "org-deluge", "org-deluge-admin", DateTimeOffset.UtcNow.AddMinutes(55),
            locale: "fr", email: "admin@org-deluge.example", name: "Ann Admin");
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"locale\":\"fr\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_token_signed_with_another_secret_is_refused()
    {
        var token = HandBuiltToken.For("not-the-org-secret", "org-deluge", "org-deluge-admin", DateTimeOffset.UtcNow.AddMinutes(55));
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }
}
