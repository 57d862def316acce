using NotesSync.Application.Notes;
using NotesSync.Simulators.Domino.Knobs;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;
using NotesItem = NotesSync.Application.Notes.NotesItem;
using SimFormats = NotesSync.Simulators.Domino.Notes.DasFormats;
using SimItem = NotesSync.Simulators.Domino.Notes.NotesItem;

namespace NotesSync.Infrastructure.Tests.Domino;

/// <summary>Contacts and to-dos through the data service, and how failures of the whole side read (over real HTTP).</summary>
public sealed class MailboxTests
{
    private const string Contacts = "($Contacts)";
    private static readonly DateTimeOffset Start = MailboxHost.Start;
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Reading_a_view_of_250_contacts_takes_three_pages_of_100_and_lists_every_unid_once()
    {
        await using var host = await MailboxHost.StartAsync();
        var unids = Enumerable.Range(0, 250)
            .Select(i => host.State.AddContact(host.MailFile, new ContactSpec { FirstName = "Jürgen", LastName = $"Müller {i:000}" }))
            .ToHashSet();

        var entries = (await host.Mailbox.ReadViewAsync(Contacts, Ct)).Value;

        Assert.Equal(250, entries.Count);
        Assert.Equal(unids, entries.Select(e => e.Unid).ToHashSet());
        Assert.All(entries, e => Assert.Equal("Person", e.Form));
        Assert.Equal(
            ["?start=0&count=100&systemcolumns=262", "?start=100&count=100&systemcolumns=262", "?start=200&count=100&systemcolumns=262"],
            host.CallsTo("/api/data/collections/name/").Select(c => c.Query));
    }

    [Fact]
    public async Task A_view_lists_groups_beside_people_with_their_form_so_that_the_caller_can_tell_them_apart()
    {
        await using var host = await MailboxHost.StartAsync();
        var person = host.State.AddContact(host.MailFile, new ContactSpec { FirstName = "Ana", LastName = "Núñez" });
        var group = host.State.AddGroup(host.MailFile, "Équipe projet", ["Ana Núñez"]);

        var entries = (await host.Mailbox.ReadViewAsync(Contacts, Ct)).Value;

        Assert.Equal("Person", entries.Single(e => e.Unid == person).Form);
        Assert.Equal("Group", entries.Single(e => e.Unid == group).Form);
    }

    [Fact]
    public async Task A_server_that_allows_smaller_pages_is_read_in_pages_of_its_own_limit()
    {
        await using var host = await MailboxHost.StartAsync(server => server.MaxViewEntries = 40);
        for (var i = 0; i < 90; i++) host.State.AddContact(host.MailFile, new ContactSpec { LastName = $"Dupont {i:00}" });

        var entries = (await host.Mailbox.ReadViewAsync(Contacts, Ct)).Value;

        Assert.Equal(90, entries.Select(e => e.Unid).Distinct().Count());
        Assert.Equal([400, 200, 200, 200], host.CallsTo("/api/data/collections/name/").Select(c => c.Status));
    }

    [Fact]
    public async Task Changes_since_a_point_in_time_list_what_was_modified_at_or_after_it_and_nothing_older()
    {
        await using var host = await MailboxHost.StartAsync();
        var untouched = host.State.AddContact(host.MailFile, new ContactSpec { LastName = "Ancien", Modified = Start.AddDays(-10) });
        var edited = host.State.AddContact(host.MailFile, new ContactSpec { LastName = "Lefèvre", Modified = Start.AddDays(-10) });
        var todo = host.State.AddTodo(host.MailFile, new TodoSpec { Subject = "Relancer", Modified = Start.AddMinutes(-30) });
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        host.State.UpdateItems(host.MailFile, edited, SimItem.Text("CompanyName", "Société Générale"));

        var changes = (await host.Mailbox.ChangedSinceAsync(Start.AddHours(-2), Ct)).Value;

        Assert.Equal([todo, edited], changes.Select(c => c.Unid));
        Assert.DoesNotContain(changes, c => c.Unid == untouched);
        Assert.Equal(Start.AddMinutes(1), changes.Single(c => c.Unid == edited).Modified, TimeSpan.FromSeconds(1));
        Assert.Equal("?since=2024-05-02T07:00:00Z", host.CallsTo("/api/data/documents").Single().Query);
    }

