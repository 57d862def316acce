using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Infrastructure.Persistence;
using NotesSync.ReferenceCheck;
using NotesSync.Simulators.Domino.Hosting;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Web.Tests;

/// <summary>
/// "Connect my Notes account" end to end: widget token → endpoint → handler → DAS adapter → simulator → SQLite.
/// </summary>
public class NotesAccountTests : IAsyncLifetime
{
    private const string Password = "Pw-of-Jane-7f3!";
    private readonly NotesSyncApp _app = new();
    private DominoSimulator _domino = null!;
    private HttpClient _jane = null!;

    public async Task InitializeAsync()
    {
        _domino = await DominoSimulator.StartAsync();
        _domino.State.AddUser(new NotesUserSpec("Jane Doe", Password) { InternetAddress = "jane.doe@acme.example" });
        _domino.State.SetDatabaseAccess(DominoState.DirectoryPath, DataServiceAccess.ViewsAndDocuments);
        _domino.State.SetViewAccess(DominoState.DirectoryPath, "($Users)", true);
        var secret = await _app.InstallAsync("org-1");
        _jane = _app.ClientFor(secret, "org-1", "org-1-admin");
    }

    public async Task DisposeAsync()
    {
        await _domino.DisposeAsync();
        await _app.DisposeAsync();
        Conformance.Require(domino: _domino.Journal);
    }

    private Task<HttpResponseMessage> ConnectAsync(string password = Password, string? mailFile = null) =>
        _jane.PostAsJsonAsync("/api/notes/connection",
            new { serverName = _domino.BaseUri.ToString(), userName = "Jane Doe", password, mailFile });

    [Fact]
    public async Task Connecting_finds_the_mail_file_stores_the_password_encrypted_and_returns_the_checks()
    {
        var response = await ConnectAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("mail/jdoe.nsf", body.GetProperty("mailFile").GetString());
        Assert.All(body.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("ok").GetBoolean()));
        Assert.DoesNotContain(Password, body.GetRawText(), StringComparison.Ordinal);

        var me = JsonDocument.Parse(await _jane.GetStringAsync("/api/me")).RootElement.GetProperty("notes");
        Assert.True(me.GetProperty("connected").GetBoolean());
        Assert.Equal("mail/jdoe.nsf", me.GetProperty("mailFile").GetString());
        Assert.Equal("Jane Doe", me.GetProperty("userName").GetString());

        var stored = await StoredNotesColumnAsync();
        Assert.DoesNotContain(Password, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_a_422_and_nothing_is_stored()
    {
        var response = await ConnectAsync(password: "not-it");

        await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, "invalid-credentials");
        Assert.Null(await StoredNotesColumnAsync());
    }

    [Fact]
    public async Task DAS_off_on_a_view_the_user_syncs_answers_which_view_and_how_to_fix_it_in_their_language()
    {
        _domino.State.SetViewAccess("mail/jdoe.nsf", "($Contacts)", false);
        var secret = await _app.InstallAsync("org-1");
        var french = _app.ClientFor(secret, "org-1", "org-1-admin");
        french.DefaultRequestHeaders.Authorization = new("Bearer", HandBuiltToken.For(
            secret, "org-1", "org-1-admin", DateTimeOffset.UtcNow.AddMinutes(10), locale: "fr_FR", email: "admin@org-1.example", name: "Ann"));

        var response = await french.PostAsJsonAsync("/api/notes/connection",
            new { serverName = _domino.BaseUri.ToString(), userName = "Jane Doe", password = Password });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, "das-disabled-view");
        var fix = string.Join(" ", problem.GetProperty("fix").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("Autoriser les services de données Domino", fix, StringComparison.Ordinal);
        Assert.Contains(problem.GetProperty("checks").EnumerateArray(),
            c => c.GetProperty("name").GetString() == "($Contacts)" && !c.GetProperty("ok").GetBoolean());
        Assert.Null(await StoredNotesColumnAsync());
    }

