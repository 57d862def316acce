using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Simulators.Domino.Knobs;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Web.Tests;

/// <summary>
/// The sync end to end: widget → API → Hangfire job → engine → DAS and Zoho simulators over HTTP → SQLite.
/// Each test asserts what a user would see on both sides, and on the dashboard.
/// </summary>
public class SyncTests : IAsyncLifetime
{
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private string AddNotesContact(string first, string last, string email, string phone = "", bool isPrivate = false) =>
        _h.Domino.State.AddContact(SyncHarness.MailFile, new ContactSpec
        {
            FirstName = first, LastName = last, Email = email, OfficePhone = phone, Private = isPrivate,
        });

    private IReadOnlyList<(string Unid, string? Last, string? Email, string? Phone)> NotesContacts() =>
        [.. _h.Domino.State.GetDocuments(SyncHarness.MailFile, "Person")
            .Select(d => (d.Unid, d.Text("LastName"), d.Text("InternetAddress"), d.Text("OfficePhoneNumber")))];

    /// <summary>
    /// Modified_Time has whole seconds, and the engine takes a CRM change stamped with the second of its own last write
    /// for that write: a CRM edit made now must fall in a later second, as a person's would.
    /// </summary>
    private Task CrmClockPastOurWritesAsync()
    {
        var lastWrite = _h.CrmContacts.Max(c => c.ModifiedTime).ToUnixTimeSeconds();
        return Eventually.HoldsAsync(() => _h.Zoho.State.Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds() > lastWrite,
            "Zoho's clock is in a later second than our last write to the CRM");
    }

    private int WriteCalls() =>
        _h.Domino.Calls.Calls.Count(c => c.Method is "POST" or "PUT" or "PATCH" or "DELETE")
        + _h.Zoho.State.Calls.All.Count(c => c.Method is "POST" or "PUT" or "DELETE" && !c.Path.EndsWith("/coql", StringComparison.Ordinal));

    [Fact]
    public async Task A_first_two_way_sync_copies_each_side_to_the_other_matches_the_same_person_and_keeps_private_items_home()
    {
        await _h.SettingsAsync("twoWay");
        AddNotesContact("Jörg", "Müller", "jorg.muller@example.de", "+49 30 1234");
        AddNotesContact("Zoë", "Dupont", "zoe.dupont@example.fr");
        AddNotesContact("Secret", "Agent", "agent@example.com", isPrivate: true);
        _h.AddCrmContact("Amélie", "Poulain", "amelie@example.fr");
        _h.AddCrmContact("Zoë", "Dupont", "ZOE.DUPONT@example.fr", "+33 1 23");
        _h.AddCrmContact("Hidden", "Deal", "deal@example.com", null, "Private");

        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        var crmEmails = _h.CrmContacts.Select(r => r["Email"]?.ToLowerInvariant()).ToList();
        Assert.Contains("jorg.muller@example.de", crmEmails);
        Assert.DoesNotContain("agent@example.com", crmEmails);
        Assert.Single(crmEmails, e => e == "zoe.dupont@example.fr");
        var notes = NotesContacts();
        Assert.Contains(notes, n => n.Email == "amelie@example.fr" && n.Last == "Poulain");
        Assert.DoesNotContain(notes, n => n.Email == "deal@example.com");
        Assert.Single(notes, n => n.Last == "Dupont");
        Assert.Equal(1, SyncHarness.Count(run, "contacts", "toCrm.created"));
        Assert.Equal(1, SyncHarness.Count(run, "contacts", "toNotes.created"));
        Assert.True(SyncHarness.Count(run, "contacts", "skippedPrivate") >= 2);
        // The matched pair: each side's missing phone filled from the other, no copy made.
        Assert.Equal("+33 1 23", notes.Single(n => n.Last == "Dupont").Phone);
    }

