using System.Net;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.Tests;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task A_wrong_password_is_answered_401_with_an_html_page_and_a_basic_challenge()
    {
        await using var domino = await TestDomino.StartAsync();
        using var client = domino.ClientFor("jdoe", "wrong");

        using var response = await client.GetAsync($"{domino.MailFile}/api/data/collections");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Error 401", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_session_authentication_server_answers_200_with_a_login_page_instead_of_401()
    {
        await using var domino = await TestDomino.StartAsync();
        domino.State.ConfigureServer(s => s.Authentication = DominoAuthentication.SessionLoginPage);
        using var client = domino.ClientFor("jdoe", "wrong");

        using var response = await client.GetAsync($"{domino.MailFile}/api/data/collections");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("names.nsf?Login", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_form_post_gives_a_DomAuthSessId_cookie_that_authenticates_later_calls()
    {
        await using var domino = await TestDomino.StartAsync();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = domino.Simulator.BaseUri };

        using var login = await client.PostAsync("/names.nsf?Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = "Jane Doe",
            ["Password"] = TestDomino.Password,
        }));
        using var data = await client.GetAsync($"{domino.MailFile}/api/data/collections");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.NotNull(handler.CookieContainer.GetCookies(domino.Simulator.BaseUri)["DomAuthSessId"]);
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
    }

    [Fact]
    public async Task Another_users_mail_file_answers_the_401_challenge()
    {
        await using var domino = await TestDomino.StartAsync();
        domino.State.AddUser(new NotesUserSpec("John Smith", "other"));
        using var john = domino.ClientFor("jsmith", "other");

        using var response = await john.GetAsync($"{domino.MailFile}/api/data/collections");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
