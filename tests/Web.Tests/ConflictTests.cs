using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using NotesSync.Simulators.Domino.Notes;

namespace NotesSync.Web.Tests;

/// <summary>
/// A contact changed on both sides (product.md §4 "Conflicts"): the profile's winner takes the field on both sides,
/// and the run keeps the losing side's version so that nothing is lost silently.
/// </summary>
public class ConflictTests : IAsyncLifetime
{
    /// <summary>Zoho's clock stands still unless a test moves it: Modified_Time then says which edit came after which.</summary>
    private readonly FakeTimeProvider _zohoClock = new(DateTimeOffset.UtcNow);
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync(zohoClock: _zohoClock);

    /// <summary>The user edits in the CRM a second after the sync wrote the record (TaskSyncTests: the same second).</summary>
    private void ASecondLater() => _zohoClock.Advance(TimeSpan.FromSeconds(1));

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Jörg synced once; then Notes changes his phone and title, the CRM his phone and department.</summary>
    private async Task<(string Unid, string CrmId, JsonElement Run)> ConflictingEditsAsync(string winner)
    {
        await _h.SettingsAsync("twoWay", winner: winner, tasks: false);
        var unid = _h.AddNotesContact("Jörg", "Müller", "jorg@example.de", "+49 30 1234");
        await _h.SyncAsync();
        var crmId = Assert.Single(_h.CrmContacts).Id;

        _h.Domino.State.UpdateItems(SyncHarness.MailFile, unid,
            NotesItem.Text("OfficePhoneNumber", "+49 30 1111"), NotesItem.Text("JobTitle", "CTO"));
        ASecondLater();
        _h.Org.UpdateRecord("Contacts", crmId, new JsonObject { ["Phone"] = "+49 30 2222", ["Department"] = "Tech" });
        return (unid, crmId, await _h.SyncAsync());
    }

    [Fact]
    public async Task When_the_CRM_wins_the_run_keeps_the_Notes_version_of_the_record_that_lost()
    {
        var (unid, crmId, run) = await ConflictingEditsAsync("crm");

        SyncHarness.AssertStatus("succeeded", run);
        var conflict = Assert.Single(run.GetProperty("conflicts").EnumerateArray());
        Assert.Equal(("contacts", unid, crmId, "crm"),
            (Text(conflict, "module"), Text(conflict, "notesId"), Text(conflict, "crmId"), Text(conflict, "winner")));
        var losing = conflict.GetProperty("losingVersion");
        Assert.Equal(("Jörg", "Müller", "jorg@example.de", "+49 30 1111", "CTO"),
            (Text(losing, "firstName"), Text(losing, "lastName"), Text(losing, "email"), Text(losing, "phone"), Text(losing, "title")));
        Assert.Equal("+49 30 2222", _h.Domino.State.GetDocument(SyncHarness.MailFile, unid)!.Text("OfficePhoneNumber"));
    }

    [Fact]
    public async Task When_Notes_wins_its_value_reaches_both_sides_the_other_fields_merge_and_the_CRM_version_is_kept()
    {
        var (unid, crmId, run) = await ConflictingEditsAsync("notes");

        SyncHarness.AssertStatus("succeeded", run);
        var crm = _h.Org.FindRecord("Contacts", crmId)!;
        var notes = _h.Domino.State.GetDocument(SyncHarness.MailFile, unid)!;
        Assert.Equal(("+49 30 1111", "CTO", "Tech"), (crm["Phone"], crm["Title"], crm["Department"]));
        Assert.Equal(("+49 30 1111", "CTO", "Tech"), (notes.Text("OfficePhoneNumber"), notes.Text("JobTitle"), notes.Text("Department")));
        Assert.Equal(1, SyncHarness.Count(run, "contacts", "conflicts"));
        var conflict = Assert.Single(run.GetProperty("conflicts").EnumerateArray());
        Assert.Equal("notes", Text(conflict, "winner"));
        var field = Assert.Single(conflict.GetProperty("fields").EnumerateArray());
        Assert.Equal(("phone", "+49 30 1111", "+49 30 2222"), (Text(field, "name"), Text(field, "notesValue"), Text(field, "crmValue")));
        var losing = conflict.GetProperty("losingVersion");
        Assert.Equal(("Müller", "+49 30 2222", "Tech"), (Text(losing, "lastName"), Text(losing, "phone"), Text(losing, "department")));
    }
}
