using System.Net;
using System.Net.Http.Json;

namespace NotesSync.Web.Tests;

public class MarketplaceHookTests : IAsyncLifetime
{
    private readonly NotesSyncApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static object InstallBody(string orgId) => new
    {
        orgId, orgName = "Acme",
        installer = new { userId = "1", email = "ann@acme.example", name = "Ann" },
        seats = 2,
    };

    [Fact]
    public async Task Installing_twice_keeps_one_account_and_the_same_secret()
    {
        var first = await _app.InstallAsync("org-1");
        var second = await _app.InstallAsync("org-1");

        Assert.Equal(first, second);
        Assert.True(first.Length >= 40);
        var users = await _app.ClientFor(first, "org-1", "org-1-admin").GetFromJsonAsync<UsersBody>("/api/users");
        Assert.Single(users!.Users);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("unsigned")]
    [InlineData("stale")]
    [InlineData("future")]
    public async Task A_hook_that_is_not_properly_signed_is_refused_and_changes_nothing(string how)
    {
        var response = how switch
        {
            "forged" => await _app.HookAsync("install", InstallBody("org-x"), secret: "not-the-secret"),
            "unsigned" => await _app.HookAsync("install", InstallBody("org-x"), secret: null),
            "stale" => await _app.HookAsync("install", InstallBody("org-x"), at: DateTimeOffset.UtcNow.AddMinutes(-6)),
            _ => await _app.HookAsync("install", InstallBody("org-x"), at: DateTimeOffset.UtcNow.AddMinutes(6)),
        };

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "unauthorized");
        // Had the install gone through, a correct one would now hand back the same secret as an earlier one;
        // instead the org is still unknown: a token naming it is refused.
        var probe = await _app.ClientFor("any-secret-at-all-000000000000000", "org-x", "1").GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, probe.StatusCode);
    }

    [Fact]
    public async Task A_forged_uninstall_deletes_nothing()
    {
        var secret = await _app.InstallAsync("org-1");

        var response = await _app.HookAsync("uninstall", new { orgId = "org-1" }, secret: "guess");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.ClientFor(secret, "org-1", "org-1-admin").GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Fewer_seats_keep_existing_users_but_refuse_new_ones()
    {
        var secret = await _app.InstallAsync("org-1", seats: 3);
        _app.CrmUsers.Add("org-1", new("2", "bob@acme.example", "Bob"), new("3", "cy@acme.example", "Cy"));
        var admin = _app.ClientFor(secret, "org-1", "org-1-admin");
        await admin.PostAsJsonAsync("/api/users", new { userId = "2" });

        var hook = await _app.HookAsync("licenses", new { orgId = "org-1", seats = 1 });

        Assert.Equal(HttpStatusCode.NoContent, hook.StatusCode);
        var users = await admin.GetFromJsonAsync<UsersBody>("/api/users");
        Assert.Equal(2, users!.Users.Count);
        Assert.Equal(new SeatsBody(2, 1), users.Seats);
        await ProblemAssert.IsProblem(
            await admin.PostAsJsonAsync("/api/users", new { userId = "3" }), HttpStatusCode.Conflict, "no-seats-left");
    }

    [Fact]
    public async Task Licences_for_an_unknown_organisation_are_a_clear_404()
    {
        var response = await _app.HookAsync("licenses", new { orgId = "nobody", seats = 4 });

        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "unknown-organisation");
    }

    [Fact]
    public async Task Uninstall_removes_the_organisation_and_leaves_the_others()
    {
        var secretA = await _app.InstallAsync("org-a");
        var secretB = await _app.InstallAsync("org-b");

        var response = await _app.HookAsync("uninstall", new { orgId = "org-a" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.ClientFor(secretA, "org-a", "org-a-admin").GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.ClientFor(secretB, "org-b", "org-b-admin").GetAsync("/api/me")).StatusCode);
        // Installing again starts afresh, with a new secret.
        Assert.NotEqual(secretA, await _app.InstallAsync("org-a"));
    }

    [Fact]
    public async Task Uninstalling_an_unknown_organisation_is_fine()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await _app.HookAsync("uninstall", new { orgId = "never-installed" })).StatusCode);
    }

    [Fact]
    public async Task An_install_with_invalid_fields_answers_each_field()
    {
        var response = await _app.HookAsync("install", new
        {
            orgId = "org 1!", orgName = "", installer = new { userId = "1", email = "not-an-email", name = "Ann" }, seats = 0,
        });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "validation-failed");
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "orgId", "orgName", "seats", "installer.email" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400_not_a_500()
    {
        var response = await _app.HookAsync("install", "{ this is not json");

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid-request");
    }
}

public sealed record UsersBody(SeatsBody Seats, List<UserBody> Users);

public sealed record SeatsBody(int Used, int Total);

public sealed record UserBody(string UserId, string Email, string Name, string Role, bool HasSynced, DateTimeOffset AddedAt);
