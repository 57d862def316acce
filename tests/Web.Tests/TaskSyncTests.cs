using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Web.Tests;

/// <summary>To-dos in a two-way sync: a change on either side reaches the other; the same field changed on both goes to the winner.</summary>
public class TaskSyncTests : IAsyncLifetime
{
    /// <summary>Zoho's clock stands still unless a test moves it: Modified_Time then says which edit came after which.</summary>
    private readonly FakeTimeProvider _zohoClock = new(DateTimeOffset.UtcNow);
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync(zohoClock: _zohoClock);

    /// <summary>The user edits in the CRM a second after the sync wrote the record (the same second: see the skipped test).</summary>
    private void ASecondLater() => _zohoClock.Advance(TimeSpan.FromSeconds(1));

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>"Angebot schicken", due 10 December, normal importance, in Notes and synced once: its Notes UNID and CRM id.</summary>
    private async Task<(string Unid, string CrmId)> SyncedTodoAsync(string winner = "crm")
    {
        await _h.SettingsAsync("twoWay", winner: winner, contacts: false, tasks: true);
        var unid = _h.Domino.State.AddTodo(SyncHarness.MailFile, new TodoSpec
        {
            Subject = "Angebot schicken", Due = new DateTimeOffset(2026, 12, 10, 10, 0, 0, TimeSpan.Zero), Importance = "2",
        });
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());
        var task = Assert.Single(_h.Org.Records("Tasks"));
        Assert.Equal(("Angebot schicken", "2026-12-10", "Normal"), (task["Subject"], task["Due_Date"], task["Priority"]));
        return (unid, task.Id);
    }

    /// <summary>
    /// Waits until Domino's clock is two seconds past the second the sync saved the document in: Domino's times have
    /// whole seconds, and a save by the user within the second of the sync's write cannot be told from it
    /// (RecordLink.HoldsNotesVersion says so); a person typing comes later.
    /// </summary>
    private async Task NotesSecondOverAsync(string unid)
    {
        var savedSecond = Todo(unid).Modified.ToUnixTimeSeconds();
        var until = DateTime.UtcNow.AddSeconds(10);
        while (_h.Domino.State.Clock.GetUtcNow().ToUnixTimeSeconds() < savedSecond + 2)
        {
            Assert.True(DateTime.UtcNow < until, "Domino's clock did not move on within 10 s");
            await Task.Delay(50);
        }
    }

    private DocumentSnapshot Todo(string unid) => _h.Domino.State.GetDocument(SyncHarness.MailFile, unid)!;

    [Fact]
    public async Task A_task_completed_in_the_CRM_is_completed_in_Notes_and_one_made_urgent_in_Notes_is_urgent_in_the_CRM()
    {
        var (unid, crmId) = await SyncedTodoAsync();

        ASecondLater();
        _h.Org.UpdateRecord("Tasks", crmId, new JsonObject { ["Status"] = "Completed" });
        var completed = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", completed);
        Assert.Equal(1, SyncHarness.Count(completed, "tasks", "toNotes.updated"));
        Assert.IsType<NotesDateTime>(Todo(unid).Items["CompletedDateTime"].FirstValue);

        await NotesSecondOverAsync(unid);
        _h.Domino.State.UpdateItems(SyncHarness.MailFile, unid, NotesItem.Text("Importance", "1"));
        var urgent = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", urgent);
        Assert.Equal(1, SyncHarness.Count(urgent, "tasks", "toCrm.updated"));
        var task = _h.Org.FindRecord("Tasks", crmId)!;
        Assert.Equal(("High", "Completed", "Angebot schicken"), (task["Priority"], task["Status"], task["Subject"]));
        Assert.Equal("Angebot schicken", Todo(unid).Text("Subject"));
    }

    [Fact]
    public async Task A_task_renamed_on_both_sides_takes_the_winners_subject_and_logs_the_other()
    {
        var (unid, crmId) = await SyncedTodoAsync(winner: "crm");

        _h.Domino.State.UpdateItems(SyncHarness.MailFile, unid, NotesItem.Text("Subject", "Angebot an Müller schicken"));
        ASecondLater();
        _h.Org.UpdateRecord("Tasks", crmId, new JsonObject { ["Subject"] = "Angebot senden" });
        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal("Angebot senden", Todo(unid).Text("Subject"));
        Assert.Equal("Angebot senden", _h.Org.FindRecord("Tasks", crmId)!["Subject"]);
        Assert.Equal(1, SyncHarness.Count(run, "tasks", "conflicts"));
        var conflict = Assert.Single(run.GetProperty("conflicts").EnumerateArray());
        Assert.Equal(("tasks", unid, crmId, "crm"), (Text(conflict, "module"), Text(conflict, "notesId"), Text(conflict, "crmId"), Text(conflict, "winner")));
        var field = Assert.Single(conflict.GetProperty("fields").EnumerateArray());
        Assert.Equal(("subject", "Angebot an Müller schicken", "Angebot senden"),
            (Text(field, "name"), Text(field, "notesValue"), Text(field, "crmValue")));
        Assert.Equal("Angebot an Müller schicken", Text(conflict.GetProperty("losingVersion"), "subject"));
    }

    [Fact]
    public async Task A_CRM_edit_in_the_same_second_as_the_syncs_own_write_still_reaches_Notes()
    {
        var (unid, crmId) = await SyncedTodoAsync();

        // Zoho's Modified_Time counts whole seconds: a workflow rule that fires on the record NotesSync created, or a
        // quick user, edits it within the second of that write.
        _h.Org.UpdateRecord("Tasks", crmId, new JsonObject { ["Status"] = "Completed" });
        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal(1, SyncHarness.Count(run, "tasks", "toNotes.updated"));
        Assert.IsType<NotesDateTime>(Todo(unid).Items["CompletedDateTime"].FirstValue);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