    [Fact]
    public async Task A_re_sync_with_nothing_changed_writes_nothing_on_either_side()
    {
        await _h.SettingsAsync("twoWay");
        AddNotesContact("Jörg", "Müller", "jorg.muller@example.de");
        _h.AddCrmContact("Amélie", "Poulain", "amelie@example.fr");
        await _h.SyncAsync();
        await _h.SyncAsync(); // settles the cross-reference stamps of the first run
        _h.Domino.Calls.Clear();
        _h.Zoho.State.Calls.Clear();

        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal(0, WriteCalls());
        Assert.Equal(2, _h.CrmContacts.Count);
        Assert.Equal(2, NotesContacts().Count);
    }

    [Fact]
    public async Task The_run_after_a_first_sync_reads_back_no_document_the_first_one_read_or_wrote()
    {
        await _h.SettingsAsync("twoWay", tasks: false);
        _h.Domino.State.AddContact(SyncHarness.MailFile, new ContactSpec
        {
            FirstName = "Jörg", LastName = "Müller", Email = "jorg.muller@example.de", Modified = DateTimeOffset.UtcNow.AddMinutes(-1),
        });
        _h.AddCrmContact("Amélie", "Poulain", "amelie@example.fr");
        await _h.SyncAsync();
        Assert.Equal(2, NotesContacts().Count);
        _h.Domino.Calls.Clear();
        _h.Zoho.State.Calls.Clear();

        var run = await _h.SyncAsync();

        // Jörg's document was read at a version Domino's clock had left behind, Amélie's written by the first run:
        // both are known by their modification times, and neither is fetched again.
        SyncHarness.AssertStatus("succeeded", run);
        Assert.DoesNotContain(_h.Domino.Calls.Calls, c => c.Path.Contains("/documents/unid/", StringComparison.Ordinal));
        Assert.Equal(0, WriteCalls());
    }

    [Fact]
    public async Task A_change_in_Notes_arrives_in_the_CRM_and_one_in_the_CRM_arrives_in_Notes()
    {
        await _h.SettingsAsync("twoWay");
        var unid = AddNotesContact("Jörg", "Müller", "jorg.muller@example.de", "+49 30 1234");
        await _h.SyncAsync();
        var crmId = _h.CrmContacts.Single().Id;

        _h.Domino.State.UpdateItems(SyncHarness.MailFile, unid, NotesSync.Simulators.Domino.Notes.NotesItem.Text("OfficePhoneNumber", "+49 30 9999"));
        await _h.SyncAsync();
        Assert.Equal("+49 30 9999", _h.CrmContacts.Single()["Phone"]);

        await CrmClockPastOurWritesAsync();
        _h.Org.UpdateRecord("Contacts", crmId, new JsonObject { ["Title"] = "Geschäftsführer" });
        await _h.SyncAsync();
        Assert.Equal("Geschäftsführer", _h.Domino.State.GetDocument(SyncHarness.MailFile, unid)!.Text("JobTitle"));
    }

    [Fact]
    public async Task Different_fields_changed_on_both_sides_are_merged_and_the_same_field_goes_to_the_winner_with_the_loser_logged()
    {
        await _h.SettingsAsync("twoWay", winner: "crm");
        var unid = AddNotesContact("Jörg", "Müller", "jorg.muller@example.de", "+49 30 1234");
        await _h.SyncAsync();
        var crmId = _h.CrmContacts.Single().Id;

        _h.Domino.State.UpdateItems(SyncHarness.MailFile, unid,
            NotesSync.Simulators.Domino.Notes.NotesItem.Text("JobTitle", "CTO"),
            NotesSync.Simulators.Domino.Notes.NotesItem.Text("OfficePhoneNumber", "+49 30 1111"));
        await CrmClockPastOurWritesAsync();
        _h.Org.UpdateRecord("Contacts", crmId, new JsonObject { ["Department"] = "Tech", ["Phone"] = "+49 30 2222" });
        var run = await _h.SyncAsync();

        var crm = _h.CrmContacts.Single();
        var notes = _h.Domino.State.GetDocument(SyncHarness.MailFile, unid)!;
        Assert.Equal(("CTO", "Tech", "+49 30 2222"), (crm["Title"], crm["Department"], crm["Phone"]));
        Assert.Equal(("CTO", "Tech", "+49 30 2222"), (notes.Text("JobTitle"), notes.Text("Department"), notes.Text("OfficePhoneNumber")));
        var conflict = Assert.Single(run.GetProperty("conflicts").EnumerateArray());
        Assert.Equal("crm", conflict.GetProperty("winner").GetString());
        var field = Assert.Single(conflict.GetProperty("fields").EnumerateArray());
        Assert.Equal(("phone", "+49 30 1111", "+49 30 2222"),
            (field.GetProperty("name").GetString(), field.GetProperty("notesValue").GetString(), field.GetProperty("crmValue").GetString()));
    }

