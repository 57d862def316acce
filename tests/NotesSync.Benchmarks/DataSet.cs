using System.Globalization;
using System.Text.Json.Nodes;
using Bogus;
using NotesSync.Simulators.Domino.State;
using NotesSync.Simulators.Zoho;
using DominoItem = NotesSync.Simulators.Domino.Notes.NotesItem;

namespace NotesSync.Benchmarks;

public sealed record Person(
    string First, string Last, string Email, string Phone, string Mobile, string Title, string Company, string Street,
    string City, string Zip, string Country, string Comment);

public sealed record ToDo(string Subject, DateOnly Due, bool Completed, string Importance);

/// <summary>Where each record of a data set starts: in Notes, in the CRM, or in both (the same values on each side).</summary>
public enum Placement
{
    Notes,
    Crm,
    Both,
}

/// <summary>
/// Contacts and to-dos made by Bogus with a fixed seed, so that every run of the benchmark syncs the same data.
/// Values fit both sides' limits and read back the same through either mapping, so that a record placed on both
/// sides is matched and found unchanged, as a real first sync of already-copied contacts would find it.
/// </summary>
public sealed class DataSet
{
    private static readonly string[] Locales = ["en", "fr", "de", "es"];
    private static readonly string[] Verbs = ["Call", "Send the proposal to", "Follow up with", "Relancer", "Rückruf bei", "Meet"];

    /// <param name="tag">Starts every e-mail ("tag.") and to-do subject ("[tag] "): data sets of distinct tags share none.</param>
    /// <param name="withCompanies">False: contacts without a company (no Account to find or create when written to the CRM).</param>
    /// <param name="events">Calendar events to make, from today on.</param>
    public DataSet(int contacts, int tasks, int seed, string tag = "", bool withCompanies = true, int events = 0)
    {
        var (mailPrefix, subjectPrefix) = tag.Length == 0 ? ("", "") : ($"{tag}.", $"[{tag}] ");
        var firstDay = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var i = 0; i < events; i++) Events.Add(CalendarEvent.Make(i, firstDay));
        var fakers = Locales.Select((l, i) => new Faker(l) { Random = new Randomizer(seed + i) }).ToArray();
        var english = fakers[0];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // Colleagues share a company: a quarter as many companies as contacts, each name once.
        var companies = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (withCompanies && companies.Count < Math.Max(1, contacts / 4)) companies.Add(Clip(english.Company.CompanyName(), 100) + (companies.Count % 7 == 0 ? " GmbH" : ""));
        Companies = [.. companies];
        for (var i = 0; i < contacts; i++)
        {
            var f = fakers[i % fakers.Length];
            var first = Clip(f.Name.FirstName(), 40);
            var last = Clip(f.Name.LastName(), 80);
            People.Add(new Person(first, last,
                $"{mailPrefix}{Ascii(first)}.{Ascii(last)}.{i}@{english.Internet.DomainWord()}.example",
                Clip(f.Phone.PhoneNumber(), 30), f.Random.Bool(0.6f) ? Clip(f.Phone.PhoneNumber(), 30) : "",
                Clip(english.Name.JobTitle(), 100), withCompanies ? f.PickRandom(Companies) : "", Clip(f.Address.StreetAddress(), 250), Clip(f.Address.City(), 30),
                Clip(f.Address.ZipCode(), 30), Clip(f.Address.Country(), 30), f.Random.Bool(0.3f) ? english.Lorem.Sentence() : ""));
        }

