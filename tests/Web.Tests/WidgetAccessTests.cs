using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Domain.Accounts;
using NotesSync.Infrastructure.Persistence;

namespace NotesSync.Web.Tests;

public class WidgetAccessTests : IAsyncLifetime
{
    // The authentication handler logs why it refused a token at Information, which the host's defaults leave out.
    private readonly NotesSyncApp _app = new() { Settings = { ["Logging:LogLevel:Microsoft.AspNetCore.Authentication"] = "Information" } };
    private string _secretA = "";
    private string _secretB = "";

    public async Task InitializeAsync()
    {
        _secretA = await _app.InstallAsync("org-a", seats: 3);
        _secretB = await _app.InstallAsync("org-b", seats: 3);
        _app.CrmUsers.Add("org-a", new ZohoUser("a2", "bob@a.example", "Bob"), new ZohoUser("a3", "cy@a.example", "Cy"),
            new ZohoUser("a4", "di@a.example", "Di"));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private HttpClient AdminA => _app.ClientFor(_secretA, "org-a", "org-a-admin");

    [Fact]
    public async Task Me_describes_the_caller_and_never_a_password()
    {
        var response = await AdminA.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("org-a-admin", me.GetProperty("userId").GetString());
        Assert.Equal("admin", me.GetProperty("role").GetString());
        Assert.False(me.GetProperty("notes").GetProperty("connected").GetBoolean());
        Assert.False(me.GetProperty("zohoConnected").GetBoolean());
        Assert.Equal(1, me.GetProperty("seats").GetProperty("used").GetInt32());
        Assert.Equal(3, me.GetProperty("seats").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused()
    {
        await ProblemAssert.IsProblem(await _app.CreateClient().GetAsync("/api/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_token_signed_with_another_organisations_secret_is_refused()
    {
        // Signed with org-a's secret but claiming org-b: only org-b's key may verify an org-b token.
        var forged = _app.ClientFor(_secretA, "org-b", "org-b-admin");

        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task A_user_of_one_organisation_cannot_reach_another()
    {
        // A genuine org-b token for a user id that holds a seat only in org-a.
        var outsider = _app.ClientFor(_secretB, "org-b", "org-a-admin");

        await ProblemAssert.IsProblem(await outsider.GetAsync("/api/users"), HttpStatusCode.Forbidden, "not-licensed");
        var users = await AdminA.GetFromJsonAsync<UsersBody>("/api/users");
        Assert.DoesNotContain(users!.Users, u => u.UserId.StartsWith("org-b", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var expired = _app.ClientFor(_secretA, "org-a", "org-a-admin", expires: DateTimeOffset.UtcNow.AddMinutes(-5));

        Assert.Equal(HttpStatusCode.Unauthorized, (await expired.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_token_that_lives_longer_than_an_hour_is_refused_by_the_one_hour_rule()
    {
        // Both tokens became valid a minute ago, so neither is refused as not yet valid: only their lifetime differs.
        var now = DateTimeOffset.UtcNow;
        var anHour = ClientWith(HandBuiltToken.For(_secretA, "org-a", "org-a-admin", now.AddHours(1), notBefore: now.AddMinutes(-1)));
        var twoHours = ClientWith(HandBuiltToken.For(_secretA, "org-a", "org-a-admin", now.AddHours(2), notBefore: now.AddMinutes(-1)));

        Assert.Equal(HttpStatusCode.OK, (await anHour.GetAsync("/api/me")).StatusCode);
        Assert.DoesNotContain(_app.Logs.GetSnapshot(), r => r.Message.Contains(LongLivedRefusal, StringComparison.Ordinal));
        await ProblemAssert.IsProblem(await twoHours.GetAsync("/api/me"), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains(_app.Logs.GetSnapshot(), r => r.Message.Contains(LongLivedRefusal, StringComparison.Ordinal));
    }

    /// <summary>The reason the authentication handler logs when the one-hour rule refuses a token.</summary>
    private const string LongLivedRefusal = "The token lives longer than an hour.";

    private HttpClient ClientWith(string token)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_token_with_a_tampered_payload_is_refused()
    {
        var client = _app.ClientFor(_secretA, "org-a", "a2");
        var parts = client.DefaultRequestHeaders.Authorization!.Parameter!.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlDecode(parts[1])).Replace("\"a2\"", "\"org-a-admin\"", StringComparison.Ordinal);
        parts[1] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", string.Join('.', parts));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_crm_user_without_a_seat_is_not_licensed()
    {
        var stranger = _app.ClientFor(_secretA, "org-a", "a3");

        await ProblemAssert.IsProblem(await stranger.GetAsync("/api/me"), HttpStatusCode.Forbidden, "not-licensed");
    }

    [Fact]
    public async Task Only_admins_manage_users()
    {
        await AdminA.PostAsJsonAsync("/api/users", new { userId = "a2" });
        var user = _app.ClientFor(_secretA, "org-a", "a2");

        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/me")).StatusCode);
        await ProblemAssert.IsProblem(await user.GetAsync("/api/users"), HttpStatusCode.Forbidden, "admin-only");
        await ProblemAssert.IsProblem(await user.DeleteAsync("/api/users/org-a-admin"), HttpStatusCode.Forbidden, "admin-only");
    }

    [Fact]
    public async Task An_admin_adds_a_crm_user_who_then_holds_a_seat()
    {
        var response = await AdminA.PostAsJsonAsync("/api/users", new { userId = "a2" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var added = await response.Content.ReadFromJsonAsync<UserBody>();
        Assert.Equal(("a2", "bob@a.example", "Bob", "user", false), (added!.UserId, added.Email, added.Name, added.Role, added.HasSynced));
        var users = await AdminA.GetFromJsonAsync<UsersBody>("/api/users");
        Assert.Equal(new SeatsBody(2, 3), users!.Seats);
    }

    [Fact]
    public async Task Adding_past_the_seats_is_refused()
    {
        await AdminA.PostAsJsonAsync("/api/users", new { userId = "a2" });
        await AdminA.PostAsJsonAsync("/api/users", new { userId = "a3" });

        await ProblemAssert.IsProblem(
            await AdminA.PostAsJsonAsync("/api/users", new { userId = "a4" }), HttpStatusCode.Conflict, "no-seats-left");
    }

    [Fact]
    public async Task Adding_someone_who_is_not_a_user_of_this_crm_is_a_404()
    {
        await ProblemAssert.IsProblem(
            await AdminA.PostAsJsonAsync("/api/users", new { userId = "b-somebody" }), HttpStatusCode.NotFound, "unknown-crm-user");
    }

    [Fact]
    public async Task A_user_who_has_synced_cannot_be_removed()
    {
        await AdminA.PostAsJsonAsync("/api/users", new { userId = "a2" });
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>();
            var account = db.Accounts.Single(a => a.OrgId == "org-a");
            await db.Entry(account).Collection(a => a.Users).LoadAsync();
            account.MarkUserSynced("a2");
            await db.SaveChangesAsync();
        }

        await ProblemAssert.IsProblem(await AdminA.DeleteAsync("/api/users/a2"), HttpStatusCode.Conflict, "user-has-synced");
    }

    [Fact]
    public async Task A_user_who_never_synced_is_removed()
    {
        await AdminA.PostAsJsonAsync("/api/users", new { userId = "a2" });

        Assert.Equal(HttpStatusCode.NoContent, (await AdminA.DeleteAsync("/api/users/a2")).StatusCode);
        Assert.Single((await AdminA.GetFromJsonAsync<UsersBody>("/api/users"))!.Users);
    }

    [Fact]
    public async Task The_last_admin_cannot_be_removed()
    {
        await ProblemAssert.IsProblem(await AdminA.DeleteAsync("/api/users/org-a-admin"), HttpStatusCode.Conflict, "last-admin");
    }

    [Theory]
    [InlineData("{\"userId\": 42}")]
    [InlineData("{\"userId\": ")]
    [InlineData("[]")]
    public async Task Malformed_json_is_a_400_with_a_code(string json)
    {
        var response = await AdminA.PostAsync("/api/users", new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task A_missing_user_id_is_a_field_error()
    {
        var response = await AdminA.PostAsync("/api/users", new StringContent("{}", Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("userId", out _));
    }

    private static byte[] Base64UrlDecode(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