    [Fact]
    public async Task A_contact_deleted_in_the_CRM_is_deleted_in_Notes_and_one_turned_private_is_left_alone()
    {
        await _h.SettingsAsync("twoWay");
        var keep = AddNotesContact("Zoë", "Dupont", "zoe@example.fr");
        AddNotesContact("Jörg", "Müller", "jorg@example.de");
        await _h.SyncAsync();

        _h.Org.DeleteRecord("Contacts", _h.CrmContacts.Single(r => r["Email"] == "jorg@example.de").Id);
        _h.Domino.State.UpdateItems(SyncHarness.MailFile, keep,
            NotesSync.Simulators.Domino.Notes.NotesItem.Text("Confidential", "1"),
            NotesSync.Simulators.Domino.Notes.NotesItem.Text("LastName", "Dupont-Secret"));
        var run = await _h.SyncAsync();

        Assert.Equal(1, SyncHarness.Count(run, "contacts", "toNotes.deleted"));
        Assert.DoesNotContain(NotesContacts(), n => n.Email == "jorg@example.de");
        var crm = Assert.Single(_h.CrmContacts);
        Assert.Equal("Dupont", crm["Last_Name"]);
    }

    [Fact]
    public async Task A_side_that_suddenly_reports_most_records_gone_is_not_mirrored()
    {
        await _h.SettingsAsync("twoWay");
        var unids = Enumerable.Range(0, 12).Select(i => AddNotesContact($"P{i}", $"Person{i}", $"p{i}@example.com")).ToList();
        await _h.SyncAsync();

        foreach (var unid in unids.Take(9)) _h.Domino.State.DeleteDocument(SyncHarness.MailFile, unid);
        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("failed", run);
        Assert.Equal("mass-deletion-guard", run.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(12, _h.CrmContacts.Count);
    }

    [Fact]
    public async Task A_write_whose_answer_is_lost_is_adopted_on_the_next_run_without_a_duplicate()
    {
        await _h.SettingsAsync("twoWay");
        foreach (var i in Enumerable.Range(0, 5)) AddNotesContact($"P{i}", $"Person{i}", $"p{i}@example.com");
        _h.AddCrmContact("Amélie", "Poulain", "amelie@example.fr");
        _h.Zoho.State.Faults.ApplyThenDropNext(1, "/crm/v8/Contacts/upsert");
        _h.Domino.Faults.Add(NotesSync.Simulators.Domino.Knobs.FaultRule.ApplyThenDrop("/mail/jdoe.nsf/api/data/documents", 1, "POST"));

        // The Zoho batch is applied but its answer lost: that run fails. The next one copies into Notes, where the
        // create is applied but its answer lost: a failed record. The one after adopts it. Nothing is duplicated.
        var first = await _h.SyncAsync();
        var second = await _h.SyncAsync();
        var third = await _h.SyncAsync();

        SyncHarness.AssertStatus("failed", first);
        Assert.Equal("zoho-unavailable", first.GetProperty("error").GetProperty("code").GetString());
        SyncHarness.AssertStatus("partiallySucceeded", second);
        SyncHarness.AssertStatus("succeeded", third);
        Assert.Equal(6, _h.CrmContacts.Count);
        Assert.Equal(6, NotesContacts().Count);
        Assert.All(_h.CrmContacts.GroupBy(r => r["Email"]), g => Assert.Single(g));
    }

    [Fact]
    public async Task A_second_start_while_a_run_is_going_is_refused()
    {
        await _h.SettingsAsync("twoWay");
        foreach (var i in Enumerable.Range(0, 5)) AddNotesContact($"P{i}", $"Person{i}", $"p{i}@example.com");
        // The first run is held on its first Domino call, so it is certainly still going when the second start comes.
        var domino = new RequestHold();
        _h.Domino.Faults.Add(FaultRule.Held("*", domino, times: int.MaxValue));

        var first = await _h.Admin.PostAsync("/api/sync/runs", null);
        await domino.WaitForArrivalsAsync(1, TimeSpan.FromSeconds(30));
        var second = await _h.Admin.PostAsync("/api/sync/runs", null);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await ProblemAssert.IsProblem(second, HttpStatusCode.Conflict, "sync-running");
        var runId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid();
        domino.Release();
        _h.Domino.Faults.Clear();
        SyncHarness.AssertStatus("succeeded", await _h.WaitForAsync(runId));
    }

    [Fact]
    public async Task Another_organisation_cannot_read_a_run()
    {
        await _h.SettingsAsync("twoWay");
        var run = await _h.SyncAsync();
        var otherSecret = await _h.App.InstallAsync("other-org");
        var other = _h.App.ClientFor(otherSecret, "other-org", "other-org-admin");

        var response = await other.GetAsync($"/api/sync/runs/{run.GetProperty("runId").GetGuid()}");

        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "run-not-found");
        Assert.Empty(await other.GetFromJsonAsync<JsonElement[]>("/api/sync/runs") ?? []);
    }

