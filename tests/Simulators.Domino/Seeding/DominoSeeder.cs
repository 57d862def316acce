using Bogus;
using NotesSync.Simulators.Domino.Calendar;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.Seeding;

/// <summary>What the seeder made for one user.</summary>
public sealed record SeededUser(
    NotesUser User,
    IReadOnlyList<string> ContactUnids,
    IReadOnlyList<string> TodoUnids,
    IReadOnlyList<EventSnapshot> Events,
    EventSnapshot? PendingInvitation);

public sealed record SeedCounts(int Contacts = 25, int Todos = 10, int Events = 20)
{
    /// <summary>Share of contacts, to-dos and events marked private (the sync must skip them).</summary>
    public double PrivateShare { get; init; } = 0.2;

    /// <summary>Add a personal group to ($Contacts), as real mail files have: a contact list must filter on @form.</summary>
    public bool IncludeGroup { get; init; } = true;

    /// <summary>Add an unprocessed invitation: listed among events with x-lotus-noticetype "I".</summary>
    public bool IncludeInvitation { get; init; } = true;

    /// <summary>Add one weekly meeting series (instances share an id, each has a recurrenceId).</summary>
    public bool IncludeRecurringSeries { get; init; } = true;
}

/// <summary>
/// Realistic mail-file content from Bogus with a fixed seed: French, German, English and Spanish names (so
/// "Müller", "Françoise", "Núñez" appear), phones, addresses, to-dos with due dates, meetings with attendees.
/// Times are relative to the state's clock, so a fixed clock gives identical data on every run.
/// </summary>
public sealed class DominoSeeder(DominoState state, int seed)
{
    public const string DemoUserName = "Jane Doe";
    public const string DemoPassword = "notes-demo";

    private static readonly string[] Locales = ["fr", "de", "en", "es"];

    /// <summary>The sandbox's demo user, with names.nsf open to DAS so that the mail file can be looked up.</summary>
    public SeededUser SeedDemo()
    {
        var seeded = SeedUser(new NotesUserSpec(DemoUserName, DemoPassword), new SeedCounts(Contacts: 40, Todos: 15, Events: 30));
        state.SetDatabaseAccess(DominoState.DirectoryPath, DataServiceAccess.ViewsAndDocuments);
        state.SetViewAccess(DominoState.DirectoryPath, "($Users)", true);
        return seeded;
    }

    public SeededUser SeedUser(NotesUserSpec spec, SeedCounts? counts = null)
    {
        counts ??= new SeedCounts();
        var user = state.FindUser(spec.CommonName) ?? state.AddUser(spec);
        var mailFile = user.MailFilePath;
        var now = state.Clock.GetUtcNow();
        var random = new Randomizer(seed);

        var contacts = new List<(string Unid, ContactSpec Spec)>();
        for (var i = 0; i < counts.Contacts; i++)
        {
            var contact = Contact(FakerFor(i), now, random.Double() < counts.PrivateShare);
            contacts.Add((state.AddContact(mailFile, contact), contact));
        }
        if (counts.IncludeGroup && contacts.Count > 1)
            state.AddGroup(mailFile, "Équipe projet", [.. contacts.Take(3).Select(c => $"{c.Spec.FirstName} {c.Spec.LastName}")]);

        var todos = new List<string>();
        for (var i = 0; i < counts.Todos; i++)
            todos.Add(state.AddTodo(mailFile, Todo(FakerFor(1000 + i), now, random.Double() < counts.PrivateShare)));

        var events = new List<EventSnapshot>();
        var zone = state.Server.TimeZoneId;
        for (var i = 0; i < counts.Events; i++)
        {
            var faker = FakerFor(2000 + i);
            var attendees = faker.Random.Double() < 0.4 && contacts.Count > 0
                ? faker.PickRandom(contacts, faker.Random.Int(1, Math.Min(3, contacts.Count))).Where(c => c.Spec.Email.Length > 0)
                    .Select(c => new Attendee("req-participant", faker.PickRandom("needs-action", "accepted", "tentative"), true,
                        $"{c.Spec.FirstName} {c.Spec.LastName}", c.Spec.Email)).ToList()
                : [];
            events.Add(state.AddEvent(mailFile, Event(faker, user, now, zone, attendees, random.Double() < counts.PrivateShare), modified: Past(faker, now)));
        }
        if (counts.IncludeRecurringSeries)
        {
            var monday = now.Date.AddDays(((int)DayOfWeek.Monday - (int)now.DayOfWeek + 7) % 7);
            events.Add(state.AddEvent(mailFile, new EventData
            {
                Summary = "Point hebdomadaire",
                Location = "Salle Écluse",
                Start = EventTime.At(new DateTimeOffset(monday.AddHours(8), TimeSpan.Zero)),
                End = EventTime.At(new DateTimeOffset(monday.AddHours(8.5), TimeSpan.Zero)),
                RecurrenceRule = "FREQ=WEEKLY;COUNT=8",
                TimeZoneId = zone,
            }));
        }

        EventSnapshot? invitation = null;
        if (counts.IncludeInvitation && contacts.FirstOrDefault(c => c.Spec.Email.Length > 0) is { Spec: { } from })
        {
            var faker = FakerFor(3000);
            var start = now.Date.AddDays(faker.Random.Int(2, 10)).AddHours(faker.Random.Int(8, 16));
            var organizer = new Organizer($"{from.FirstName} {from.LastName}", from.Email);
            invitation = state.AddInvitation(mailFile, new EventData
            {
                Summary = $"Invitation : {faker.Company.CatchPhrase()}",
                Start = EventTime.At(new DateTimeOffset(start, TimeSpan.Zero)),
                End = EventTime.At(new DateTimeOffset(start.AddHours(1), TimeSpan.Zero)),
                Organizer = organizer,
                Attendees =
                [
                    new Attendee("chair", "accepted", false, organizer.DisplayName, organizer.Email),
                    new Attendee("req-participant", "needs-action", true, user.AbbreviatedName, user.InternetAddress),
                ],
                TimeZoneId = zone,
            });
        }

        return new SeededUser(user, [.. contacts.Select(c => c.Unid)], todos, events, invitation);
    }

