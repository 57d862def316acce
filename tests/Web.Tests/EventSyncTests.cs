using System.Globalization;
using System.Text.Json.Nodes;
using NotesSync.Simulators.Domino.Calendar;
using NotesSync.Simulators.Domino.State;
using ZohoRecord = NotesSync.Simulators.Zoho.CrmRecord;

namespace NotesSync.Web.Tests;

/// <summary>
/// Calendar events end to end against both simulators: the organisation's users are in Europe/Paris (the Zoho
/// simulator's default), so the CRM answers times at Paris offsets; Notes holds them in its own zones.
/// </summary>
public class EventSyncTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>Next year's <paramref name="month"/>/<paramref name="day"/> at a Paris wall-clock time: always ahead of today.</summary>
    private static DateTimeOffset InParis(int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(DateTime.UtcNow.Year + 1, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    private static DateOnly NextYear(int month, int day) => new(DateTime.UtcNow.Year + 1, month, day);

    /// <summary>The Monday after next year's European change of clocks in <paramref name="month"/> (its last Sunday).</summary>
    private static DateOnly DayAfterChange(int month)
    {
        var year = DateTime.UtcNow.Year + 1;
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(1 - (int)last.DayOfWeek);
    }

    private static readonly DateOnly AfterSpringChange = DayAfterChange(3);
    private static readonly DateOnly AfterAutumnChange = DayAfterChange(10);

    private static DateTimeOffset InParis(DateOnly day, int hour, int minute = 0)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    private EventSnapshot AddNotesEvent(string summary, EventTime start, EventTime end, string? zone = "Romance Standard Time",
        string cls = "public", string? rule = null, int? alarm = null, IReadOnlyList<Attendee>? attendees = null, Organizer? organizer = null) =>
        _h.Domino.State.AddEvent(SyncHarness.MailFile, new EventData
        {
            Summary = summary, Start = start, End = end, TimeZoneId = zone, Class = cls, RecurrenceRule = rule,
            AlarmMinutesBefore = alarm, Attendees = attendees ?? [], Organizer = organizer,
        }, modified: DateTimeOffset.UtcNow.AddHours(-1)); // saved before the sync began, as a user's own entries are

    private IReadOnlyList<ZohoRecord> CrmEvents => _h.Org.Records("Events");

    private ZohoRecord CrmEvent(string title) => Assert.Single(CrmEvents, e => e["Event_Title"] == title);

    private static string ParisText(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Paris).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A date-time the CRM holds, as a user in Paris sees it.</summary>
    private static string AsInParis(string? stored) =>
        ParisText(DateTimeOffset.Parse(stored ?? throw new ArgumentNullException(nameof(stored)), CultureInfo.InvariantCulture));

    private int WriteCalls() =>
        _h.Domino.Calls.Calls.Count(c => c.Method is "POST" or "PUT" or "PATCH" or "DELETE")
        + _h.Zoho.State.Calls.All.Count(c => c.Method is "POST" or "PUT" or "DELETE" && !c.Path.EndsWith("/coql", StringComparison.Ordinal));

    [Fact]
    public async Task A_first_sync_carries_a_zoned_event_an_all_day_event_and_a_series_to_the_CRM_but_not_a_private_event()
    {
        await _h.SettingsAsync("notesToCrm", contacts: false, tasks: false, events: true);
        // 09:00 Paris just after the March change and just after the October one: 07:00 and 08:00 UTC.
        AddNotesEvent("Comité de direction", EventTime.At(InParis(AfterSpringChange, 9)), EventTime.At(InParis(AfterSpringChange, 10, 30)), alarm: 15);
        AddNotesEvent("Revue d'automne", EventTime.At(InParis(AfterAutumnChange, 9)), EventTime.At(InParis(AfterAutumnChange, 10)));
        AddNotesEvent("Salon professionnel", EventTime.OnDate(NextYear(1, 14)), EventTime.OnDate(NextYear(1, 16)));
        AddNotesEvent("Point hebdo", EventTime.At(InParis(2, 2, 14)), EventTime.At(InParis(2, 2, 14, 30)), rule: "FREQ=WEEKLY;COUNT=3");
        AddNotesEvent("Médecin", EventTime.At(InParis(2, 3, 8)), EventTime.At(InParis(2, 3, 9)), cls: "private");

        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.True(SyncHarness.Count(run, "events", "toCrm.created") == 6, run.ToString());
        Assert.Equal(1, SyncHarness.Count(run, "events", "skippedPrivate"));
        var march = CrmEvent("Comité de direction");
        Assert.Equal((ParisText(InParis(AfterSpringChange, 9)), ParisText(InParis(AfterSpringChange, 10, 30)), "false"),
            (AsInParis(march["Start_DateTime"]), AsInParis(march["End_DateTime"]), march["All_day"]));
        Assert.EndsWith("T09:00:00+02:00", AsInParis(march["Start_DateTime"]), StringComparison.Ordinal);
        Assert.Equal(ParisText(InParis(AfterSpringChange, 8, 45)), AsInParis(march["Remind_At"]));
        Assert.EndsWith("T09:00:00+01:00", AsInParis(CrmEvent("Revue d'automne")["Start_DateTime"]), StringComparison.Ordinal);
        var fair = CrmEvent("Salon professionnel");
        Assert.Equal(($"{NextYear(1, 14):yyyy-MM-dd}T00:00:00+01:00", $"{NextYear(1, 16):yyyy-MM-dd}T23:59:59+01:00", "true"),
            (AsInParis(fair["Start_DateTime"]), AsInParis(fair["End_DateTime"]), fair["All_day"]));
        var weekly = CrmEvents.Where(e => e["Event_Title"] == "Point hebdo").Select(e => AsInParis(e["Start_DateTime"])).Order().ToList();
        Assert.Equal([ParisText(InParis(2, 2, 14)), ParisText(InParis(2, 9, 14)), ParisText(InParis(2, 16, 14))], weekly);
        Assert.DoesNotContain(CrmEvents, e => e["Event_Title"] == "Médecin");
    }

    [Fact]
    public async Task A_re_sync_with_nothing_changed_writes_nothing_and_reads_no_event()
    {
        await _h.SettingsAsync("twoWay", contacts: false, tasks: false, events: true);
        AddNotesEvent("Comité de direction", EventTime.At(InParis(AfterSpringChange, 9)), EventTime.At(InParis(AfterSpringChange, 10)), alarm: 30);
        AddNotesEvent("Salon professionnel", EventTime.OnDate(NextYear(1, 14)), EventTime.OnDate(NextYear(1, 14)));
        AddNotesEvent("Point hebdo", EventTime.At(InParis(2, 2, 14)), EventTime.At(InParis(2, 2, 14, 30)), rule: "FREQ=WEEKLY;COUNT=2");
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());
        _h.Domino.Calls.Clear();
        _h.Zoho.State.Calls.Clear();

        var again = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", again);
        Assert.Equal(0, WriteCalls());
        Assert.True(!_h.Domino.Calls.Calls.Any(c => c.Method == "GET" && c.Path.Contains("/api/calendar/events/", StringComparison.Ordinal)),
            string.Join("\n", _h.Domino.Calls.Calls.Select(c => $"{c.Method} {c.Path}?{c.Query}")) + again);
        Assert.Equal(0, SyncHarness.Count(again, "events", "toNotes.updated") + SyncHarness.Count(again, "events", "toCrm.updated"));
    }

    [Fact]
    public async Task An_event_edited_in_the_CRM_updates_Notes_without_mailing_anyone_and_keeps_its_Notes_zone()
    {
        await _h.SettingsAsync("twoWay", contacts: false, tasks: false, events: true);
        var meeting = AddNotesEvent("Comité de direction", EventTime.At(InParis(AfterSpringChange, 9)), EventTime.At(InParis(AfterSpringChange, 10)),
            attendees: [new Attendee("chair", "accepted", false, "Jane Doe/Acme", "jdoe@acme.com"),
                new Attendee("req-participant", "accepted", true, "Paul Martin/Acme", "paul.martin@acme.example")],
            organizer: new Organizer("Jane Doe/Acme", "jdoe@acme.com"));
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());
        var crm = CrmEvent("Comité de direction");
        Assert.Contains("paul.martin@acme.example", crm["Participants"], StringComparison.Ordinal);

        // Moved to 11:00 Paris (after the March change) and renamed in the CRM.
        _h.Org.UpdateRecord("Events", crm.Id, new JsonObject
        {
            ["Event_Title"] = "Comité de direction (décalé)",
            ["Start_DateTime"] = ParisText(InParis(AfterSpringChange, 11)),
            ["End_DateTime"] = ParisText(InParis(AfterSpringChange, 12)),
        });
        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal(1, SyncHarness.Count(run, "events", "toNotes.updated"));
        var notes = _h.Domino.State.GetEvent(SyncHarness.MailFile, meeting.EventId)!;
        Assert.Equal("Comité de direction (décalé)", notes.Data.Summary);
        Assert.Equal(InParis(AfterSpringChange, 11), notes.Data.Start.Utc);
        Assert.Equal("Romance Standard Time", notes.Data.TimeZoneId);
        Assert.Contains(notes.Data.Attendees, a => a.Email == "paul.martin@acme.example");
        Assert.Empty(_h.Domino.State.SentNotices);
        Assert.All(_h.Domino.Calls.Calls.Where(c => c.Method is "POST" or "PUT" or "DELETE" && c.Path.Contains("/api/calendar/", StringComparison.Ordinal)),
            c => Assert.Contains("workflow=false", c.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_meeting_on_both_sides_before_the_first_sync_is_matched_by_title_and_start_not_copied()
    {
        await _h.SettingsAsync("twoWay", contacts: false, tasks: false, events: true);
        var start = InParis(AfterSpringChange, 9);
        AddNotesEvent("Comité de direction", EventTime.At(start), EventTime.At(start.AddHours(1)));
        _h.Org.CreateRecord("Events", new JsonObject
        {
            // The same instant, typed at another offset in the CRM.
            ["Event_Title"] = "Comité de direction",
            ["Start_DateTime"] = start.ToOffset(TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["End_DateTime"] = ParisText(start.AddHours(1)),
        });

        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Single(CrmEvents, e => e["Event_Title"] == "Comité de direction");
        Assert.Single(_h.Domino.State.GetEvents(SyncHarness.MailFile), e => e.Data.Summary == "Comité de direction");
        Assert.Equal(0, SyncHarness.Count(run, "events", "toCrm.created") + SyncHarness.Count(run, "events", "toNotes.created"));
    }

    [Fact]
    public async Task Attendees_who_are_CRM_contacts_become_contact_participants_others_email_ones_and_a_CRM_participant_reaches_Notes_uninvited()
    {
        await _h.SettingsAsync("twoWay", contacts: false, tasks: false, events: true);
        var paul = _h.AddCrmContact("Paul", "Martin", "paul.martin@acme.com");
        var meeting = AddNotesEvent("Comité de direction", EventTime.At(InParis(AfterSpringChange, 9)), EventTime.At(InParis(AfterSpringChange, 10)),
            attendees: [new Attendee("chair", "accepted", false, "Jane Doe/Acme", "jdoe@acme.com"),
                new Attendee("req-participant", "accepted", true, "Paul Martin/Acme", "Paul.Martin@acme.com"),
                new Attendee("opt-participant", "needs-action", true, "", "ann@client.example")],
            organizer: new Organizer("Jane Doe/Acme", "jdoe@acme.com"));
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());

        var crm = CrmEvent("Comité de direction");
        var participants = JsonNode.Parse(crm["Participants"]!)!.AsArray().OfType<JsonObject>().ToList();
        Assert.Equal(2, participants.Count);
        Assert.Contains(participants, p => (string?)p["type"] == "contact" && (string?)p["participant"] == paul.Id);
        Assert.Contains(participants, p => (string?)p["type"] == "email" && (string?)p["Email"] == "ann@client.example");

        participants.Add(new JsonObject { ["type"] = "email", ["Email"] = "zoe@client.example" });
        _h.Org.UpdateRecord("Events", crm.Id, new JsonObject { ["Participants"] = new JsonArray([.. participants.Select(p => p.DeepClone())]) });
        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        var attendees = _h.Domino.State.GetEvent(SyncHarness.MailFile, meeting.EventId)!.Data.Attendees.Select(a => a.Email.ToLowerInvariant()).ToList();
        Assert.Contains("zoe@client.example", attendees);
        Assert.Contains("paul.martin@acme.com", attendees);
        Assert.Contains("jdoe@acme.com", attendees);
        Assert.Empty(_h.Domino.State.SentNotices);
    }
}
