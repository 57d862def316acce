using System.Text.Json.Nodes;
using NotesSync.Simulators.Domino.State;
using ZohoUser = NotesSync.Simulators.Zoho.ZohoUser;

namespace NotesSync.Web.Tests;

/// <summary>
/// Two licensed users of one organisation — Jane, the admin whose grant connected Zoho, and Marc — each with a mail
/// file; Inès is a third CRM user without a seat. Each user syncs the CRM records they own.
/// </summary>
public class OwnedRecordsTests : IAsyncLifetime
{
    private SyncHarness _h = null!;
    private ZohoUser _marc = null!;
    private HttpClient _marcClient = null!;
    private string _marcMailFile = "";
    private ZohoUser _ines = null!;

    public async Task InitializeAsync()
    {
        _h = await SyncHarness.StartAsync();
        (_marc, _marcClient, _marcMailFile) = await _h.AddLicensedUserAsync("Marc", "Petit");
        _ines = _h.Org.AddUser("Inès", "Roy", "ines@acme.example");
        await _h.SettingsAsync("twoWay");
        await _h.SettingsAsync("twoWay", user: _marcClient);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Each_mail_file_receives_its_owners_records_and_what_each_user_adds_in_Notes_is_theirs_in_the_CRM()
    {
        AddCrmContact("Anna", "anna@client.example", owner: null);
        AddCrmContact("Bruno", "bruno@client.example", owner: _marc);
        AddCrmContact("Carla", "carla@client.example", owner: _ines);
        AddCrmTask("Call Anna", owner: null);
        AddCrmTask("Call Bruno", owner: _marc);
        AddCrmTask("Call Carla", owner: _ines);
        _h.AddNotesContact("Nina", "Noir", "nina@client.example");
        _h.Domino.State.AddContact(_marcMailFile, new ContactSpec { FirstName = "Oscar", LastName = "Ours", Email = "oscar@client.example" });

        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());
        var afterJane = _h.Org.Records("Contacts").Concat(_h.Org.Records("Tasks")).ToDictionary(r => r.Id, r => r.ModifiedTime);
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync(_marcClient));

        Assert.Equal(["anna@client.example", "nina@client.example"], Emails(SyncHarness.MailFile));
        Assert.Equal(["bruno@client.example", "oscar@client.example"], Emails(_marcMailFile));
        Assert.Equal(["Call Anna"], Subjects(SyncHarness.MailFile));
        Assert.Equal(["Call Bruno"], Subjects(_marcMailFile));
        Assert.Equal(_h.Org.Admin.Id, ContactByEmail("nina@client.example").OwnerId);
        Assert.Equal(_marc.Id, ContactByEmail("oscar@client.example").OwnerId);
        Assert.Equal(5, _h.Org.Records("Contacts").Count);
        // Marc's sync wrote only Marc's records: everything Jane's sync left is as she left it, Inès's included.
        foreach (var record in _h.Org.Records("Contacts").Concat(_h.Org.Records("Tasks")).Where(r => r.OwnerId != _marc.Id))
            Assert.Equal(afterJane[record.Id], record.ModifiedTime);
    }

    [Fact]
    public async Task A_Notes_contact_whose_e_mail_a_colleagues_CRM_contact_has_creates_nothing_and_is_reported_with_the_e_mail_only()
    {
        var colleagues = AddCrmContact("Léa", "lea@client.example", owner: _marc);
        var unid = _h.AddNotesContact("Léa", "Roux", "lea@client.example");

        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        var only = Assert.Single(_h.Org.Records("Contacts"));
        Assert.Equal((colleagues.Id, colleagues.ModifiedTime, _marc.Id), (only.Id, only.ModifiedTime, only.OwnerId));
        Assert.Equal(1, SyncHarness.Count(run, "contacts", "skippedOwnedByColleague"));
        var skipped = Assert.Single(run.GetProperty("skipped").EnumerateArray());
        Assert.Equal(
            """{"module":"contacts","notesId":"UNID","code":"owned-by-colleague","email":"lea@client.example"}""".Replace("UNID", unid, StringComparison.Ordinal),
            skipped.GetRawText());
        Assert.DoesNotContain(colleagues.Id, run.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Marc", run.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contact_handed_to_a_colleague_stays_in_Notes_unlinked_and_reaches_the_colleagues_mail_file()
    {
        var record = AddCrmContact("Hugo", "hugo@client.example", owner: null);
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());
        var unid = Assert.Single(_h.NotesDocuments("Person")).Unid;

        _h.Org.UpdateRecord("Contacts", record.Id, new JsonObject { ["Owner"] = new JsonObject { ["id"] = _marc.Id } });
        var handedOver = await _h.SyncAsync();
        var marcsRun = await _h.SyncAsync(_marcClient);

        SyncHarness.AssertStatus("succeeded", handedOver);
        Assert.Equal(1, SyncHarness.Count(handedOver, "contacts", "skippedOwnedByColleague"));
        Assert.Equal(unid, Assert.Single(_h.NotesDocuments("Person")).Unid);
        Assert.Equal(["hugo@client.example"], Emails(_marcMailFile));
        Assert.Equal(1, SyncHarness.Count(marcsRun, "contacts", "toNotes.created"));

        // Unlinked: Marc's edit in the CRM reaches his mail file, not Jane's.
        _h.Org.UpdateRecord("Contacts", record.Id, new JsonObject { ["Phone"] = "+33 6 12 34 56 78" }, by: _marc);
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync(_marcClient));
        Assert.Equal("", Assert.Single(_h.NotesDocuments("Person")).Text("OfficePhoneNumber"));
        Assert.Equal("+33 6 12 34 56 78", Assert.Single(_h.Domino.State.GetDocuments(_marcMailFile, "Person")).Text("OfficePhoneNumber"));
        Assert.Single(_h.Org.Records("Contacts"));
    }

    private NotesSync.Simulators.Zoho.CrmRecord AddCrmContact(string first, string email, ZohoUser? owner) =>
        _h.Org.CreateRecord("Contacts", new JsonObject { ["First_Name"] = first, ["Last_Name"] = "Client", ["Email"] = email }, by: owner);

    private void AddCrmTask(string subject, ZohoUser? owner) =>
        _h.Org.CreateRecord("Tasks", new JsonObject { ["Subject"] = subject, ["Due_Date"] = "2026-12-20" }, by: owner);

    private NotesSync.Simulators.Zoho.CrmRecord ContactByEmail(string email) =>
        Assert.Single(_h.Org.Records("Contacts"), r => r["Email"] == email);

    private List<string> Emails(string mailFile) =>
        [.. _h.Domino.State.GetDocuments(mailFile, "Person")
            .Select(d => d.Text("InternetAddress") is { Length: > 0 } address ? address : d.Text("MailAddress")).Order(StringComparer.Ordinal)];

    private List<string> Subjects(string mailFile) =>
        [.. _h.Domino.State.GetDocuments(mailFile, "Task").Select(d => d.Text("Subject")).Order(StringComparer.Ordinal)];
}