    [Fact]
    public async Task A_one_way_CRM_to_Notes_sync_copies_tasks_into_Notes_and_writes_nothing_to_the_CRM()
    {
        await _h.SettingsAsync("crmToNotes", contacts: false, tasks: true);
        _h.Org.CreateRecord("Tasks", new JsonObject { ["Subject"] = "Rappeler Müller", ["Due_Date"] = "2026-12-01", ["Priority"] = "High" });
        _h.Domino.State.AddTodo(SyncHarness.MailFile, new TodoSpec { Subject = "Notes only task" });

        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        var todo = Assert.Single(_h.Domino.State.GetDocuments(SyncHarness.MailFile, "Task"), d => d.Text("Subject") == "Rappeler Müller");
        Assert.Equal("1", todo.Text("Importance"));
        Assert.Single(_h.Org.Records("Tasks"));
        Assert.Equal(1, SyncHarness.Count(run, "tasks", "toNotes.created"));
    }

    [Fact]
    public async Task Settings_are_validated_field_by_field()
    {
        var response = await _h.Admin.PutAsJsonAsync("/api/sync/settings", new
        {
            contacts = false, tasks = false, events = false, eventRange = "all", direction = "twoWay", conflictWinner = "crm", autoSyncMinutes = 5,
        });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("autoSyncMinutes", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("contacts", out _));
    }

    [Fact]
    public async Task A_run_whose_process_died_does_not_block_its_user()
    {
        await _h.SettingsAsync("twoWay");
        AddNotesContact("Jörg", "Müller", "jorg@example.de");
        Guid dead;
        await using (var scope = _h.App.Services.CreateAsyncScope())
        {
            // What a killed host leaves behind: a run still "running" whose heartbeat stopped ten minutes ago.
            var db = scope.ServiceProvider.GetRequiredService<NotesSync.Infrastructure.Persistence.NotesSyncDbContext>();
            var run = NotesSync.Domain.Runs.SyncRun.Queue(_h.Org.Id, _h.Org.Admin.Id, NotesSync.Domain.Runs.RunTrigger.Manual, DateTimeOffset.UtcNow.AddMinutes(-11));
            run.Start(DateTimeOffset.UtcNow.AddMinutes(-10));
            db.SyncRuns.Add(run);
            await db.SaveChangesAsync();
            dead = run.Id;
        }

        var next = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", next);
        var interrupted = await _h.Admin.GetFromJsonAsync<JsonElement>($"/api/sync/runs/{dead}");
        Assert.Equal("failed", interrupted.GetProperty("status").GetString());
        Assert.Equal("interrupted", interrupted.GetProperty("error").GetProperty("code").GetString());
        Assert.Single(_h.CrmContacts);
    }

