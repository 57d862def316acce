namespace NotesSync.Web.Tests;

/// <summary>
/// Deletions (product.md §4): they propagate in two-way and in the one-way direction chosen, only for records
/// NotesSync linked; a side that suddenly reports most of its linked records gone is not mirrored.
/// </summary>
public class DeletionSyncTests : IAsyncLifetime
{
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private IEnumerable<string?> CrmEmails() => _h.CrmContacts.Select(c => c["Email"]).Order(StringComparer.Ordinal);

    /// <summary>A contact typed in Notes keeps its address in MailAddress; one the sync wrote, in InternetAddress.</summary>
    private IEnumerable<string> NotesEmails() =>
        _h.NotesDocuments("Person").Select(d => d.Text("InternetAddress") is { Length: > 0 } address ? address : d.Text("MailAddress"))
            .Order(StringComparer.Ordinal);

    private string CrmIdOf(string email) => _h.CrmContacts.Single(c => c["Email"] == email).Id;

    [Fact]
    public async Task A_contact_deleted_in_Notes_is_deleted_in_the_CRM_in_a_two_way_sync()
    {
        await _h.SettingsAsync("twoWay", tasks: false);
        var gone = _h.AddNotesContact("Jörg", "Müller", "jorg@example.de");
        _h.AddNotesContact("Zoë", "Dupont", "zoe@example.fr");
        await _h.SyncAsync();
        var goneInCrm = CrmIdOf("jorg@example.de");

        _h.Domino.State.DeleteDocument(SyncHarness.MailFile, gone);
        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal(1, SyncHarness.Count(run, "contacts", "toCrm.deleted"));
        Assert.Equal(["zoe@example.fr"], CrmEmails());
        Assert.Contains(_h.Org.DeletedRecords("Contacts"), d => d.Id == goneInCrm);
    }

    [Fact]
    public async Task A_one_way_Notes_to_CRM_sync_carries_a_Notes_deletion_to_the_CRM_and_no_CRM_deletion_to_Notes()
    {
        await _h.SettingsAsync("notesToCrm", tasks: false);
        var deletedInNotes = _h.AddNotesContact("Jörg", "Müller", "jorg@example.de");
        _h.AddNotesContact("Zoë", "Dupont", "zoe@example.fr");
        _h.AddNotesContact("Amélie", "Poulain", "amelie@example.fr");
        await _h.SyncAsync();

        _h.Domino.State.DeleteDocument(SyncHarness.MailFile, deletedInNotes);
        _h.Org.DeleteRecord("Contacts", CrmIdOf("zoe@example.fr"));
        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal((1, 0), (SyncHarness.Count(run, "contacts", "toCrm.deleted"), SyncHarness.Count(run, "contacts", "toNotes.deleted")));
        Assert.DoesNotContain("jorg@example.de", CrmEmails());
        Assert.Contains("amelie@example.fr", CrmEmails());
        Assert.Equal(["amelie@example.fr", "zoe@example.fr"], NotesEmails());
    }

    [Fact]
    public async Task A_one_way_CRM_to_Notes_sync_carries_a_CRM_deletion_to_Notes_and_no_Notes_deletion_to_the_CRM()
    {
        await _h.SettingsAsync("crmToNotes", tasks: false);
        var deletedInCrm = _h.AddCrmContact("Jörg", "Müller", "jorg@example.de").Id;
        _h.AddCrmContact("Zoë", "Dupont", "zoe@example.fr");
        _h.AddCrmContact("Amélie", "Poulain", "amelie@example.fr");
        await _h.SyncAsync();

        _h.Org.DeleteRecord("Contacts", deletedInCrm);
        _h.Domino.State.DeleteDocument(SyncHarness.MailFile,
            _h.NotesDocuments("Person").Single(d => d.Text("InternetAddress") == "zoe@example.fr").Unid);
        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal((0, 1), (SyncHarness.Count(run, "contacts", "toCrm.deleted"), SyncHarness.Count(run, "contacts", "toNotes.deleted")));
        Assert.DoesNotContain("jorg@example.de", NotesEmails());
        Assert.Contains("amelie@example.fr", NotesEmails());
        Assert.Equal(["amelie@example.fr", "zoe@example.fr"], CrmEmails());
    }

    /// <summary>Ten contacts synced both ways: ten links, the least the mass-deletion guard watches.</summary>
    private async Task<List<string>> TenLinkedContactsAsync()
    {
        await _h.SettingsAsync("twoWay", tasks: false);
        var unids = Enumerable.Range(0, 10).Select(i => _h.AddNotesContact($"P{i}", $"Person{i}", $"p{i}@example.com")).ToList();
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());
        Assert.Equal(10, _h.CrmContacts.Count);
        return unids;
    }

    [Fact]
    public async Task Half_of_the_linked_contacts_deleted_in_Notes_is_still_mirrored()
    {
        var unids = await TenLinkedContactsAsync();

        foreach (var unid in unids.Take(5)) _h.Domino.State.DeleteDocument(SyncHarness.MailFile, unid);
        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal(5, SyncHarness.Count(run, "contacts", "toCrm.deleted"));
        Assert.Equal(["p5@example.com", "p6@example.com", "p7@example.com", "p8@example.com", "p9@example.com"], CrmEmails());
    }

    [Fact]
    public async Task One_more_than_half_of_the_linked_contacts_deleted_in_Notes_fails_the_run_and_deletes_nothing()
    {
        var unids = await TenLinkedContactsAsync();

        foreach (var unid in unids.Take(6)) _h.Domino.State.DeleteDocument(SyncHarness.MailFile, unid);
        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("failed", run);
        Assert.Equal("mass-deletion-guard", run.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(10, _h.CrmContacts.Count);
        Assert.Empty(_h.Org.DeletedRecords("Contacts"));
    }

    [Fact]
    public async Task One_more_than_half_of_the_linked_contacts_deleted_in_the_CRM_fails_the_run_and_deletes_nothing()
    {
        await TenLinkedContactsAsync();

        foreach (var i in Enumerable.Range(0, 6)) _h.Org.DeleteRecord("Contacts", CrmIdOf($"p{i}@example.com"));
        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("failed", run);
        Assert.Equal("mass-deletion-guard", run.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(10, _h.NotesDocuments("Person").Count);
    }

    [Fact]
    public async Task Below_ten_linked_contacts_the_guard_stands_aside_and_most_of_them_deleted_are_mirrored()
    {
        await _h.SettingsAsync("twoWay", tasks: false);
        var unids = Enumerable.Range(0, 9).Select(i => _h.AddNotesContact($"P{i}", $"Person{i}", $"p{i}@example.com")).ToList();
        await _h.SyncAsync();

        foreach (var unid in unids.Take(8)) _h.Domino.State.DeleteDocument(SyncHarness.MailFile, unid);
        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal(8, SyncHarness.Count(run, "contacts", "toCrm.deleted"));
        Assert.Equal(["p8@example.com"], CrmEmails());
    }
}
