using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NotesSync.Simulators.Zoho;

namespace NotesSync.Web.Tests;

/// <summary>
/// A Zoho grant is kept only when it opens the CRM of the organisation that asked, and only when the callback comes
/// back in the browser of the admin who asked: anything else is refused, revoked at Zoho and leaves the
/// organisation as it was.
/// </summary>
public sealed class ZohoGrantOwnershipTests : IAsyncLifetime
{
    private SyncHarness _h = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_h is not null) await _h.DisposeAsync();
    }

    /// <summary>The admin's consent link reaches another company's Zoho admin, who accepts.</summary>
    private ZohoOrg AnotherCompanysZohoAdminSignsIn()
    {
        var other = _h.Zoho.State.CreateOrg(new ZohoOrgSpec { CompanyName = "Other Company", AdminEmail = "admin@other.example" });
        _h.Zoho.State.SignIn(other.Admin);
        return other;
    }

    private async Task<JsonElement> StatusAsync() => await _h.Admin.GetFromJsonAsync<JsonElement>("/api/zoho/status");

    [Fact]
    public async Task A_grant_of_another_Zoho_organisation_is_refused_revoked_and_leaves_the_org_disconnected()
    {
        _h = await SyncHarness.StartAsync(connectZoho: false);
        var other = AnotherCompanysZohoAdminSignsIn();

        var (callback, cookie) = await _h.ConsentAsync();
        var answer = await _h.CallbackAsync(callback, cookie);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        Assert.Contains("data-code=\"zoho-wrong-organisation\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False((await StatusAsync()).GetProperty("connected").GetBoolean());
        await ProblemAssert.IsProblem(await _h.Admin.PostAsync("/api/sync/runs", null), HttpStatusCode.UnprocessableEntity, "zoho-not-connected");
        // The code was exchanged (that is how the owner is learnt), and the grant it gave is dead at Zoho.
        var granted = Assert.Single(_h.Zoho.State.RefreshTokens(other));
        Assert.True(granted.Revoked);
        Assert.DoesNotContain(_h.Zoho.State.Calls.ForOrg(other.Id), c => c.Path.StartsWith("/crm/v8/settings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_grant_of_another_organisation_while_connected_keeps_the_previous_grant_working()
    {
        _h = await SyncHarness.StartAsync();
        var before = await StatusAsync();
        var ours = Assert.Single(_h.Zoho.State.RefreshTokens(_h.Org));
        AnotherCompanysZohoAdminSignsIn();

        var (callback, cookie) = await _h.ConsentAsync();
        var answer = await _h.CallbackAsync(callback, cookie);
        _h.Zoho.State.SignIn(null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        Assert.Contains("zoho-wrong-organisation", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before.ToString(), (await StatusAsync()).ToString());
        Assert.True(_h.Zoho.State.IsRefreshTokenValid(ours.Token));
        // Our access tokens gone, the sync must refresh with the grant it had: it still works.
        _h.Zoho.State.ExpireAccessTokens(_h.Org);
        await _h.SettingsAsync(tasks: false);
        _h.AddCrmContact("Amélie", "Poulain", "amelie@example.fr");
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());
        Assert.Contains(_h.Domino.State.GetDocuments(SyncHarness.MailFile, "Person"), d => d.Text("LastName") == "Poulain");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("another browser's")]
    [InlineData("forged")]
    public async Task A_callback_without_the_browsers_own_cookie_is_refused_and_stores_nothing(string cookie)
    {
        _h = await SyncHarness.StartAsync(connectZoho: false);
        var (callback, own) = await _h.ConsentAsync();
        var browserCookie = cookie switch
        {
            "none" => null,
            "another browser's" => (await _h.ConsentAsync()).BrowserCookie,
            _ => own.Split('=')[0] + "=" + new string('A', 32),
        };

        var answer = await _h.CallbackAsync(callback, browserCookie);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("data-code=\"invalid-state\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False((await StatusAsync()).GetProperty("connected").GetBoolean());
        // Refused before the code was exchanged: Zoho never granted anything for it.
        Assert.Empty(_h.Zoho.State.RefreshTokens(_h.Org));
        // The same consent, completed in the admin's own browser, connects.
        var again = await _h.ConsentAsync();
        Assert.True((await _h.CallbackAsync(again.Callback, again.BrowserCookie)).IsSuccessStatusCode);
        Assert.True((await StatusAsync()).GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task The_consent_cookie_is_HttpOnly_cross_site_short_lived_and_kept_for_the_callback_only()
    {
        _h = await SyncHarness.StartAsync(connectZoho: false);

        var connect = await _h.Admin.PostAsync("/api/zoho/connect", null);
        var setCookie = connect.Headers.GetValues("Set-Cookie").Single().ToLowerInvariant();
        var body = await connect.Content.ReadAsStringAsync();

        Assert.Contains("httponly", setCookie, StringComparison.Ordinal);
        Assert.Contains("secure", setCookie, StringComparison.Ordinal);
        Assert.Contains("samesite=none", setCookie, StringComparison.Ordinal);
        Assert.Contains("path=/oauth/zoho/callback", setCookie, StringComparison.Ordinal);
        Assert.Contains("expires=", setCookie, StringComparison.Ordinal);
        // Scripts on the page never see the nonce: it is only in the cookie.
        Assert.DoesNotContain(setCookie.Split(';')[0].Split('=')[1], body.ToLowerInvariant(), StringComparison.Ordinal);
    }
}