    private Faker FakerFor(int index) => new(Locales[index % Locales.Length]) { Random = new Randomizer(seed + index) };

    private static ContactSpec Contact(Faker f, DateTimeOffset now, bool isPrivate)
    {
        var first = f.Name.FirstName();
        var last = f.Name.LastName();
        return new ContactSpec
        {
            FirstName = first,
            LastName = last,
            CompanyName = f.Company.CompanyName(),
            JobTitle = f.Name.JobTitle(),
            Email = f.Internet.Email(first, last),
            OfficePhone = f.Phone.PhoneNumber(),
            CellPhone = f.Random.Bool(0.6f) ? f.Phone.PhoneNumber() : "",
            OfficeStreet = f.Address.StreetAddress(),
            OfficeCity = f.Address.City(),
            OfficeZip = f.Address.ZipCode(),
            OfficeCountry = f.Address.Country(),
            Comment = f.Random.Bool(0.3f) ? f.Lorem.Sentence() : "",
            Categories = f.Random.Bool(0.3f) ? [f.PickRandom("Clients", "Fournisseurs", "Partenaires")] : [],
            Birthday = f.Random.Bool(0.2f) ? DateOnly.FromDateTime(now.UtcDateTime.AddYears(-f.Random.Int(25, 60)).AddDays(-f.Random.Int(0, 364))) : null,
            Private = isPrivate,
            Modified = Past(f, now),
        };
    }

    private static TodoSpec Todo(Faker f, DateTimeOffset now, bool isPrivate)
    {
        var due = new DateTimeOffset(now.Date.AddDays(f.Random.Int(-20, 40)).AddHours(17), TimeSpan.Zero);
        return new TodoSpec
        {
            Subject = f.Hacker.Phrase(),
            Body = f.Random.Bool(0.5f) ? $"<p>{f.Lorem.Paragraph()}</p>" : "",
            Due = due,
            Start = due.AddDays(-f.Random.Int(0, 5)),
            Completed = due < now && f.Random.Bool(0.6f) ? due.AddHours(-f.Random.Int(1, 48)) : null,
            Importance = f.PickRandom("1", "2", "3"),
            Private = isPrivate,
            Modified = Past(f, now),
        };
    }

    private static EventData Event(Faker f, NotesUser owner, DateTimeOffset now, string zone, List<Attendee> attendees, bool isPrivate)
    {
        var allDay = attendees.Count == 0 && f.Random.Bool(0.15f);
        var day = now.Date.AddDays(f.Random.Int(-30, 60));
        if (allDay)
        {
            var date = DateOnly.FromDateTime(day);
            return new EventData { Summary = f.PickRandom("Congés", "Salon professionnel", "Formation", "Séminaire"), Start = EventTime.OnDate(date), End = EventTime.OnDate(date), Class = isPrivate ? "private" : "public", TimeZoneId = zone };
        }

        var start = new DateTimeOffset(day.AddHours(f.Random.Int(7, 16)).AddMinutes(f.PickRandom(0, 30)), TimeSpan.Zero);
        var organizer = attendees.Count > 0 ? new Organizer(owner.AbbreviatedName, owner.InternetAddress) : null;
        return new EventData
        {
            Summary = attendees.Count > 0 ? $"Réunion {f.Company.CompanyName()}" : f.Company.CatchPhrase(),
            Location = f.Random.Bool(0.6f) ? f.Address.City() : "",
            Description = f.Random.Bool(0.4f) ? f.Lorem.Sentence() : "",
            Start = EventTime.At(start),
            End = EventTime.At(start.AddMinutes(f.PickRandom(30, 60, 90))),
            Class = isPrivate ? f.PickRandom("private", "confidential") : "public",
            Organizer = organizer,
            Attendees = attendees.Count == 0 ? [] : [new Attendee("chair", "accepted", false, owner.AbbreviatedName, owner.InternetAddress), .. attendees],
            AlarmMinutesBefore = f.Random.Bool(0.3f) ? 15 : null,
            TimeZoneId = zone,
        };
    }

    private static DateTimeOffset Past(Faker f, DateTimeOffset now) =>
        now.AddMinutes(-f.Random.Int(60, 90 * 24 * 60)).AddMilliseconds(-f.Random.Int(0, 99) * 10);
}
