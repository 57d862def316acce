using System.Text.Json.Nodes;
using NotesSync.Application.Crm;
using NotesSync.Infrastructure.Zoho;
using NotesSync.Domain.Profiles;
using NotesSync.Simulators.Zoho;
using ZohoRecord = NotesSync.Infrastructure.Zoho.ZohoRecord;

namespace NotesSync.Infrastructure.Tests.Zoho;

/// <summary>Writing records in batches, with every record's answer, against the Zoho simulator.</summary>
public sealed class ZohoWriteTests
{
    private static string Unid(int i) => $"{i:X8}C1257F2A0036A1B2C1257F2A0036A1B2"[..32];

    private static ZohoWrite Contact(int i, string? email = null, string? lastName = null) => new(null, new Dictionary<string, string?>
    {
        ["First_Name"] = "Zoë",
        ["Last_Name"] = lastName ?? $"Contact {i}",
        ["Email"] = email ?? $"contact{i}@example.org",
        ["Notes_UNID"] = Unid(i),
    });

    private static ZohoWrite NewTask(int i) => new(null, new Dictionary<string, string?>
    {
        ["Subject"] = $"Task {i}",
        ["Due_Date"] = "2026-05-20",
        ["Notes_UNID"] = Unid(i),
    });

    private static async Task<ZohoCrmHost> PreparedAsync()
    {
        var host = await ZohoCrmHost.StartAsync();
        await host.ConnectAsync();
        var prepared = await host.Crm.PrepareAsync(host.OrgId, default);
        Assert.True(prepared.IsSuccess, prepared.Error?.Message);
        return host;
    }

    [Fact]
    public async Task A_batch_of_100_with_three_invalid_records_answers_97_ids_and_three_failures_with_their_code_and_field()
    {
        await using var host = await PreparedAsync();
        host.Org.CreateRecord("Contacts", new JsonObject { ["Last_Name"] = "Already there", ["Email"] = "taken@example.org" });
        var records = Enumerable.Range(0, 100).Select(i => i switch
        {
            10 => Contact(i, lastName: ""),
            50 => Contact(i, email: "not-an-address"),
            99 => Contact(i, email: "taken@example.org"),
            _ => Contact(i),
        }).ToList();

        var results = (await host.Crm.CreateAsync(host.OrgId, SyncModule.Contacts, records, default)).Value;

        Assert.Equal(Enumerable.Range(0, 100), results.Select(r => r.Index));
        Assert.Equal(97, results.Count(r => r.Succeeded && r.Id is not null && r.ModifiedTime is not null));
        Assert.Equal(("MANDATORY_NOT_FOUND", "Last_Name"), (results[10].ErrorCode, results[10].Field));
        Assert.Equal(("INVALID_DATA", "Email"), (results[50].ErrorCode, results[50].Field));
        Assert.Equal(("DUPLICATE_DATA", "Email"), (results[99].ErrorCode, results[99].Field));
        Assert.All(new[] { 10, 50, 99 }, i => Assert.NotNull(results[i].Message));
        Assert.Equal(Unid(42), host.Org.FindRecord("Contacts", results[42].Id!)!["Notes_UNID"]);
        Assert.Equal(207, Assert.Single(host.Calls("POST", "/crm/v8/Contacts")).Status);
    }

    [Fact]
    public async Task A_single_failed_record_answers_400_and_is_still_read_as_a_result()
    {
        await using var host = await PreparedAsync();

        var results = (await host.Crm.CreateAsync(host.OrgId, SyncModule.Tasks, [new ZohoWrite(null, new Dictionary<string, string?> { ["Due_Date"] = "2026-05-20" })], default)).Value;

        Assert.Equal(("MANDATORY_NOT_FOUND", "Subject"), (Assert.Single(results).ErrorCode, results[0].Field));
        Assert.Equal(400, Assert.Single(host.Calls("POST", "/crm/v8/Tasks")).Status);
    }