    [Fact]
    public async Task A_Notes_save_that_lands_an_instant_before_our_write_is_merged_not_overwritten()
    {
        await _h.SettingsAsync("twoWay", winner: "crm");
        var unid = AddNotesContact("Jörg", "Müller", "jorg@example.de", "+49 30 1234");
        await _h.SyncAsync();
        await CrmClockPastOurWritesAsync();
        _h.Org.UpdateRecord("Contacts", _h.CrmContacts.Single().Id, new JsonObject { ["Title"] = "CTO" });
        // Our PATCH of the title is held on the wire until the user has saved the document in Notes.
        var patch = new RequestHold();
        _h.Domino.Faults.Add(FaultRule.Held("/mail/jdoe.nsf/api/data/documents/unid/*", patch, 1, "PATCH"));

        var started = await _h.Admin.PostAsync("/api/sync/runs", null);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid();
        await patch.WaitForArrivalsAsync(1, TimeSpan.FromSeconds(30));
        // Last-Modified has one-second precision (das.md "Checked" 11): the user's save must fall in a later second
        // than our read, which came before the PATCH arrived, for Domino to tell them apart, as it would for a person typing.
        var patchArrived = WholeSecond(_h.Domino.State.Clock.GetUtcNow());
        await Eventually.HoldsAsync(() => WholeSecond(_h.Domino.State.Clock.GetUtcNow()) > patchArrived,
            "Domino's clock is in a later second than when our PATCH arrived");
        _h.Domino.State.UpdateItems(SyncHarness.MailFile, unid, NotesSync.Simulators.Domino.Notes.NotesItem.Text("Department", "Vertrieb"));
        patch.Release();
        var run = await _h.WaitForAsync(runId);

        SyncHarness.AssertStatus("succeeded", run);
        var notes = _h.Domino.State.GetDocument(SyncHarness.MailFile, unid)!;
        Assert.Equal(("CTO", "Vertrieb"), (notes.Text("JobTitle"), notes.Text("Department")));
        Assert.Equal("Vertrieb", _h.CrmContacts.Single()["Department"]);
        Assert.Contains(_h.Domino.Calls.Calls, c => c.Status == 412);
    }

    [Fact]
    public async Task Automatic_sync_is_a_recurring_job_that_follows_the_settings_and_starts_scheduled_runs()
    {
        var storage = _h.App.Services.GetRequiredService<Hangfire.JobStorage>();
        var jobId = $"auto-sync:{_h.Org.Id}:{_h.Org.Admin.Id}";
        await _h.Admin.PutAsJsonAsync("/api/sync/settings", new
        {
            contacts = true, tasks = false, events = false, eventRange = "all", direction = "twoWay", conflictWinner = "crm", autoSyncMinutes = 30,
        });

        using (var connection = storage.GetConnection())
            Assert.Equal("*/30 * * * *", Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).Single(j => j.Id == jobId).Cron);

        _h.App.Services.GetRequiredService<Hangfire.IRecurringJobManager>().Trigger(jobId);
        JsonElement[] runs = [];
        await Eventually.HoldsAsync(async () =>
        {
            runs = await _h.Admin.GetFromJsonAsync<JsonElement[]>("/api/sync/runs") ?? [];
            return runs.Length > 0 && runs[0].GetProperty("status").GetString() is not ("queued" or "running");
        }, "the triggered recurring job's run has ended");
        Assert.Equal("scheduled", runs[0].GetProperty("trigger").GetString());
        SyncHarness.AssertStatus("succeeded", runs[0]);

