using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NotesSync.ReferenceCheck;
using NotesSync.Simulators.Domino.State;
using SimItem = NotesSync.Simulators.Domino.Notes.NotesItem;

namespace NotesSync.Web.Tests;

/// <summary>
/// What NotesSync sends, checked against IBM's and Zoho's own definitions (../shared/reference) rather than only
/// against our simulators, which were written from the same digests as the adapters. Every <see cref="SyncHarness"/>
/// checks its journals when disposed; these tests show that the check sees the sync's traffic and can fail.
/// </summary>
public class VendorReferenceTests
{
    private static readonly string[] DasOperationsOfASync =
    [
        "GET /{folder}/{database}/api/data/documents/unid/{docUnid}",
        "GET /{folder}/{database}/api/data/collections/name/{viewName}",
        "GET /{folder}/{database}/api/data/documents",
        "POST /{folder}/{database}/api/data/documents",
        "PATCH /{folder}/{database}/api/data/documents/unid/{docUnid}",
        "DELETE /{folder}/{database}/api/data/documents/unid/{docUnid}",
    ];

    private static readonly string[] ZohoOperationsOfASync =
    [
        "GET /crm/v8/{module_api_name}",
        "POST /crm/v8/{module_api_name}",
        "PUT /crm/v8/{module_api_name}",
        "DELETE /crm/v8/{module_api_name}",
        "GET /crm/v8/settings/fields",
    ];

    [Fact]
    public async Task A_two_way_sync_with_changes_and_deletions_on_both_sides_sends_only_what_the_vendors_define()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.SettingsAsync("twoWay");
        var edited = h.Domino.State.AddContact(SyncHarness.MailFile, new ContactSpec { FirstName = "Jörg", LastName = "Müller", Email = "jorg@example.de" });
        var deleted = h.Domino.State.AddContact(SyncHarness.MailFile, new ContactSpec { FirstName = "Ana", LastName = "Núñez", Email = "ana@example.es" });
        h.Domino.State.AddTodo(SyncHarness.MailFile, new TodoSpec { Subject = "Angebot schicken", Importance = "1" });
        h.AddCrmContact("Zoë", "Dupont", "zoe@example.fr", "+33 1 23 45 67 89", "Private");
        h.AddCrmContact("Paul", "Martin", "paul@example.fr");
        h.AddCrmContact("Lena", "Schmidt", "lena@example.de");
        h.Org.CreateRecord("Tasks", new JsonObject { ["Subject"] = "Rappeler Müller", ["Due_Date"] = "2026-12-01", ["Priority"] = "High" });
        SyncHarness.AssertStatus("succeeded", await h.SyncAsync());

        h.Domino.State.UpdateItems(SyncHarness.MailFile, edited, SimItem.Text("JobTitle", "Geschäftsführer"));
        h.Domino.State.DeleteDocument(SyncHarness.MailFile, deleted);
        h.Org.UpdateRecord("Contacts", h.CrmContacts.Single(r => r["Email"] == "paul@example.fr").Id, new JsonObject { ["First_Name"] = "Paulo", ["Title"] = "CTO" });
        h.Org.DeleteRecord("Contacts", h.CrmContacts.Single(r => r["Email"] == "lena@example.de").Id);
        SyncHarness.AssertStatus("succeeded", await h.SyncAsync());

        var das = VendorReference.Domino.Check(h.Domino.Journal);
        var zoho = VendorReference.Zoho.Check(h.Zoho.Journal);
        Assert.True(das.Conforms, das.ToString());
        Assert.True(zoho.Conforms, zoho.ToString());
        // Not vacuous: the journals hold the sync's reads, creates, updates and deletions, each matched to the vendor's operation.
        Assert.All(DasOperationsOfASync, o => Assert.True(das.OperationsUsed.Contains(o), $"{o} not among {string.Join(", ", das.OperationsUsed)}"));
        Assert.All(ZohoOperationsOfASync, o => Assert.True(zoho.OperationsUsed.Contains(o), $"{o} not among {string.Join(", ", zoho.OperationsUsed)}"));
        // The update of a contact is computed with its form: the template derives FullName from the new first name.
        var patch = Assert.Single(h.Domino.Journal.Requests, r => r.Method == "PATCH");
        Assert.Equal("?form=Person&computewithform=true", patch.Query);
        Assert.Equal("Paulo Martin", h.Domino.State.GetDocuments(SyncHarness.MailFile, "Person").Single(d => d.Text("JobTitle") == "CTO").Text("FullName"));
    }

    [Fact]
    public async Task A_request_the_vendor_does_not_define_fails_the_harness_naming_the_request_and_the_rule()
    {
        var h = await SyncHarness.StartAsync();
        using var client = new HttpClient { BaseAddress = h.Domino.BaseUri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"Jane Doe:{SyncHarness.NotesPassword}")));
        (await client.GetAsync(new Uri("api/data?compact=true", UriKind.Relative))).EnsureSuccessStatusCode();

        var failure = await Assert.ThrowsAsync<ReferenceViolationException>(() => h.DisposeAsync().AsTask());

        Assert.Contains("GET /api/data?compact=true — query-parameter: 'compact' is not defined", failure.Message, StringComparison.Ordinal);
    }
}