    [Fact]
    public async Task Two_hundred_and_fifty_records_go_in_three_batches_and_the_results_keep_their_order()
    {
        await using var host = await PreparedAsync();

        var results = (await host.Crm.CreateAsync(host.OrgId, SyncModule.Tasks, Enumerable.Range(0, 250).Select(NewTask).ToList(), default)).Value;

        Assert.Equal(3, host.Calls("POST", "/crm/v8/Tasks").Count);
        Assert.Equal(Enumerable.Range(0, 250), results.Select(r => r.Index));
        Assert.All(results, r => Assert.Equal($"Task {r.Index}", host.Org.FindRecord("Tasks", r.Id!)!["Subject"]));
        Assert.All(results, r => Assert.Equal(Unid(r.Index), host.Org.FindRecord("Tasks", r.Id!)!["Notes_UNID"]));
    }

    [Fact]
    public async Task An_upsert_by_Notes_UNID_replayed_twice_creates_no_duplicate()
    {
        await using var host = await PreparedAsync();
        var records = Enumerable.Range(0, 120).Select(i => Contact(i)).ToList();

        var first = (await host.Crm.UpsertByNotesUnidAsync(host.OrgId, SyncModule.Contacts, records, default)).Value;
        var second = (await host.Crm.UpsertByNotesUnidAsync(host.OrgId, SyncModule.Contacts, records, default)).Value;
        var third = (await host.Crm.UpsertByNotesUnidAsync(host.OrgId, SyncModule.Contacts, records, default)).Value;

        Assert.Equal(120, host.Org.CountRecords("Contacts"));
        Assert.All(first, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(first.Select(r => r.Id), second.Select(r => r.Id));
        Assert.Equal(first.Select(r => r.Id), third.Select(r => r.Id));
        Assert.All(host.Calls("POST", "/crm/v8/Contacts/upsert"), c => Assert.Equal(200, c.Status));
        Assert.Equal(2 * 3, host.Calls("POST", "/crm/v8/Contacts/upsert").Count);
    }

    [Fact]
    public async Task An_upsert_is_for_contacts_only_and_a_record_without_its_UNID_is_not_sent()
    {
        await using var host = await PreparedAsync();
        var anonymous = new ZohoWrite(null, new Dictionary<string, string?> { ["Last_Name"] = "No UNID" });

        var tasks = await host.Crm.UpsertByNotesUnidAsync(host.OrgId, SyncModule.Tasks, [NewTask(1)], default);
        var events = await host.Crm.UpsertByNotesUnidAsync(host.OrgId, SyncModule.Events, [NewTask(1)], default);
        var contacts = (await host.Crm.UpsertByNotesUnidAsync(host.OrgId, SyncModule.Contacts, [Contact(1), anonymous, Contact(2)], default)).Value;

        Assert.Equal("zoho-upsert-unsupported", tasks.Error?.Code);
        Assert.Equal("zoho-upsert-unsupported", events.Error?.Code);
        Assert.True(contacts[0].Succeeded && contacts[2].Succeeded);
        Assert.Equal(("MANDATORY_NOT_FOUND", "Notes_UNID", 1), (contacts[1].ErrorCode, contacts[1].Field, contacts[1].Index));
        Assert.Equal(2, host.Org.CountRecords("Contacts"));
    }

    [Fact]
    public async Task A_create_whose_answer_is_lost_is_not_replayed_and_is_then_found_by_its_Notes_UNID()
    {
        await using var host = await PreparedAsync();
        host.Simulator.State.Faults.ApplyThenDropNext(1, "/crm/v8/Tasks", "POST");
        var records = Enumerable.Range(0, 5).Select(NewTask).ToList();

        var lost = await host.Crm.CreateAsync(host.OrgId, SyncModule.Tasks, records, default);
        var found = await host.Crm.FindAsync(host.OrgId, SyncModule.Tasks, new ZohoLookup(records.Select(r => r.Fields["Notes_UNID"]!).ToList()), ["Subject"], default);
        // The simulator logs a dropped call after dropping it: the client can see the drop first.
        await Eventually.HoldsAsync(() => host.Calls("POST", "/crm/v8/Tasks").Count > 0, "the dropped POST is in the call log");

        Assert.Equal("zoho-unavailable", lost.Error?.Code);
        Assert.Single(host.Calls("POST", "/crm/v8/Tasks"));
        Assert.Equal(5, host.Org.CountRecords("Tasks"));
        Assert.Equal(host.Org.Records("Tasks").Select(r => r.Id).Order(), found.Value.Select(r => r.Id).Order());
        Assert.Equal(records.Select(r => r.Fields["Notes_UNID"]).Order(), found.Value.Select(r => r.Fields["Notes_UNID"]).Order());
        Assert.All(found.Value, r => Assert.StartsWith("Task ", r.Fields["Subject"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Finding_by_Notes_UNID_asks_fifty_values_a_query_and_quotes_every_value()
    {
        await using var host = await PreparedAsync();
        var created = (await host.Crm.CreateAsync(host.OrgId, SyncModule.Contacts, Enumerable.Range(0, 120).Select(i => Contact(i)).ToList(), default)).Value;
        var awkward = (await host.Crm.CreateAsync(host.OrgId, SyncModule.Contacts,
            [new ZohoWrite(null, new Dictionary<string, string?> { ["Last_Name"] = "O'Brien", ["Notes_UNID"] = @"it's a \ trap') or (id" })], default)).Value;

        var found = await host.Crm.FindAsync(host.OrgId, SyncModule.Contacts, new ZohoLookup([.. Enumerable.Range(0, 120).Select(Unid), "00000000000000000000000000000000"]), ["Last_Name"], default);
        var tricky = await host.Crm.FindAsync(host.OrgId, SyncModule.Contacts, new ZohoLookup([@"it's a \ trap') or (id"]), ["Last_Name"], default);

        Assert.Equal(created.Select(r => r.Id).Order(), found.Value.Select(r => r.Id).Order());
        Assert.Equal(3 + 1, host.Calls("POST", "/crm/v8/coql").Count);
        Assert.Equal(awkward[0].Id, Assert.Single(tricky.Value).Id);
        Assert.Equal("O'Brien", tricky.Value[0].Fields["Last_Name"]);
    }

    [Fact]
    public async Task Updates_and_deletes_answer_record_by_record_in_the_order_given()
    {
        await using var host = await PreparedAsync();
        var created = (await host.Crm.CreateAsync(host.OrgId, SyncModule.Tasks, Enumerable.Range(0, 3).Select(NewTask).ToList(), default)).Value;

        var updated = (await host.Crm.UpdateAsync(host.OrgId, SyncModule.Tasks,
        [
            new ZohoWrite(created[0].Id, new Dictionary<string, string?> { ["Subject"] = "Renamed", ["Status"] = "Completed" }),
            new ZohoWrite("4150869117000999999", new Dictionary<string, string?> { ["Subject"] = "Nobody" }),
            new ZohoWrite(created[2].Id, new Dictionary<string, string?> { ["Description"] = null, ["Priority"] = "High" }),
        ], default)).Value;
        var deleted = (await host.Crm.DeleteAsync(host.OrgId, SyncModule.Tasks, [created[1].Id!, "4150869117000999999", created[2].Id!], default)).Value;

        Assert.Equal([true, false, true], updated.Select(r => r.Succeeded));
        Assert.Equal("INVALID_DATA", updated[1].ErrorCode);
        Assert.Equal("Renamed", host.Org.FindRecord("Tasks", created[0].Id!)!["Subject"]);
        Assert.True(updated[0].ModifiedTime >= created[0].ModifiedTime);
        Assert.Equal([true, false, true], deleted.Select(r => r.Succeeded));
        Assert.Equal([created[1].Id, "4150869117000999999", created[2].Id], deleted.Select(r => r.Id));
        Assert.Equal(207, Assert.Single(host.Calls("DELETE", "/crm/v8/Tasks")).Status);
        var listed = await host.Crm.ReadDeletedAsync(host.OrgId, SyncModule.Tasks, null, default);
        Assert.Equal(new[] { created[1].Id, created[2].Id }.Order(), listed.Value.Select(d => d.Id).Order());
    }

    [Fact]
    public async Task An_event_is_written_with_its_offsets_and_its_email_and_contact_participants()
    {
        await using var host = await PreparedAsync();
        var contact = host.Org.CreateRecord("Contacts", new JsonObject { ["Last_Name"] = "Guest", ["Email"] = "guest@example.org" });
        var meeting = new ZohoWrite(null, new Dictionary<string, string?>
        {
            ["Event_Title"] = "Quarterly review",
            ["Start_DateTime"] = "2026-05-02T09:00:00.250+02:00",
            ["End_DateTime"] = "2026-05-02T10:00:00+02:00",
            ["All_day"] = "false",
            ["Notes_UNID"] = Unid(7),
        }, [new CrmParticipant("email", null, "outsider@example.com", null), new CrmParticipant("contact", contact.Id, null, null)]);

        var created = Assert.Single((await host.Crm.CreateAsync(host.OrgId, SyncModule.Events, [meeting], default)).Value);
        var read = Assert.Single((await host.Crm.FindAsync(host.OrgId, SyncModule.Events, new ZohoLookup([Unid(7)]),
            ["Event_Title", "Start_DateTime", "End_DateTime", "All_day", "Participants"], default)).Value);

        Assert.True(created.Succeeded, created.Message);
        Assert.Equal(created.Id, read.Id);
        Assert.Equal(new DateTimeOffset(2026, 5, 2, 7, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse(read.Fields["Start_DateTime"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("false", read.Fields["All_day"]);
        Assert.Equivalent(new[]
        {
            new CrmParticipant("email", null, "outsider@example.com", null),
            new CrmParticipant("contact", contact.Id, "guest@example.org", "Guest"),
        }, read.Participants);
        var stored = host.Org.FindRecord("Events", created.Id!)!;
        Assert.False(stored.Fields["All_day"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Values_are_typed_by_the_fields_metadata_and_lookups_are_written_by_id()
    {
        await using var host = await PreparedAsync();
        var contact = host.Org.CreateRecord("Contacts", new JsonObject { ["Last_Name"] = "Linked" });
        var task = new ZohoWrite(null, new Dictionary<string, string?>
        {
            ["Subject"] = "Call back",
            ["Who_Id"] = contact.Id,
            ["Owner"] = host.Org.Admin.Id,
            ["Remind_At"] = """{"ALARM":"FREQ=NONE;ACTION=POPUP;TRIGGER=DATE-TIME:2026-05-02T09:00:00+02:00"}""",
        });

        var created = Assert.Single((await host.Crm.CreateAsync(host.OrgId, SyncModule.Tasks, [task], default)).Value);
        var pages = new List<ZohoRecord>();
        await host.Crm.ReadChangedAsync(host.OrgId, SyncModule.Tasks, ["Subject", "Who_Id", "Remind_At"], null, (page, _) =>
        {
            pages.AddRange(page);
            return Task.CompletedTask;
        }, default);

        Assert.True(created.Succeeded, created.Message);
        var read = Assert.Single(pages);
        Assert.Equal("Linked", read.Fields["Who_Id"]);
        Assert.Equal(contact.Id, read.Fields["Who_Id.id"]);
        Assert.Contains("TRIGGER=DATE-TIME:2026-05-02T09:00:00+02:00", read.Fields["Remind_At"], StringComparison.Ordinal);
    }
}