    [Fact]
    public async Task A_contact_reads_with_its_unicode_values_lists_typed_dates_and_exact_last_modified_without_marking_it_read()
    {
        await using var host = await MailboxHost.StartAsync();
        var unid = host.State.AddContact(host.MailFile, new ContactSpec
        {
            FirstName = "Françoise",
            LastName = "Müller-Núñez",
            CompanyName = "Zoë & Ångström",
            Categories = ["Clients", "Fournisseurs"],
            Birthday = new DateOnly(1980, 3, 2),
            Email = "francoise@example.fr",
        });
        var stored = host.State.GetDocument(host.MailFile, unid)!;

        var contact = (await host.Mailbox.GetDocumentAsync(unid, Ct)).Value!;

        Assert.Equal((unid, "Person", false), (contact.Unid, contact.Form, contact.IsPrivate));
        Assert.Equal("Müller-Núñez", contact.Items["LastName"].First);
        Assert.Equal("Zoë & Ångström", contact.Items["companyname"].First);
        Assert.Equal(["Clients", "Fournisseurs"], contact.Items["Categories"].Values);
        Assert.Equal((NotesItemKind.Date, "1980-03-02"), (contact.Items["Birthday"].Kind, contact.Items["Birthday"].First));
        Assert.Equal(SimFormats.Http(stored.Modified), contact.LastModified);
        Assert.Equal(stored.Modified, contact.Modified, TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(contact.Items.Keys, name => name.StartsWith('$'));
        Assert.Equal("?markread=false&strongtype=true&hidden=true", host.CallsTo($"/documents/unid/{unid}").Single().Query);
    }

    [Fact]
    public async Task A_todo_reads_its_rich_text_body_as_text_and_its_due_date_as_an_instant()
    {
        await using var host = await MailboxHost.StartAsync();
        var due = new DateTimeOffset(2024, 5, 10, 15, 30, 0, TimeSpan.Zero);
        var unid = host.State.AddTodo(host.MailFile, new TodoSpec
        {
            Subject = "Appeler Mme Núñez",
            Body = "<p>Devis <b>révisé</b> &amp; planning</p><p>Avant vendredi</p>",
            Due = due,
        });

        var todo = (await host.Mailbox.GetDocumentAsync(unid, Ct)).Value!;

        Assert.Equal("Task", todo.Form);
        Assert.Equal("Devis révisé & planning\nAvant vendredi", todo.Items["Body"].First);
        Assert.Equal((NotesItemKind.DateTime, "2024-05-10T15:30:00Z"), (todo.Items["DueDateTime"].Kind, todo.Items["DueDateTime"].First));
        Assert.Equal(NotesItemKind.Number, todo.Items["_ViewIcon"].Kind);
        Assert.Equal("168", todo.Items["_ViewIcon"].First);
    }

    [Fact]
    public async Task Private_contacts_and_todos_are_flagged_private_and_public_ones_are_not()
    {
        await using var host = await MailboxHost.StartAsync();
        var privateContact = host.State.AddContact(host.MailFile, new ContactSpec { LastName = "Secret", Private = true });
        var privateTodo = host.State.AddTodo(host.MailFile, new TodoSpec { Subject = "Médecin", Private = true });
        var publicContact = host.State.AddContact(host.MailFile, new ContactSpec { LastName = "Public" });

        async Task<bool> IsPrivate(string unid) => (await host.Mailbox.GetDocumentAsync(unid, Ct)).Value!.IsPrivate;

        Assert.True(await IsPrivate(privateContact));
        Assert.True(await IsPrivate(privateTodo));
        Assert.False(await IsPrivate(publicContact));
    }

    [Fact]
    public async Task Creating_a_contact_answers_its_unid_and_stores_unicode_text_lists_and_a_typed_date()
    {
        await using var host = await MailboxHost.StartAsync();

        var created = await host.Mailbox.CreateDocumentAsync("Person", new Dictionary<string, NotesItem>
        {
            ["FirstName"] = NotesItem.Text("Zoë"),
            ["LastName"] = NotesItem.Text("Ångström-Müller"),
            ["Categories"] = NotesItem.Text("Clients", "Partenaires"),
            ["Birthday"] = NotesItem.Date(new DateOnly(1985, 7, 14)),
        }, Ct);

        var stored = host.State.GetDocument(host.MailFile, created.Value)!;
        Assert.Equal("Person", stored.Form);
        // computewithform=true: the template computes FullName from the names.
        Assert.Equal("Zoë Ångström-Müller", stored.Text("FullName"));
        Assert.Equal(["Clients", "Partenaires"], stored.Values("Categories"));
        Assert.Equal(NotesDateTime.OnDate(new DateOnly(1985, 7, 14)), stored.Items["Birthday"].FirstValue);
        Assert.Equal("?form=Person&computewithform=true", host.CallsTo("/api/data/documents").Single().Query);
        var readBack = (await host.Mailbox.GetDocumentAsync(created.Value, Ct)).Value!;
        Assert.Equal("1985-07-14", readBack.Items["Birthday"].First);
    }

    [Fact]
    public async Task Updating_a_todo_patches_only_the_items_given_and_writes_the_due_date_typed()
    {
        await using var host = await MailboxHost.StartAsync();
        var unid = host.State.AddTodo(host.MailFile, new TodoSpec { Subject = "Rappeler", Due = Start.AddDays(3), Importance = "1" });
        var read = (await host.Mailbox.GetDocumentAsync(unid, Ct)).Value!;
        var due = new DateTimeOffset(2024, 5, 10, 17, 30, 0, TimeSpan.FromHours(2));

        var outcome = await host.Mailbox.UpdateDocumentAsync(unid, new Dictionary<string, NotesItem>
        {
            ["Subject"] = NotesItem.Text("Rappeler Mme Núñez – Zoë Ångström"),
            ["DueDateTime"] = NotesItem.DateTime(due),
        }, read.LastModified, "Task", Ct);

        Assert.Equal(NotesWriteOutcome.Done, outcome.Value);
        var stored = host.State.GetDocument(host.MailFile, unid)!;
        Assert.Equal("Rappeler Mme Núñez – Zoë Ångström", stored.Text("Subject"));
        Assert.Equal(NotesDateTime.At(due), stored.Items["DueDateTime"].FirstValue);
        Assert.Equal("1", stored.Text("Importance"));
        var write = host.CallsTo($"/documents/unid/{unid}")[^1];
        Assert.Equal(("POST", "PATCH", 200), (write.SentMethod, write.Method, write.Status));
        // Computed with the form read, as data.yaml requires: the template derives DueDate from DueDateTime.
        Assert.Equal("?form=Task&computewithform=true", write.Query);
        Assert.Equal(NotesDateTime.OnDate(new DateOnly(2024, 5, 10)), stored.Items["DueDate"].FirstValue);
    }

    [Fact]
    public async Task An_update_after_an_edit_in_notes_answers_changed_meanwhile_and_the_notes_edit_survives()
    {
        await using var host = await MailboxHost.StartAsync();
        var unid = host.State.AddContact(host.MailFile, new ContactSpec { LastName = "Dupont", CompanyName = "Acme" });
        var read = (await host.Mailbox.GetDocumentAsync(unid, Ct)).Value!;
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        host.State.UpdateItems(host.MailFile, unid, SimItem.Text("CompanyName", "Édité dans Notes"));

        var stale = await host.Mailbox.UpdateDocumentAsync(unid,
            new Dictionary<string, NotesItem> { ["CompanyName"] = NotesItem.Text("Depuis le CRM") }, read.LastModified, "Person", Ct);

        Assert.Equal(NotesWriteOutcome.ChangedMeanwhile, stale.Value);
        Assert.Equal("Édité dans Notes", host.State.GetDocument(host.MailFile, unid)!.Text("CompanyName"));

        var reread = (await host.Mailbox.GetDocumentAsync(unid, Ct)).Value!;
        var fresh = await host.Mailbox.UpdateDocumentAsync(unid,
            new Dictionary<string, NotesItem> { ["JobTitle"] = NotesItem.Text("Directrice") }, reread.LastModified, "Person", Ct);
        Assert.Equal(NotesWriteOutcome.Done, fresh.Value);
    }

    [Fact]
    public async Task Deleting_with_a_stale_last_modified_is_refused_and_with_the_current_one_removes_the_document()
    {
        await using var host = await MailboxHost.StartAsync();
        var unid = host.State.AddContact(host.MailFile, new ContactSpec { LastName = "Martin" });
        var read = (await host.Mailbox.GetDocumentAsync(unid, Ct)).Value!;
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        host.State.UpdateItems(host.MailFile, unid, SimItem.Text("JobTitle", "Gérant"));

        var stale = await host.Mailbox.DeleteDocumentAsync(unid, read.LastModified, Ct);
        var reread = (await host.Mailbox.GetDocumentAsync(unid, Ct)).Value!;
        var deleted = await host.Mailbox.DeleteDocumentAsync(unid, reread.LastModified, Ct);

        Assert.Equal(NotesWriteOutcome.ChangedMeanwhile, stale.Value);
        Assert.Equal(NotesWriteOutcome.Done, deleted.Value);
        Assert.Null(host.State.GetDocument(host.MailFile, unid));
    }

    [Fact]
    public async Task A_document_deleted_in_notes_reads_as_null_and_writes_to_it_answer_gone()
    {
        await using var host = await MailboxHost.StartAsync();
        var unid = host.State.AddTodo(host.MailFile, new TodoSpec { Subject = "Supprimée" });
        var read = (await host.Mailbox.GetDocumentAsync(unid, Ct)).Value!;
        host.State.DeleteDocument(host.MailFile, unid);

        var get = await host.Mailbox.GetDocumentAsync(unid, Ct);
        var update = await host.Mailbox.UpdateDocumentAsync(unid,
            new Dictionary<string, NotesItem> { ["Subject"] = NotesItem.Text("x") }, read.LastModified, "Task", Ct);
        var delete = await host.Mailbox.DeleteDocumentAsync(unid, read.LastModified, Ct);

        Assert.True(get.IsSuccess);
        Assert.Null(get.Value);
        Assert.Equal(NotesWriteOutcome.Gone, update.Value);
        Assert.Equal(NotesWriteOutcome.Gone, delete.Value);
    }

    [Fact]
    public async Task A_wrong_password_fails_reads_and_writes_with_invalid_credentials()
    {
        await using var host = await MailboxHost.StartAsync();
        var mailbox = host.Open("not-the-password");

        Assert.Equal("invalid-credentials", (await mailbox.ReadViewAsync(Contacts, Ct)).Error!.Code);
        Assert.Equal("invalid-credentials", (await mailbox.GetDocumentAsync("0123456789ABCDEF0123456789ABCDEF", Ct)).Error!.Code);
        Assert.Equal("invalid-credentials", (await mailbox.CreateDocumentAsync("Task", new Dictionary<string, NotesItem>(), Ct)).Error!.Code);
        Assert.Equal("invalid-credentials", (await mailbox.ListEventsAsync(Start, Start.AddDays(7), Ct)).Error!.Code);
    }

    [Fact]
    public async Task The_login_page_of_a_session_authentication_server_is_invalid_credentials_and_never_data()
    {
        await using var host = await MailboxHost.StartAsync(server => server.Authentication = DominoAuthentication.SessionLoginPage);
        var mailbox = host.Open("not-the-password");

        Assert.Equal("invalid-credentials", (await mailbox.ReadViewAsync(Contacts, Ct)).Error!.Code);
        Assert.Equal("invalid-credentials", (await mailbox.GetDocumentAsync("0123456789ABCDEF0123456789ABCDEF", Ct)).Error!.Code);
    }

    [Fact]
    public async Task A_view_closed_to_das_fails_with_das_disabled_view_naming_the_view()
    {
        await using var host = await MailboxHost.StartAsync();
        host.State.SetViewAccess(host.MailFile, Contacts, false);

        var error = (await host.Mailbox.ReadViewAsync(Contacts, Ct)).Error!;

        Assert.Equal("das-disabled-view", error.Code);
        Assert.Contains(Contacts, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mail_file_closed_to_das_fails_with_das_disabled_database_and_das_off_on_the_server_with_das_disabled_server()
    {
        await using var host = await MailboxHost.StartAsync(server => server.ServiceForbiddenHasBody = false);
        host.State.SetDatabaseAccess(host.MailFile, DataServiceAccess.Never);

        var database = (await host.Mailbox.ChangedSinceAsync(Start, Ct)).Error!;
        host.State.ConfigureServer(server => server.CalendarServiceEnabled = false);
        var calendar = (await host.Mailbox.ListEventsAsync(Start, Start.AddDays(7), Ct)).Error!;

        Assert.Equal("das-disabled-database", database.Code);
        Assert.Contains(host.MailFile, database.Message, StringComparison.Ordinal);
        Assert.Equal("das-disabled-server", calendar.Code);
    }

    [Fact]
    public async Task A_view_that_is_not_in_the_mail_file_fails_with_view_not_found()
    {
        await using var host = await MailboxHost.StartAsync();

        var error = (await host.Mailbox.ReadViewAsync("(Mes contacts)", Ct)).Error!;

        Assert.Equal("view-not-found", error.Code);
        Assert.Contains("(Mes contacts)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mail_file_that_is_not_there_fails_with_mail_file_not_found_rather_than_reading_as_empty()
    {
        await using var host = await MailboxHost.StartAsync();
        var mailbox = host.Open(MailboxHost.Password, "mail/nobody.nsf");

        Assert.Equal("mail-file-not-found", (await mailbox.GetDocumentAsync("0123456789ABCDEF0123456789ABCDEF", Ct)).Error!.Code);
        Assert.Equal("mail-file-not-found", (await mailbox.ReadViewAsync(Contacts, Ct)).Error!.Code);
    }

    [Fact]
    public async Task A_503_on_a_read_is_retried_and_the_read_succeeds()
    {
        await using var host = await MailboxHost.StartAsync();
        var unid = host.State.AddContact(host.MailFile, new ContactSpec { LastName = "Patient" });
        host.Simulator.Faults.Add(FaultRule.Status($"/{host.MailFile}/api/data/documents/unid/*", 503, method: "GET"));

        var contact = await host.Mailbox.GetDocumentAsync(unid, Ct);

        Assert.Equal("Patient", contact.Value!.Items["LastName"].First);
        Assert.Equal([503, 200], host.CallsTo($"/documents/unid/{unid}").Select(c => c.Status));
    }

    [Fact]
    public async Task A_create_whose_answer_is_lost_is_not_sent_again_and_fails_saying_it_may_have_been_saved()
    {
        await using var host = await MailboxHost.StartAsync();
        // A read first, so that the write goes over a pooled connection, as in a sync.
        Assert.Empty((await host.Mailbox.ReadViewAsync("($ToDo)", Ct)).Value);
        host.Simulator.Faults.Add(FaultRule.ApplyThenDrop($"/{host.MailFile}/api/data/documents", method: "POST"));

        var created = await host.Mailbox.CreateDocumentAsync("Task",
            new Dictionary<string, NotesItem> { ["Subject"] = NotesItem.Text("Une seule fois") }, Ct);
        // The simulator logs a dropped call after dropping it: the client can see the drop first.
        await Eventually.HoldsAsync(() => host.CallsTo("/api/data/documents").Any(c => c.Method == "POST"), "the dropped POST is in the call log");

        Assert.Equal("notes-write-unconfirmed", created.Error!.Code);
        Assert.Single(host.State.GetDocuments(host.MailFile, "Task"));
        Assert.Single(host.CallsTo("/api/data/documents"), c => c.Method == "POST");
    }
}