        for (var i = 0; i < tasks; i++)
        {
            var f = fakers[i % fakers.Length];
            ToDos.Add(new ToDo(Clip($"{subjectPrefix}{f.PickRandom(Verbs)} {f.Name.FullName()} #{i}", 255), today.AddDays(f.Random.Int(-30, 40)),
                f.Random.Bool(0.3f), f.PickRandom("1", "2", "3")));
        }
    }

    public List<Person> People { get; } = [];
    public List<string> Companies { get; }
    public List<ToDo> ToDos { get; } = [];
    public List<CalendarEvent> Events { get; } = [];

    /// <summary>
    /// Puts the events on the sides; answers the instances the Notes calendar lists, the CRM's events, and the
    /// instances on both (each instance of a series is one CRM event).
    /// </summary>
    public (int NotesInstances, int CrmEvents, int Shared) PlaceEvents(Tenant tenant, Func<int, Placement> where)
    {
        int notes = 0, crm = 0, shared = 0;
        for (var i = 0; i < Events.Count; i++)
        {
            var e = Events[i];
            var place = where(i);
            if (place is Placement.Notes or Placement.Both)
            {
                tenant.Domino.State.AddEvent(tenant.MailFile, e.ForNotes(), modified: DateTimeOffset.UtcNow.AddDays(-30).AddSeconds(i));
                notes += e.Instances;
            }

            if (place is Placement.Crm or Placement.Both)
                foreach (var fields in e.ForCrm())
                {
                    tenant.Org.CreateRecord("Events", fields);
                    crm++;
                }

            if (place == Placement.Both) shared += e.Instances;
        }

        return (notes, crm, shared);
    }

    /// <summary>"Half already on both sides": of every four records two are on both sides, one in Notes only, one in the CRM only.</summary>
    public static Placement HalfShared(int index) => (index % 4) switch { 0 or 1 => Placement.Both, 2 => Placement.Notes, _ => Placement.Crm };

    /// <summary>The companies of the contacts placed where <paramref name="where"/> says, each once.</summary>
    public HashSet<string> CompaniesOf(Func<int, Placement> where, params Placement[] places) =>
        People.Where((_, i) => places.Contains(where(i))).Select(p => p.Company).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Puts the data on the sides (in the CRM, a contact's company is an Account it points to, made once per name);
    /// answers how many contacts and to-dos each side holds. CRM records are <paramref name="owner"/>'s, by default
    /// the organisation's admin: the user NotesSync syncs for.
    /// </summary>
    public (int NotesContacts, int NotesTasks, int CrmContacts, int CrmTasks) Place(Tenant tenant, Func<int, Placement> where, ZohoUser? owner = null)
    {
        int nc = 0, nt = 0, cc = 0, ct = 0;
        // A company the CRM already has (a colleague's contact there, say) is the same Account: Zoho refuses a second.
        var accounts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var existing in tenant.Org.Records("Accounts"))
            if (existing["Account_Name"] is { } name) accounts.TryAdd(name, existing.Id);
        for (var i = 0; i < People.Count; i++)
        {
            var p = People[i];
            var place = where(i);
            if (place is Placement.Notes or Placement.Both)
            {
                AddToNotes(tenant, p, DateTimeOffset.UtcNow.AddDays(-30).AddSeconds(i));
                nc++;
            }

            if (place is Placement.Crm or Placement.Both)
            {
                var fields = new JsonObject
                {
                    ["First_Name"] = p.First, ["Last_Name"] = p.Last, ["Email"] = p.Email, ["Phone"] = p.Phone, ["Title"] = p.Title,
                    ["Mailing_Street"] = p.Street, ["Mailing_City"] = p.City, ["Mailing_Zip"] = p.Zip, ["Mailing_Country"] = p.Country,
                };
                if (p.Company.Length > 0)
                {
                    if (!accounts.TryGetValue(p.Company, out var account))
                        accounts[p.Company] = account = tenant.Org.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = p.Company }, owner).Id;
                    fields["Account_Name"] = new JsonObject { ["id"] = account };
                }
                if (p.Mobile.Length > 0) fields["Mobile"] = p.Mobile;
                if (p.Comment.Length > 0) fields["Description"] = p.Comment;
                tenant.Org.CreateRecord("Contacts", fields, owner);
                cc++;
            }
        }

        for (var i = 0; i < ToDos.Count; i++)
        {
            var t = ToDos[i];
            var place = where(i);
            if (place is Placement.Notes or Placement.Both)
            {
                AddToNotes(tenant, t, DateTimeOffset.UtcNow.AddDays(-30).AddSeconds(i));
                nt++;
            }

            if (place is Placement.Crm or Placement.Both)
            {
                tenant.Org.CreateRecord("Tasks", new JsonObject
                {
                    ["Subject"] = t.Subject,
                    ["Due_Date"] = t.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["Status"] = t.Completed ? "Completed" : "Not Started",
                    ["Priority"] = t.Importance switch { "1" => "High", "3" => "Low", _ => "Normal" },
                }, owner);
                ct++;
            }
        }

        return (nc, nt, cc, ct);
    }

    /// <summary>Puts every contact and to-do in Notes as a user adds them in the Notes client: saved now, after the last run.</summary>
    public void AddToNotesNow(Tenant tenant)
    {
        foreach (var person in People) AddToNotes(tenant, person, modified: null);
        foreach (var toDo in ToDos) AddToNotes(tenant, toDo, modified: null);
    }

    private static void AddToNotes(Tenant tenant, Person p, DateTimeOffset? modified) =>
        tenant.Domino.State.AddContact(tenant.MailFile, new ContactSpec
        {
            FirstName = p.First, LastName = p.Last, Email = p.Email, OfficePhone = p.Phone, CellPhone = p.Mobile,
            JobTitle = p.Title, CompanyName = p.Company, OfficeStreet = p.Street, OfficeCity = p.City, OfficeZip = p.Zip, OfficeCountry = p.Country,
            Comment = p.Comment, Modified = modified,
        });

    private static void AddToNotes(Tenant tenant, ToDo t, DateTimeOffset? modified)
    {
        var due = DueOf(t);
        tenant.Domino.State.AddTodo(tenant.MailFile, new TodoSpec
        {
            Subject = t.Subject, Due = due, Completed = t.Completed ? due.AddHours(-1) : null, Importance = t.Importance, Modified = modified,
        });
    }

    private static DateTimeOffset DueOf(ToDo t) => new(t.Due.ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero);

    /// <summary>
    /// Edits one record in a hundred on each side, as users would between two runs: Notes documents in the Notes
    /// client, other records in the CRM (never both halves of one pair). Answers how many of each were edited.
    /// </summary>
    public static (int NotesContacts, int NotesTasks, int CrmContacts, int CrmTasks) ChangeOnePercent(Tenant tenant)
    {
        var counts = new int[4];
        foreach (var (form, module, item, field, slot) in new[]
                 {
                     ("Person", "Contacts", "JobTitle", "Title", 0),
                     ("Task", "Tasks", "Subject", "Subject", 1),
                 })
        {
            var documents = tenant.NotesDocuments(form).OrderBy(d => d.Unid, StringComparer.Ordinal).ToList();
            var step = 100;
            var notesEdited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < documents.Count; i += step)
            {
                var doc = documents[i];
                tenant.Domino.State.UpdateItems(tenant.MailFile, doc.Unid, DominoItem.Text(item, doc.Text(item) + " (edited in Notes)"));
                notesEdited.Add(doc.Unid);
                counts[slot]++;
            }

            var unidField = tenant.NotesUnidField(module);
            var records = tenant.Org.Records(module);
            for (var i = step / 2; i < records.Count; i += step)
            {
                var record = records[i];
                if (record[unidField] is { } unid && notesEdited.Contains(unid)) continue;
                tenant.Org.UpdateRecord(module, record.Id, new JsonObject { [field] = (record[field] ?? "") + " (edited in CRM)" });
                counts[slot + 2]++;
            }
        }

        return (counts[0], counts[1], counts[2], counts[3]);
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    private static string Ascii(string text)
    {
        var folded = new string([.. text.Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAsciiLetterOrDigit)]).ToLowerInvariant();
        return folded.Length == 0 ? "contact" : folded;
    }
}
