using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using NotesSync.Simulators.Domino.State;
using NotesSync.Simulators.Zoho;

namespace NotesSync.Web.Tests;

/// <summary>CRM edits whose Modified_Time (whole seconds) cannot be told from our own write's by the clock alone.</summary>
public class CrmEditTimingTests
{
    // A person rarely edits within the second of our write, but a Zoho workflow rule that fires on our write does.
    [Fact]
    public async Task A_CRM_edit_stamped_with_the_second_of_our_write_still_reaches_Notes()
    {
        // Zoho's clock stands still, so our write and the user's edit right after it carry the same Modified_Time.
        await using var h = await SyncHarness.StartAsync(zohoOptions: new ZohoSimulatorOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.UtcNow) });
        await h.SettingsAsync("twoWay");
        var unid = h.Domino.State.AddContact(SyncHarness.MailFile, new ContactSpec { FirstName = "Jörg", LastName = "Müller", Email = "jorg@example.de" });
        SyncHarness.AssertStatus("succeeded", await h.SyncAsync());

        h.Org.UpdateRecord("Contacts", h.CrmContacts.Single().Id, new JsonObject { ["Title"] = "CTO" });
        SyncHarness.AssertStatus("succeeded", await h.SyncAsync());

        Assert.Equal("CTO", h.Domino.State.GetDocument(SyncHarness.MailFile, unid)!.Text("JobTitle"));
    }
}
