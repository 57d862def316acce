using System.Text.Json.Nodes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Web.Tests;

/// <summary>
/// An org whose Tasks picklists were renamed (zoho.md §2: an org can edit them): status and priority travel by
/// meaning, in the org's own words, both ways; Zoho refuses any value outside the list, as the simulator does.
/// </summary>
public sealed class RenamedPicklistTests : IAsyncLifetime
{
    private SyncHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await SyncHarness.StartAsync();
        _h.Org.SetPickListValues("Tasks", "Status", ["-None-", "À faire", "En cours", "Terminée"]);
        _h.Org.SetPickListValues("Tasks", "Priority", ["-None-", "Urgente", "Normale", "Basse"]);
        // The host read the org's fields when Zoho was connected and trusts them for ten minutes; a new host (another
        // node, or the same one later) reads them again.
        await _h.RestartAsync();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_completed_urgent_Notes_task_reaches_the_CRM_in_the_orgs_own_words()
    {
        await _h.SettingsAsync("notesToCrm", contacts: false, tasks: true);
        _h.Domino.State.AddTodo(SyncHarness.MailFile, new TodoSpec
        {
            Subject = "Relancer Dupont", Importance = "1", Completed = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero),
        });
        _h.Domino.State.AddTodo(SyncHarness.MailFile, new TodoSpec { Subject = "Préparer le devis", Importance = "3" });

        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        var tasks = _h.Org.Records("Tasks");
        var done = Assert.Single(tasks, t => t["Subject"] == "Relancer Dupont");
        Assert.Equal(("Terminée", "Urgente"), (done["Status"], done["Priority"]));
        var open = Assert.Single(tasks, t => t["Subject"] == "Préparer le devis");
        Assert.Equal(("À faire", "Basse"), (open["Status"], open["Priority"]));
    }

    [Fact]
    public async Task A_CRM_task_in_the_orgs_words_reaches_Notes_by_meaning()
    {
        await _h.SettingsAsync("crmToNotes", contacts: false, tasks: true);
        _h.Org.CreateRecord("Tasks", new JsonObject { ["Subject"] = "Signer le contrat", ["Status"] = "Terminée", ["Priority"] = "Urgente" });
        _h.Org.CreateRecord("Tasks", new JsonObject { ["Subject"] = "Appeler Martin", ["Status"] = "En cours", ["Priority"] = "Normale" });

        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        var todos = _h.Domino.State.GetDocuments(SyncHarness.MailFile, "Task");
        var signed = Assert.Single(todos, d => d.Text("Subject") == "Signer le contrat");
        Assert.Equal("1", signed.Text("Importance"));
        Assert.False(string.IsNullOrEmpty(signed.Text("CompletedDateTime")));
        var call = Assert.Single(todos, d => d.Text("Subject") == "Appeler Martin");
        Assert.Equal("2", call.Text("Importance"));
        Assert.True(string.IsNullOrEmpty(call.Text("CompletedDateTime")));
    }
}