    [Fact]
    public async Task DAS_off_on_the_server_is_its_own_code_with_the_server_steps()
    {
        _domino.State.ConfigureServer(s => s.DataServiceEnabled = false);

        var response = await ConnectAsync();

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, "das-disabled-server");
        // Found before the checks ran (the server's services), it carries the steps all the same.
        var fix = string.Join(" ", problem.GetProperty("fix").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("Domino Web Engine", fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnostics_rerun_every_check_with_the_stored_password()
    {
        await ConnectAsync();
        _domino.State.SetViewAccess("mail/jdoe.nsf", "($ToDo)", false);

        var checks = JsonDocument.Parse(await _jane.GetStringAsync("/api/notes/diagnostics")).RootElement.GetProperty("checks");

        var todo = checks.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "($ToDo)");
        Assert.False(todo.GetProperty("ok").GetBoolean());
        Assert.Equal("das-disabled-view", todo.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Array, todo.GetProperty("fix").ValueKind);
    }

    [Fact]
    public async Task Diagnostics_before_connecting_say_so()
    {
        await ProblemAssert.IsProblem(await _jane.GetAsync("/api/notes/diagnostics"), HttpStatusCode.UnprocessableEntity, "notes-not-connected");
    }

    [Fact]
    public async Task A_new_password_replaces_the_old_one_only_once_Domino_accepts_it()
    {
        await ConnectAsync();
        var before = await StoredNotesColumnAsync();
        _domino.State.ChangePassword("Jane Doe", "N3w-Secret-Pw");

        var refused = await _jane.PutAsJsonAsync("/api/notes/password", new { email = "jane.doe@acme.example", newPassword = "typo" });
        await ProblemAssert.IsProblem(refused, HttpStatusCode.UnprocessableEntity, "invalid-credentials");
        Assert.Equal(before, await StoredNotesColumnAsync());

        var accepted = await _jane.PutAsJsonAsync("/api/notes/password", new { email = "jane.doe@acme.example", newPassword = "N3w-Secret-Pw" });
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        Assert.NotEqual(before, await StoredNotesColumnAsync());
        Assert.Equal(HttpStatusCode.OK, (await _jane.GetAsync("/api/notes/diagnostics")).StatusCode);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(500)]
    [InlineData(302)]
    public async Task A_password_change_is_refused_when_Domino_answers_anything_but_the_mail_file(int status)
    {
        await ConnectAsync();
        var before = await StoredNotesColumnAsync();
        _domino.Faults.Add(NotesSync.Simulators.Domino.Knobs.FaultRule.Status("/mail/jdoe.nsf/api/data/collections", status, times: 10));

        var refused = await _jane.PutAsJsonAsync("/api/notes/password", new { email = "jane.doe@acme.example", newPassword = "Unchecked-Pw-1" });

        var problem = await ProblemAssert.IsProblem(refused, HttpStatusCode.UnprocessableEntity, "password-not-verified");
        Assert.Equal(status, problem.GetProperty("dominoStatus").GetInt32());
        Assert.Equal(before, await StoredNotesColumnAsync());
    }

    [Fact]
    public async Task Disconnecting_forgets_the_stored_credentials()
    {
        await ConnectAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await _jane.DeleteAsync("/api/notes/connection")).StatusCode);

        Assert.Null(await StoredNotesColumnAsync());
        var me = JsonDocument.Parse(await _jane.GetStringAsync("/api/me")).RootElement.GetProperty("notes");
        Assert.False(me.GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task A_plain_http_server_is_refused_where_configuration_does_not_allow_it()
    {
        await using var strict = new NotesSyncApp { Settings = { ["Notes:AllowInsecureHttp"] = "false" } };
        var secret = await strict.InstallAsync("org-1");

        var response = await strict.ClientFor(secret, "org-1", "org-1-admin").PostAsJsonAsync("/api/notes/connection",
            new { serverName = _domino.BaseUri.ToString(), userName = "Jane Doe", password = Password });

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "insecure-server");
        Assert.Empty(_domino.Calls.Calls);
    }

    [Fact]
    public async Task The_password_appears_in_no_log_line_of_a_whole_connect_and_change_password_flow()
    {
        await ConnectAsync();
        await ConnectAsync(password: "Wrong-" + Password);
        _domino.State.ChangePassword("Jane Doe", "Second-" + Password);
        await _jane.PutAsJsonAsync("/api/notes/password", new { email = "jane.doe@acme.example", newPassword = "Second-" + Password });
        await _jane.GetAsync("/api/notes/diagnostics");

        var records = _app.Logs.GetSnapshot();
        Assert.NotEmpty(records);
        Assert.Contains(records, r => r.Message.StartsWith("DAS GET ", StringComparison.Ordinal));
        foreach (var record in records)
        {
            var text = $"{record.Message} {record.Exception} {string.Join(",", record.StructuredState?.Select(s => s.Value) ?? [])}";
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        }
    }

    private async Task<string?> StoredNotesColumnAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>();
        return await db.Database.SqlQueryRaw<string?>("SELECT \"Notes\" AS \"Value\" FROM \"SyncProfiles\"").FirstOrDefaultAsync();
    }
}
