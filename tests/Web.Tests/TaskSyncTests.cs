using System.Text.Json;
using System.Text.Json.Nodes;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Web.Tests;

/// <summary>To-dos in a two-way sync: a change on either side reaches the other; the same field changed on both goes to the winner.</summary>
public class TaskSyncTests : IAsyncLifetime
{
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync();

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

    private DocumentSnapshot Todo(string unid) => _h.Domino.State.GetDocument(SyncHarness.MailFile, unid)!;

    [Fact]
    public async Task A_task_completed_in_the_CRM_is_completed_in_Notes_and_one_made_urgent_in_Notes_is_urgent_in_the_CRM()
    {
        var (unid, crmId) = await SyncedTodoAsync();

        _h.Org.UpdateRecord("Tasks", crmId, new JsonObject { ["Status"] = "Completed" });
        var completed = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", completed);
        Assert.Equal(1, SyncHarness.Count(completed, "tasks", "toNotes.updated"));
        Assert.IsType<NotesDateTime>(Todo(unid).Items["CompletedDateTime"].FirstValue);

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

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
