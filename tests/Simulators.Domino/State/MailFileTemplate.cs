using NotesSync.Simulators.Domino.Notes;

namespace NotesSync.Simulators.Domino.State;

/// <summary>The part of the mail template (mail12.ntf) NotesSync touches: contacts, to-dos, calendar.</summary>
internal static class MailFileTemplate
{
    public const string ContactsView = "($Contacts)";
    public const string ToDoView = "($ToDo)";
    public const string CalendarView = "($Calendar)";
    public const string InboxFolder = "($Inbox)";

    public static NotesDatabase Create(DominoState state, NotesUser owner)
    {
        var now = state.Clock.GetUtcNow();
        var db = new NotesDatabase(owner.MailFilePath, $"{owner.CommonName} - Mail", state.NewReplicaId(), "StdR12Mail")
        {
            Access = state.MailFilesAllowDas ? DataServiceAccess.ViewsAndDocuments : DataServiceAccess.Never,
            Readers = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { owner.CanonicalName },
        };

        db.Views.Add(new NotesView(ContactsView, ["Contacts"], state.NewUnid(), false,
            d => d.Form is "Person" or "Group",
            [
                ViewColumn.Formula("$15", "Name", ContactSortName, ViewSort.Ascending, resortable: true),
                ViewColumn.Field("CompanyName", "Company", resortable: true),
                ViewColumn.Formula("$16", "E-mail", d => FirstNonEmpty(d.Text("MailAddress"), d.Text("InternetAddress"))),
                ViewColumn.Field("OfficePhoneNumber", "Business Phone"),
            ], now) { AllowsDataService = state.MailFilesAllowDas });

        db.Views.Add(new NotesView(ToDoView, ["ToDo", "To Do"], state.NewUnid(), false,
            d => d.Form == "Task",
            [
                ViewColumn.Formula("$10", "Due", DueDate, ViewSort.Ascending, resortable: true),
                ViewColumn.Formula("$8", "Subject", d => d.Text("Subject")),
                ViewColumn.Formula("$12", "Priority", d => d.Text("Importance")),
            ], now) { AllowsDataService = state.MailFilesAllowDas });

        db.Views.Add(new NotesView(CalendarView, ["Calendar"], state.NewUnid(), false,
            d => d.Form == "Appointment",
            [
                ViewColumn.Formula("$134", "Start", d => d.Item("StartDateTime")?.FirstValue, ViewSort.Ascending),
                ViewColumn.Formula("$147", "Subject", d => d.Text("Subject")),
            ], now) { AllowsDataService = state.MailFilesAllowDas });

        db.Views.Add(new NotesView(InboxFolder, ["Inbox"], state.NewUnid(), true, _ => false,
            [ViewColumn.Formula("$93", "Who", d => d.Text("From")), ViewColumn.Formula("$73", "Subject", d => d.Text("Subject"))], now));
        return db;
    }

    public static void WriteContact(NotesDocument doc, ContactSpec c)
    {
        doc.SetText("Form", "Person");
        doc.SetText("Type", "Person");
        doc.SetText("FirstName", c.FirstName);
        doc.SetText("LastName", c.LastName);
        doc.Set(NotesItem.Text("FullName", $"{c.FirstName} {c.LastName}".Trim()));
        doc.SetText("CompanyName", c.CompanyName);
        doc.SetText("JobTitle", c.JobTitle);
        doc.SetText("MailAddress", c.Email);
        doc.SetText("OfficePhoneNumber", c.OfficePhone);
        doc.SetText("CellPhoneNumber", c.CellPhone);
        doc.SetText("OfficeStreetAddress", c.OfficeStreet);
        doc.SetText("OfficeCity", c.OfficeCity);
        doc.SetText("OfficeZIP", c.OfficeZip);
        doc.SetText("OfficeCountry", c.OfficeCountry);
        doc.SetText("Comment", c.Comment);
        if (c.Categories.Count > 0) doc.Set(NotesItem.Text("Categories", [.. c.Categories]));
        if (c.Birthday is { } birthday) doc.Set(NotesItem.Date("Birthday", NotesDateTime.OnDate(birthday)));
        doc.SetText("Confidential", c.Private ? "1" : null);
        doc.SetText("$PublicAccess", c.Private ? null : "1");
    }

    public static void WriteTodo(NotesDocument doc, TodoSpec t)
    {
        doc.SetText("Form", "Task");
        doc.SetText("Subject", t.Subject);
        if (t.Body.Length > 0) doc.Set(NotesItem.RichText("Body", t.Body));
        if (t.Due is { } due)
        {
            doc.Set(NotesItem.Date("DueDateTime", NotesDateTime.At(due)));
            doc.Set(NotesItem.Date("DueDate", NotesDateTime.OnDate(DateOnly.FromDateTime(due.UtcDateTime))));
            doc.Set(NotesItem.Date("CalendarDateTime", NotesDateTime.At(due)));
        }
        if (t.Start is { } start)
        {
            doc.Set(NotesItem.Date("StartDateTime", NotesDateTime.At(start)));
            doc.Set(NotesItem.Date("StartDate", NotesDateTime.OnDate(DateOnly.FromDateTime(start.UtcDateTime))));
        }
        if (t.Completed is { } done) doc.Set(NotesItem.Date("CompletedDateTime", NotesDateTime.At(done)));
        doc.SetText("Importance", t.Importance);
        doc.SetText("TaskType", "1");
        if (t.Categories.Count > 0) doc.Set(NotesItem.Text("Categories", [.. t.Categories]));
        doc.Set(NotesItem.Number("_ViewIcon", 168));
        doc.SetText("OrgConfidential", t.Private ? "1" : null);
        doc.SetText("$PublicAccess", t.Private ? null : "1");
    }

    private static object ContactSortName(NotesDocument d)
    {
        if (d.Form == "Group") return d.Text("ListName");
        var last = d.Text("LastName");
        var first = d.Text("FirstName");
        return first.Length == 0 ? last : $"{last}, {first}";
    }

    private static object? DueDate(NotesDocument d) =>
        d.Item("DueDateTime")?.FirstValue is NotesDateTime due
            ? NotesDateTime.OnDate(DateOnly.FromDateTime(due.Value.UtcDateTime))
            : null;

    private static string FirstNonEmpty(params string[] values) => values.FirstOrDefault(v => v.Length > 0) ?? "";
}
