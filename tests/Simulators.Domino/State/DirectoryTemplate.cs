using NotesSync.Simulators.Domino.Notes;

namespace NotesSync.Simulators.Domino.State;

/// <summary>names.nsf: Person documents and the lookup views ($Users), ($VIMPeople), ($People).</summary>
internal static class DirectoryTemplate
{
    public static NotesDatabase Create(DominoState state)
    {
        var now = state.Clock.GetUtcNow();
        // Real directories rarely allow DAS: names.nsf starts with it off, as das.md describes.
        var db = new NotesDatabase(DominoState.DirectoryPath, "Acme's Directory", state.NewReplicaId(), "StdR4PublicAddressBook");

        db.Views.Add(new NotesView("($Users)", ["$Users"], state.NewUnid(), false, IsPerson,
            [
                new ViewColumn("$1", "Name", d => [.. LookupNames(d)], Sort: ViewSort.Ascending, MultipleValuesAsSeparateEntries: true),
                ViewColumn.Field("FullName", "Full name"),
                ViewColumn.Field("MailServer", "Mail server"),
                ViewColumn.Field("MailFile", "Mail file"),
            ], now));
        db.Views.Add(new NotesView("($VIMPeople)", ["$VIMPeople"], state.NewUnid(), false, IsPerson,
            [
                new ViewColumn("$1", "Name", d => d.Item("FullName")?.Values ?? [], Sort: ViewSort.Ascending, MultipleValuesAsSeparateEntries: true),
                ViewColumn.Field("InternetAddress", "E-mail"),
                ViewColumn.Field("MailFile", "Mail file"),
            ], now));
        db.Views.Add(new NotesView("($People)", ["People"], state.NewUnid(), false, IsPerson,
            [
                ViewColumn.Formula("$17", "Name", d => $"{d.Text("LastName")} , {d.Text("FirstName")}", ViewSort.Ascending),
                ViewColumn.Field("InternetAddress", "E-mail"),
            ], now));
        return db;
    }

    public static void AddPerson(DominoState state, NotesDatabase names, NotesUser user, string mailFileItem)
    {
        var doc = state.NewDocument(names, null);
        var words = user.CommonName.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        doc.SetText("Form", "Person");
        doc.SetText("Type", "Person");
        doc.SetText("FirstName", words.Length > 1 ? words[0] : "");
        doc.SetText("LastName", words[^1]);
        doc.Set(NotesItem.Text("FullName", user.CanonicalName, user.CommonName));
        doc.SetText("ShortName", user.ShortName);
        doc.SetText("InternetAddress", user.InternetAddress);
        doc.SetText("MailSystem", "1");
        doc.SetText("MailDomain", user.Organization);
        doc.SetText("MailServer", user.MailServer);
        doc.SetText("MailFile", mailFileItem);
        // Domino exposes the hashed HTTP password item to anyone who can read the Person document.
        doc.SetText("HTTPPassword", "(355E98E7C7B59BD810ED845AD0FD2FC4)");
        doc.SetText("$PublicAccess", "1");
    }

    private static bool IsPerson(NotesDocument d) => d.Form == "Person";

    private static IEnumerable<object> LookupNames(NotesDocument d)
    {
        var names = (d.Item("FullName")?.Values ?? []).Select(v => v.ToString() ?? "")
            .Append(d.Text("ShortName"))
            .Append(d.Text("InternetAddress"))
            .Where(n => n.Length > 0);
        return names.Distinct(StringComparer.OrdinalIgnoreCase);
    }
}
