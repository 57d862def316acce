using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotesSync.Web.Tests;

/// <summary><c>GET /api/sync/settings</c> (api.md "Sync settings"): what the settings screen opens with.</summary>
public class SettingsTests : IAsyncLifetime
{
    private readonly NotesSyncApp _app = new();
    private HttpClient _user = null!;

    public async Task InitializeAsync()
    {
        var secret = await _app.InstallAsync("org-1");
        _user = _app.ClientFor(secret, "org-1", "org-1-admin");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> ReadAsync()
    {
        var response = await _user.GetAsync("/api/sync/settings");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Canonical(await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>The settings as one line, members in api.md's order; an absent autoSyncMinutes reads as null.</summary>
    private static string Canonical(JsonElement s) =>
        $"contacts={s.GetProperty("contacts")} tasks={s.GetProperty("tasks")} events={s.GetProperty("events")} "
        + $"eventRange={s.GetProperty("eventRange")} direction={s.GetProperty("direction")} "
        + $"conflictWinner={s.GetProperty("conflictWinner")} "
        + $"autoSyncMinutes={(s.TryGetProperty("autoSyncMinutes", out var minutes) && minutes.ValueKind != JsonValueKind.Null ? minutes.ToString() : "null")}";

    [Fact]
    public async Task A_user_who_never_saved_settings_reads_the_defaults()
    {
        Assert.Equal(
            "contacts=True tasks=True events=False eventRange=fromToday direction=twoWay conflictWinner=crm autoSyncMinutes=null",
            await ReadAsync());
    }

    [Fact]
    public async Task Saved_settings_are_read_back_as_saved()
    {
        var saved = await _user.PutAsJsonAsync("/api/sync/settings", new
        {
            contacts = false, tasks = true, events = true, eventRange = "fromLastMonth", direction = "crmToNotes",
            conflictWinner = "notes", autoSyncMinutes = 60,
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        const string expected =
            "contacts=False tasks=True events=True eventRange=fromLastMonth direction=crmToNotes conflictWinner=notes autoSyncMinutes=60";
        Assert.Equal(expected, Canonical(await saved.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(expected, await ReadAsync());
    }

    [Fact]
    public async Task Settings_refused_by_validation_leave_the_saved_ones_in_place()
    {
        var saved = await _user.PutAsJsonAsync("/api/sync/settings", new
        {
            contacts = true, tasks = false, events = false, eventRange = "all", direction = "notesToCrm", conflictWinner = "crm", autoSyncMinutes = 15,
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var refused = await _user.PutAsJsonAsync("/api/sync/settings", new
        {
            contacts = true, tasks = true, events = false, eventRange = "all", direction = "twoWay", conflictWinner = "notes", autoSyncMinutes = 14,
        });

        await ProblemAssert.IsProblem(refused, HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(
            "contacts=True tasks=False events=False eventRange=all direction=notesToCrm conflictWinner=crm autoSyncMinutes=15",
            await ReadAsync());
    }
}
