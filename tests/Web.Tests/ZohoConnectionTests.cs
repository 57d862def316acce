using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotesSync.Web.Tests;

/// <summary>Connecting Zoho CRM through the API, against the Zoho simulator's accounts server and CRM.</summary>
public class ZohoConnectionTests : IAsyncLifetime
{
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task After_the_OAuth_round_trip_the_status_names_the_data_centre_and_who_connected()
    {
        var status = await _h.Admin.GetFromJsonAsync<JsonElement>("/api/zoho/status");

        Assert.True(status.GetProperty("connected").GetBoolean());
        Assert.Equal(_h.Org.Admin.Id, status.GetProperty("connectedBy").GetString());
        Assert.StartsWith(_h.Zoho.ApiDomain, status.GetProperty("apiDomain").GetString(), StringComparison.Ordinal);
        Assert.True((await _h.Admin.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("zohoConnected").GetBoolean());
    }

    [Fact]
    public async Task The_authorize_url_asks_for_offline_access_and_every_scope_with_a_state()
    {
        var connect = await (await _h.Admin.PostAsync("/api/zoho/connect", null)).Content.ReadFromJsonAsync<JsonElement>();
        var url = new Uri(connect.GetProperty("authorizeUrl").GetString()!);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);

        Assert.Equal("offline", query["access_type"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Contains("ZohoCRM.modules.ALL", query["scope"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(query["state"]));
    }

    [Theory]
    [InlineData("state=forged&code=abc")]
    [InlineData("code=abc")]
    public async Task A_callback_with_a_forged_or_missing_state_is_refused(string query)
    {
        var response = await _h.App.CreateClient().GetAsync($"/oauth/zoho/callback?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid-state", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callback_naming_a_foreign_accounts_server_is_refused_before_the_secret_is_sent_anywhere()
    {
        var answer = await _h.Admin.PostAsync("/api/zoho/connect", null);
        var connect = await answer.Content.ReadFromJsonAsync<JsonElement>();
        var state = System.Web.HttpUtility.ParseQueryString(new Uri(connect.GetProperty("authorizeUrl").GetString()!).Query)["state"];
        var browserCookie = answer.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        var response = await _h.CallbackAsync(
            $"/oauth/zoho/callback?code=abc&state={Uri.EscapeDataString(state!)}&accounts-server={Uri.EscapeDataString("https://evil.example")}",
            browserCookie);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("untrusted-accounts-server", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_admin_may_connect_Zoho()
    {
        await _h.Admin.PostAsJsonAsync("/api/users", new { userId = _h.Org.AddUser("Bob", "Martin", "bob@zylker.example").Id });
        var bob = _h.App.ClientFor(_h.Secret, _h.Org.Id, _h.Org.Users.Single(u => u.Email == "bob@zylker.example").Id);

        await ProblemAssert.IsProblem(await bob.PostAsync("/api/zoho/connect", null), HttpStatusCode.Forbidden, "admin-only");
    }

    [Fact]
    public async Task Candidates_are_the_active_crm_users_without_a_seat()
    {
        var bob = _h.Org.AddUser("Bob", "Martin", "bob@zylker.example");

        var candidates = await _h.Admin.GetFromJsonAsync<JsonElement[]>("/api/users/candidates");

        Assert.Contains(candidates!, c => c.GetProperty("userId").GetString() == bob.Id);
        Assert.DoesNotContain(candidates!, c => c.GetProperty("userId").GetString() == _h.Org.Admin.Id);
    }

    [Fact]
    public async Task A_revoked_grant_makes_syncs_answer_zoho_not_connected_until_an_admin_reconnects()
    {
        await _h.SettingsAsync();
        _h.Zoho.State.RevokeAllTokens(_h.Org);
        _h.Zoho.State.ExpireAccessTokens(_h.Org);

        var failed = await _h.SyncAsync();
        SyncHarness.AssertStatus("failed", failed);
        Assert.Equal("zoho-not-connected", failed.GetProperty("error").GetProperty("code").GetString());
        await ProblemAssert.IsProblem(await _h.Admin.PostAsync("/api/sync/runs", null), HttpStatusCode.UnprocessableEntity, "zoho-not-connected");

        await _h.ConnectZohoAsync();
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());
    }
}
