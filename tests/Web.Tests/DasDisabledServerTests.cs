using System.Net;
using System.Net.Http.Json;
using NotesSync.Simulators.Domino.Hosting;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Web.Tests;

/// <summary>api.md "Notes account": every <c>das-disabled-*</c> answer comes "with `fix`: the steps to enable it".</summary>
public class DasDisabledServerTests : IAsyncLifetime
{
    private readonly NotesSyncApp _app = new();
    private DominoSimulator _domino = null!;

    public async Task InitializeAsync() => _domino = await DominoSimulator.StartAsync();

    public async Task DisposeAsync()
    {
        await _domino.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("en", "Domino Access Services")]
    [InlineData("fr_FR", "Services d'accès Domino")]
    public async Task DAS_off_on_the_server_answers_the_steps_to_enable_it_in_the_users_language(string locale, string named)
    {
        _domino.State.AddUser(new NotesUserSpec("Jane Doe", "pw-1"));
        _domino.State.ConfigureServer(s => s.DataServiceEnabled = false);
        var secret = await _app.InstallAsync("org-1");
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", HandBuiltToken.For(
            secret, "org-1", "org-1-admin", DateTimeOffset.UtcNow.AddMinutes(10), locale: locale, email: "admin@org-1.example", name: "Ann"));

        var response = await client.PostAsJsonAsync("/api/notes/connection",
            new { serverName = _domino.BaseUri.ToString(), userName = "Jane Doe", password = "pw-1" });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, "das-disabled-server");
        var steps = problem.GetProperty("fix").EnumerateArray().Select(s => s.GetString()!).ToList();
        Assert.NotEmpty(steps);
        Assert.Contains(steps, s => s.Contains(named, StringComparison.Ordinal));
    }
}
