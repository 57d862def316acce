using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Web.Tests;

/// <summary>
/// Private data is never synced, in either direction (product.md §4): private Notes to-dos, CRM tasks tagged private,
/// and a CRM record that turns private after it was synced, which stops syncing and is not deleted on the other side.
/// </summary>
public class PrivacySyncTests : IAsyncLifetime
{
    /// <summary>Zoho's clock stands still unless a test moves it: Modified_Time then says which edit came after which.</summary>
    private readonly FakeTimeProvider _zohoClock = new(DateTimeOffset.UtcNow);
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync(zohoClock: _zohoClock);

    /// <summary>The user edits in the CRM a second after the sync wrote the record (TaskSyncTests: the same second).</summary>
    private void ASecondLater() => _zohoClock.Advance(TimeSpan.FromSeconds(1));

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static JsonArray PrivateTag() => [new JsonObject { ["name"] = "Private" }];

    [Fact]
    public async Task Private_tasks_stay_on_their_own_side_and_the_others_are_synced_both_ways()
    {
        await _h.SettingsAsync("twoWay", contacts: false, tasks: true);
        _h.Domino.State.AddTodo(SyncHarness.MailFile, new TodoSpec { Subject = "Arzttermin", Private = true });
        _h.Domino.State.AddTodo(SyncHarness.MailFile, new TodoSpec { Subject = "Angebot schicken" });
        _h.Org.CreateRecord("Tasks", new JsonObject { ["Subject"] = "Gehaltsverhandlung", ["Tag"] = PrivateTag() });
        _h.Org.CreateRecord("Tasks", new JsonObject { ["Subject"] = "Rappeler Müller" });

        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal(["Angebot schicken", "Gehaltsverhandlung", "Rappeler Müller"],
            _h.Org.Records("Tasks").Select(t => t["Subject"]).Order(StringComparer.Ordinal));
        Assert.Equal(["Angebot schicken", "Arzttermin", "Rappeler Müller"],
            _h.NotesDocuments("Task").Select(d => d.Text("Subject")).Order(StringComparer.Ordinal));
        Assert.Equal(2, SyncHarness.Count(run, "tasks", "skippedPrivate"));
        Assert.Equal((1, 1), (SyncHarness.Count(run, "tasks", "toCrm.created"), SyncHarness.Count(run, "tasks", "toNotes.created")));
    }

    [Fact]
    public async Task A_CRM_contact_that_turns_private_stops_syncing_both_ways_and_stays_in_Notes()
    {
        await _h.SettingsAsync("twoWay", tasks: false);
        var unid = _h.AddNotesContact("Zoë", "Dupont", "zoe@example.fr", "+33 1 23");
        await _h.SyncAsync();
        var crmId = Assert.Single(_h.CrmContacts).Id;

        ASecondLater();
        _h.Org.UpdateRecord("Contacts", crmId, new JsonObject { ["Tag"] = PrivateTag(), ["Phone"] = "+33 9 99" });
        _h.Domino.State.UpdateItems(SyncHarness.MailFile, unid, NotesItem.Text("JobTitle", "Directrice"));
        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal(1, SyncHarness.Count(run, "contacts", "skippedPrivate"));
        var notes = _h.Domino.State.GetDocument(SyncHarness.MailFile, unid);
        Assert.NotNull(notes);
        Assert.Equal(("+33 1 23", "Directrice"), (notes.Text("OfficePhoneNumber"), notes.Text("JobTitle")));
        var crm = _h.Org.FindRecord("Contacts", crmId)!;
        Assert.Equal("+33 9 99", crm["Phone"]);
        Assert.True(string.IsNullOrEmpty(crm["Title"]), $"the private record received the Notes title '{crm["Title"]}'");
    }

    [Fact]
    public async Task A_CRM_contact_deleted_after_it_turned_private_is_not_deleted_in_Notes()
    {
        await _h.SettingsAsync("twoWay", tasks: false);
        var unid = _h.AddNotesContact("Zoë", "Dupont", "zoe@example.fr", "+33 1 23");
        await _h.SyncAsync();
        var crmId = Assert.Single(_h.CrmContacts).Id;
        ASecondLater();
        _h.Org.UpdateRecord("Contacts", crmId, new JsonObject { ["Tag"] = PrivateTag() });
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());

        // It stopped syncing when it turned private: what the user does with it in the CRM now is not mirrored.
        _h.Org.DeleteRecord("Contacts", crmId);
        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal(0, SyncHarness.Count(run, "contacts", "toNotes.deleted"));
        Assert.NotNull(_h.Domino.State.GetDocument(SyncHarness.MailFile, unid));
    }
}
