using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;

namespace NotesSync.Simulators.Zoho.Tests;

public sealed class OAuthTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
    private ZohoSimulator _simulator = null!;
    private ZohoOrg _org = null!;
    private ZohoApi _api = null!;

    public async Task InitializeAsync()
    {
        _simulator = await ZohoSimulator.StartAsync(new ZohoSimulatorOptions { TimeProvider = _clock });
        _org = _simulator.State.CreateOrg();
        _api = new ZohoApi(_simulator.ApiDomain);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task The_authorize_page_redirects_back_with_code_state_location_and_accounts_server()
    {
        var response = await _api.GetAsync(_simulator.AuthorizeUri(_org.Client, "csrf-123").ToString());

        Assert.Equal(HttpStatusCode.Found, response.Status);
        var location = response.Message.Headers.Location!;
        Assert.StartsWith(_org.Client.RedirectUri.OriginalString + "?state=csrf-123&code=", location.OriginalString, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.StartsWith("1000.", query["code"].ToString(), StringComparison.Ordinal);
        Assert.Equal("us", query["location"]);
        Assert.Equal(_simulator.ApiDomain, query["accounts-server"]);
        Assert.Contains("accounts-server=http%3A%2F%2F127.0.0.1%3A", location.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_is_exchanged_once_for_tokens_whose_api_domain_points_at_the_simulator()
    {
        var code = await AuthorizeAsync();

        var exchange = await ExchangeAsync(code);
        var again = await ExchangeAsync(code);

        Assert.Equal(HttpStatusCode.OK, exchange.Status);
        var tokens = exchange.Json!.AsObject();
        Assert.Equal(["access_token", "refresh_token", "scope", "api_domain", "token_type", "expires_in"], tokens.Select(p => p.Key));
        Assert.Equal(_simulator.ApiDomain, tokens["api_domain"].Str());
        Assert.Equal("Bearer", tokens["token_type"].Str());
        Assert.Equal(3600, tokens["expires_in"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("invalid_code", again.Json!["error"].Str());

        using var crm = new ZohoApi(tokens["api_domain"].Str()!, tokens["access_token"].Str());
        var me = await crm.GetAsync("crm/v8/users?type=CurrentUser");
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(_org.Admin.Id, me.Json!["users"]![0]!["id"].Str());
    }

    [Fact]
    public async Task Token_endpoint_errors_come_back_as_http_200_with_an_error_member()
    {
        var code = await AuthorizeAsync();

        var wrongSecret = await _api.PostFormAsync("oauth/v2/token", ("grant_type", "authorization_code"), ("client_id", _org.Client.ClientId),
            ("client_secret", "nope"), ("redirect_uri", _org.Client.RedirectUri.OriginalString), ("code", code));
        var unknownClient = await _api.PostFormAsync("oauth/v2/token", ("grant_type", "refresh_token"), ("client_id", "1000.UNKNOWN"),
            ("client_secret", "x"), ("refresh_token", "1000.x.y"));

        Assert.Equal(HttpStatusCode.OK, wrongSecret.Status);
        Assert.Equal("invalid_client_secret", wrongSecret.Json!["error"].Str());
        Assert.Equal("invalid_client", unknownClient.Json!["error"].Str());
    }

    [Fact]
    public async Task A_refresh_mints_a_new_access_token_and_no_new_refresh_token()
    {
        var tokens = (await ExchangeAsync(await AuthorizeAsync())).Json!;

        var refreshed = await RefreshAsync(tokens["refresh_token"].Str()!);

        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.NotEqual(tokens["access_token"].Str(), refreshed.Json!["access_token"].Str());
        Assert.Null(refreshed.Json["refresh_token"]);
        Assert.Equal(_simulator.ApiDomain, refreshed.Json["api_domain"].Str());
        Assert.Equal(3600, refreshed.Json["expires_in"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_expired_access_token_answers_401_INVALID_TOKEN_until_the_client_refreshes()
    {
        var tokens = (await ExchangeAsync(await AuthorizeAsync())).Json!;
        _api.AccessToken = tokens["access_token"].Str();

        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var expired = await _api.GetAsync("crm/v8/org");
        _api.AccessToken = (await RefreshAsync(tokens["refresh_token"].Str()!)).Json!["access_token"].Str();
        var renewed = await _api.GetAsync("crm/v8/org");

        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Equal("""{"code":"INVALID_TOKEN","details":{},"message":"invalid oauth token","status":"error"}""", expired.Text);
        Assert.Equal(HttpStatusCode.OK, renewed.Status);
    }

    [Fact]
    public async Task Revoking_a_refresh_token_kills_it_and_every_access_token_it_minted()
    {
        var tokens = (await ExchangeAsync(await AuthorizeAsync())).Json!;
        var refreshToken = tokens["refresh_token"].Str()!;
        _api.AccessToken = tokens["access_token"].Str();

        var revoke = await _api.PostAsync($"oauth/v2/token/revoke?token={Uri.EscapeDataString(refreshToken)}", null);
        var call = await _api.GetAsync("crm/v8/org");
        var refresh = await RefreshAsync(refreshToken);

        Assert.Equal(HttpStatusCode.OK, revoke.Status);
        Assert.Equal("success", revoke.Json!["status"].Str());
        Assert.Equal(HttpStatusCode.Unauthorized, call.Status);
        Assert.Equal("INVALID_TOKEN", call.Json!["code"].Str());
        Assert.Equal("invalid_code", refresh.Json!["error"].Str());
        Assert.Equal([(refreshToken, _org.Admin.Id, true)],
            _simulator.State.RefreshTokens(_org).Select(t => (t.Token, t.UserId, t.Revoked)));
    }

    [Fact]
    public async Task An_admin_of_another_org_signed_in_consents_to_a_grant_that_opens_their_own_org()
    {
        var other = _simulator.State.CreateOrg(new ZohoOrgSpec { CompanyName = "Other Company" });
        _simulator.State.SignIn(other.Admin);

        var tokens = (await ExchangeAsync(await AuthorizeAsync())).Json!;
        _api.AccessToken = tokens["access_token"].Str();
        var org = await _api.GetAsync("crm/v8/org");

        Assert.Equal(other.Id, org.Json!["org"]![0]!["id"].Str());
        Assert.Single(_simulator.State.RefreshTokens(other));
        Assert.Empty(_simulator.State.RefreshTokens(_org));
    }

    [Fact]
    public async Task A_refused_consent_comes_back_to_the_redirect_uri_as_access_denied()
    {
        _simulator.State.RefuseNextConsent();

        var response = await _api.GetAsync(_simulator.AuthorizeUri(_org.Client, "s1").ToString());

        var query = QueryHelpers.ParseQuery(response.Message.Headers.Location!.Query);
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("s1", query["state"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task An_eleventh_refresh_within_ten_minutes_is_throttled_and_only_fifteen_access_tokens_stay_alive()
    {
        var refreshToken = (await ExchangeAsync(await AuthorizeAsync())).Json!["refresh_token"].Str()!;

        for (var i = 0; i < 10; i++) Assert.NotNull((await RefreshAsync(refreshToken)).Json!["access_token"]);
        var throttled = await RefreshAsync(refreshToken);
        _clock.Advance(TimeSpan.FromMinutes(10));
        for (var i = 0; i < 6; i++) Assert.NotNull((await RefreshAsync(refreshToken)).Json!["access_token"]);

        Assert.Null(throttled.Json!["access_token"]);
        Assert.Equal("Access Denied", throttled.Json["error"].Str());
        // 17 minted, but at most 15 stay alive per refresh token: the oldest two died.
        Assert.Equal(15, _simulator.State.AliveAccessTokens(refreshToken));
    }

    [Fact]
    public async Task A_token_without_the_module_scope_answers_OAUTH_SCOPE_MISMATCH()
    {
        using var usersOnly = ZohoApi.For(_simulator, _org.Admin, "ZohoCRM.users.READ");

        var contacts = await usersOnly.GetAsync("crm/v8/Contacts?fields=Last_Name");
        var users = await usersOnly.GetAsync("crm/v8/users?type=AllUsers");

        Assert.Equal(HttpStatusCode.Unauthorized, contacts.Status);
        Assert.Equal("OAUTH_SCOPE_MISMATCH", contacts.Json!["code"].Str());
        Assert.Equal(HttpStatusCode.OK, users.Status);
    }

    private async Task<string> AuthorizeAsync()
    {
        var response = await _api.GetAsync(_simulator.AuthorizeUri(_org.Client, "s").ToString());
        return QueryHelpers.ParseQuery(response.Message.Headers.Location!.Query)["code"].ToString();
    }

    private Task<ZohoResponse> ExchangeAsync(string code) => _api.PostFormAsync("oauth/v2/token",
        ("grant_type", "authorization_code"), ("client_id", _org.Client.ClientId), ("client_secret", _org.Client.ClientSecret),
        ("redirect_uri", _org.Client.RedirectUri.OriginalString), ("code", code));

    private Task<ZohoResponse> RefreshAsync(string refreshToken) =>
        _api.PostAsync($"oauth/v2/token?grant_type=refresh_token&client_id={Uri.EscapeDataString(_org.Client.ClientId)}" +
            $"&client_secret={Uri.EscapeDataString(_org.Client.ClientSecret)}&refresh_token={Uri.EscapeDataString(refreshToken)}", (JsonNode?)null);
}
