using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Web.Tests;

/// <summary>
/// Issue 23 item 5, end to end: after a first sync wrote many CRM records in one second, the quiet syncs that follow
/// cost one "not modified" list call per module once Zoho's clock has moved on, and an edit stamped in that very
/// second while Zoho's clock has not moved on still reaches Notes.
/// </summary>
public class QuietResyncTests
{
    private const int Contacts = 250;

    /// <summary>Zoho's clock stands still through the first sync: the contacts it writes all carry one Modified_Time.</summary>
    private readonly FakeTimeProvider _zohoClock = new(DateTimeOffset.UtcNow);

    private async Task<SyncHarness> FirstSyncWritingManyInOneSecondAsync()
    {
        var h = await SyncHarness.StartAsync(zohoClock: _zohoClock);
        await h.SettingsAsync("twoWay", tasks: false);
        for (var i = 1; i <= Contacts; i++)
            h.Domino.State.AddContact(SyncHarness.MailFile, new ContactSpec { FirstName = $"Client{i}", LastName = "Martin", Email = $"client{i}@example.fr" });
        SyncHarness.AssertStatus("succeeded", await h.SyncAsync());
        Assert.Equal(Contacts, h.CrmContacts.Count);
        Assert.Single(h.CrmContacts.Select(c => c.ModifiedTime).Distinct());
        return h;
    }

    /// <summary>A run's list calls of Contacts (not its deleted lists), by the status Zoho answered.</summary>
    private static async Task<List<int>> ContactListCallsOfASyncAsync(SyncHarness h)
    {
        h.Zoho.State.Calls.Clear();
        SyncHarness.AssertStatus("succeeded", await h.SyncAsync());
        return [.. h.Zoho.State.Calls.All.Where(c => c.Method == "GET" && c.Path == "/crm/v8/Contacts").Select(c => c.Status)];
    }

    [Fact]
    public async Task Once_Zohos_clock_has_moved_on_the_second_and_third_quiet_syncs_make_one_not_modified_list_call()
    {
        await using var h = await FirstSyncWritingManyInOneSecondAsync();
        _zohoClock.Advance(TimeSpan.FromMinutes(1));

        var first = await ContactListCallsOfASyncAsync(h);
        var second = await ContactListCallsOfASyncAsync(h);
        var third = await ContactListCallsOfASyncAsync(h);

        // The first quiet sync lists the first sync's writes once (two pages of 200); with the overlap alone, every
        // later one would list those two pages again.
        Assert.Equal([200, 200], first);
        Assert.Equal([304], second);
        Assert.Equal([304], third);
    }

    [Fact]
    public async Task While_Zohos_clock_is_still_in_the_second_of_the_writes_an_edit_stamped_with_it_reaches_Notes()
    {
        await using var h = await FirstSyncWritingManyInOneSecondAsync();
        Assert.Equal([200, 200], await ContactListCallsOfASyncAsync(h));

        var edited = h.CrmContacts[^1];
        h.Org.UpdateRecord("Contacts", edited.Id, new JsonObject { ["Title"] = "CTO" });
        var afterEdit = await ContactListCallsOfASyncAsync(h);

        Assert.Equal(edited.ModifiedTime, h.CrmContacts.Single(c => c.Id == edited.Id).ModifiedTime);
        Assert.Equal([200, 200], afterEdit);
        var firstName = edited["First_Name"];
        Assert.Equal("CTO", h.NotesDocuments("Person").Single(d => d.Text("FirstName") == firstName).Text("JobTitle"));
    }
}
