using System.Net;
using System.Net.Http.Json;
using NotesSync.Simulators.Domino.Hosting;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Web.Tests;

/// <summary>
/// Each connect or password change is a sign-in NotesSync makes to a server the caller names: limited per user and
/// per organisation, so NotesSync is no relay for guessing a Domino password.
/// </summary>
public class NotesSignInLimitTests : IAsyncLifetime
{
    private readonly NotesSyncApp _app = new()
    {
        Settings = { ["Notes:SignInAttempts:PerUser"] = "2", ["Notes:SignInAttempts:PerOrg"] = "3" },
    };
    private DominoSimulator _domino = null!;

    public async Task InitializeAsync()
    {
        _domino = await DominoSimulator.StartAsync();
        _domino.State.AddUser(new NotesUserSpec("Jane Doe", "the-real-one"));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _domino.DisposeAsync();
    }

    private Task<HttpResponseMessage> GuessAsync(HttpClient caller, string password) =>
        caller.PostAsJsonAsync("/api/notes/connection",
            new { serverName = _domino.BaseUri.ToString(), userName = "Jane Doe", password, mailFile = "mail/jdoe.nsf" });

    [Fact]
    public async Task A_user_past_their_attempts_gets_429_with_Retry_After_and_Domino_hears_nothing_more()
    {
        var secret = await _app.InstallAsync("org-1");
        var mallory = _app.ClientFor(secret, "org-1", "org-1-admin");
        await ProblemAssert.IsProblem(await GuessAsync(mallory, "guess-1"), HttpStatusCode.UnprocessableEntity, "invalid-credentials");
        await ProblemAssert.IsProblem(await GuessAsync(mallory, "guess-2"), HttpStatusCode.UnprocessableEntity, "invalid-credentials");
        var callsBefore = _domino.Calls.Calls.Count;

        var third = await GuessAsync(mallory, "the-real-one");

        await ProblemAssert.IsProblem(third, (HttpStatusCode)429, "too-many-attempts");
        Assert.True(third.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, $"Retry-After: {third.Headers.RetryAfter}");
        Assert.Equal(callsBefore, _domino.Calls.Calls.Count);
        // The password change sends a password to Domino too: the same limit.
        var change = await mallory.PutAsJsonAsync("/api/notes/password", new { email = "jane@acme.example", newPassword = "guess-3" });
        await ProblemAssert.IsProblem(change, (HttpStatusCode)429, "too-many-attempts");
    }

    [Fact]
    public async Task An_organisations_users_share_a_limit_and_other_organisations_keep_theirs()
    {
        var secret = await _app.InstallAsync("org-1");
        var first = _app.ClientFor(secret, "org-1", "org-1-admin");
        var second = _app.ClientFor(secret, "org-1", "org-1-other");
        var elsewhere = await _app.InstallAsync("org-2");

        Assert.NotEqual((HttpStatusCode)429, (await GuessAsync(first, "guess-1")).StatusCode);
        Assert.NotEqual((HttpStatusCode)429, (await GuessAsync(first, "guess-2")).StatusCode);
        Assert.NotEqual((HttpStatusCode)429, (await GuessAsync(second, "guess-3")).StatusCode);

        var fourth = await GuessAsync(second, "guess-4");

        await ProblemAssert.IsProblem(fourth, (HttpStatusCode)429, "too-many-attempts");
        Assert.NotNull(fourth.Headers.RetryAfter);
        var otherOrg = await GuessAsync(_app.ClientFor(elsewhere, "org-2", "org-2-admin"), "the-real-one");
        Assert.Equal(HttpStatusCode.OK, otherOrg.StatusCode);
    }
}