        await _h.SettingsAsync("twoWay");
        using (var connection = storage.GetConnection())
            Assert.DoesNotContain(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == jobId);
    }

    [Fact]
    public async Task Throttling_and_an_expired_access_token_mid_run_are_absorbed()
    {
        await _h.SettingsAsync("twoWay");
        foreach (var i in Enumerable.Range(0, 30)) AddNotesContact($"P{i}", $"Person{i}", $"p{i}@example.com");
        _h.Org.ConcurrencyLimit = 1;
        _h.Zoho.State.ExpireAccessTokens(_h.Org);

        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal(30, _h.CrmContacts.Count);
    }

    [Fact]
    public async Task A_password_changed_in_Notes_fails_the_run_with_a_clear_code_and_writes_nothing()
    {
        await _h.SettingsAsync("twoWay");
        _h.AddCrmContact("Amélie", "Poulain", "amelie@example.fr");
        _h.Domino.State.ChangePassword("Jane Doe", "changed-in-Notes-1");

        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("failed", run);
        Assert.Equal("invalid-credentials", run.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(NotesContacts());
        Assert.Single(_h.CrmContacts);
    }

    [Fact]
    public async Task Exhausted_Zoho_credits_end_the_run_with_their_own_code()
    {
        await _h.SettingsAsync("twoWay");
        AddNotesContact("Jörg", "Müller", "jorg@example.de");
        _h.Org.DailyCreditLimit = _h.Org.CreditsUsed;

        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("failed", run);
        Assert.Equal("zoho-credits-exhausted", run.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(_h.CrmContacts);
    }

    [Fact]
    public async Task A_first_one_way_Notes_to_CRM_sync_copies_Notes_and_leaves_CRM_only_records_alone_and_marks_the_user_synced()
    {
        await _h.SettingsAsync("notesToCrm", contacts: true, tasks: true);
        AddNotesContact("Jörg", "Müller", "jorg@example.de");
        _h.Domino.State.AddTodo(SyncHarness.MailFile, new TodoSpec { Subject = "Angebot schicken", Importance = "3" });
        _h.AddCrmContact("Amélie", "Poulain", "amelie@example.fr");

        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal(2, _h.CrmContacts.Count);
        Assert.Equal("Low", Assert.Single(_h.Org.Records("Tasks"))["Priority"]);
        Assert.DoesNotContain(NotesContacts(), n => n.Email == "amelie@example.fr");
        var users = await _h.Admin.GetFromJsonAsync<UsersBody>("/api/users");
        Assert.True(users!.Users.Single(u => u.UserId == _h.Org.Admin.Id).HasSynced);
    }

    private void AddNotesContactAt(string first, string last, string email, string company) =>
        _h.Domino.State.AddContact(SyncHarness.MailFile, new ContactSpec { FirstName = first, LastName = last, Email = email, CompanyName = company });

    private string? CrmAccountOf(string email) =>
        _h.CrmContacts.Single(c => c["Email"] == email).Fields["Account_Name"]?["id"]?.GetValue<string>();

    private int ZohoCalls(string method, string path) => _h.Zoho.State.Calls.All.Count(c => c.Method == method && c.Path == path);

    [Fact]
    public async Task A_contacts_company_becomes_its_CRM_account_created_once_and_comes_back_by_name()
    {
        await _h.SettingsAsync("twoWay");
        var initech = _h.Org.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Initech" }).Id;
        AddNotesContactAt("Jörg", "Müller", "jorg@acme.de", "Müller & Söhne GmbH");
        AddNotesContactAt("Eva", "Müller", "eva@acme.de", "Müller & Söhne GmbH");
        AddNotesContactAt("Zoë", "Dupont", "zoe@globex.example", "Globex");
        AddNotesContactAt("Peter", "Gibbons", "peter@initech.example", "Initech");
        AddNotesContactAt("Hans", "Solo", "hans@example.org", "");

        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        var accounts = _h.Org.Records("Accounts").ToDictionary(a => a["Account_Name"]!, a => a.Id);
        Assert.Equal(["Globex", "Initech", "Müller & Söhne GmbH"], accounts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(initech, accounts["Initech"]);
        Assert.Equal(accounts["Müller & Söhne GmbH"], CrmAccountOf("jorg@acme.de"));
        Assert.Equal(accounts["Müller & Söhne GmbH"], CrmAccountOf("eva@acme.de"));
        Assert.Equal(accounts["Globex"], CrmAccountOf("zoe@globex.example"));
        Assert.Equal(initech, CrmAccountOf("peter@initech.example"));
        Assert.Null(CrmAccountOf("hans@example.org"));
        // The run's companies in one lookup and one insert: a page of the Accounts list, no query per name.
        Assert.Equal((1, 1, 0), (ZohoCalls("GET", "/crm/v8/Accounts"), ZohoCalls("POST", "/crm/v8/Accounts"), ZohoCalls("POST", "/crm/v8/coql")));
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());
        Assert.Equal(0, SyncHarness.Count(await _h.SyncAsync(), "contacts", "toNotes.updated"));
        Assert.Equal(3, _h.Org.CountRecords("Accounts"));
    }

    [Fact]
    public async Task A_CRM_that_fails_creating_the_companies_stops_the_contacts_and_the_next_run_writes_them_once()
    {
        await _h.SettingsAsync("notesToCrm", tasks: false);
        AddNotesContactAt("Jörg", "Müller", "jorg@acme.de", "Müller & Söhne GmbH");
        AddNotesContactAt("Zoë", "Dupont", "zoe@globex.example", "Globex");
        _h.Zoho.State.Faults.FailNext(1, "/crm/v8/Accounts", 500, "POST");

        var failed = await _h.SyncAsync();
        var written = _h.CrmContacts.Count;
        var next = await _h.SyncAsync();

        SyncHarness.AssertStatus("failed", failed);
        Assert.Equal("zoho-unavailable", failed.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(0, written);
        SyncHarness.AssertStatus("succeeded", next);
        Assert.Equal(2, _h.Org.CountRecords("Accounts"));
        Assert.NotNull(CrmAccountOf("jorg@acme.de"));
        Assert.NotNull(CrmAccountOf("zoe@globex.example"));
    }

    private static long WholeSecond(DateTimeOffset at) => at.ToUnixTimeSeconds();

    [Fact]
    public async Task A_host_stopped_in_the_middle_of_a_run_leaves_its_user_able_to_sync_and_nothing_duplicated()
    {
        await _h.SettingsAsync("twoWay", tasks: false);
        foreach (var i in Enumerable.Range(0, 200)) AddNotesContact($"P{i}", $"Person{i}", $"p{i}@example.com");
        // The first ten document calls go through; the rest are held, so the host is certainly stopped mid-run.
        var documents = new RequestHold { LetThrough = 10 };
        _h.Domino.Faults.Add(FaultRule.Held("/mail/jdoe.nsf/api/data/documents/unid/*", documents, times: int.MaxValue));
        var started = await _h.Admin.PostAsync("/api/sync/runs", null);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid();
        await documents.WaitForArrivalsAsync(1, TimeSpan.FromSeconds(30));

        await _h.RestartAsync();
        documents.Release();
        _h.Domino.Faults.Clear();
        var stopped = await _h.Admin.GetFromJsonAsync<JsonElement>($"/api/sync/runs/{runId}");
        var next = await _h.SyncAsync();

        Assert.Equal("interrupted", stopped.GetProperty("error").GetProperty("code").GetString());
        SyncHarness.AssertStatus("succeeded", next);
        Assert.Equal(200, _h.CrmContacts.Count);
        Assert.Equal(200, _h.CrmContacts.Select(c => c["Email"]).Distinct().Count());
    }
}
