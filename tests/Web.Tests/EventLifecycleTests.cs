using System.Globalization;
using System.Text.Json.Nodes;
using NotesSync.Simulators.Domino.Calendar;
using NotesSync.Simulators.Domino.State;
using ZohoRecord = NotesSync.Simulators.Zoho.CrmRecord;

namespace NotesSync.Web.Tests;

/// <summary>
/// Events over several runs: series instances moved and deleted on either side, the range on both sides, meetings
/// someone else organised, and an all-day event made in the CRM. Users are in Europe/Paris (the Zoho simulator's default).
/// </summary>
public class EventLifecycleTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static DateTimeOffset InParis(DateOnly day, int hour)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    private static DateOnly DaysFromNow(int days) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime).AddDays(days);

    private static string ParisText(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Paris).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(string? stored) => DateTimeOffset.Parse(stored!, CultureInfo.InvariantCulture);

    private EventSnapshot AddNotesEvent(string summary, DateTimeOffset start, string? rule = null, Organizer? organizer = null,
        IReadOnlyList<Attendee>? attendees = null) =>
        _h.Domino.State.AddEvent(SyncHarness.MailFile, new EventData
        {
            Summary = summary, Start = EventTime.At(start), End = EventTime.At(start.AddHours(1)), TimeZoneId = "Romance Standard Time",
            RecurrenceRule = rule, Organizer = organizer, Attendees = attendees ?? [],
        }, modified: DateTimeOffset.UtcNow.AddHours(-1));

    private IReadOnlyList<ZohoRecord> CrmEvents(string title) => [.. _h.Org.Records("Events").Where(e => e["Event_Title"] == title)];

    /// <summary>Waits until Domino's clock is past the second its documents were last saved in (whole-second versions).</summary>
    private async Task NotesSecondOverAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        var last = _h.Domino.State.GetEvents(SyncHarness.MailFile).Max(e => e.Modified).ToUnixTimeSeconds();
        while (_h.Domino.State.Clock.GetUtcNow().ToUnixTimeSeconds() < last + 2)
        {
            Assert.True(DateTime.UtcNow < until, "Domino's clock did not move on within 10 s");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task An_instance_moved_in_Notes_moves_its_CRM_event_and_one_deleted_on_each_side_deletes_only_that_instance()
    {
        await _h.SettingsAsync("twoWay", contacts: false, tasks: false, events: true);
        var series = AddNotesEvent("Point hebdo", InParis(DaysFromNow(7), 14), rule: "FREQ=WEEKLY;COUNT=4");
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());
        var weekly = CrmEvents("Point hebdo").OrderBy(e => Instant(e["Start_DateTime"])).ToList();
        Assert.Equal(4, weekly.Count);
        var recurrenceIds = weekly.Select(e => Instant(e["Start_DateTime"]).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)).ToList();

        await NotesSecondOverAsync();
        // In Notes: the second meeting moves to 16:00, the third is cancelled. In the CRM: the fourth is deleted.
        _h.Domino.State.MoveInstance(SyncHarness.MailFile, series.EventId, recurrenceIds[1], InParis(DaysFromNow(14), 16), InParis(DaysFromNow(14), 17));
        _h.Domino.State.DeleteInstance(SyncHarness.MailFile, series.EventId, recurrenceIds[2]);
        _h.Org.DeleteRecord("Events", weekly[3].Id);
        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal((1, 1, 1), (SyncHarness.Count(run, "events", "toCrm.updated"), SyncHarness.Count(run, "events", "toCrm.deleted"),
            SyncHarness.Count(run, "events", "toNotes.deleted")));
        var left = CrmEvents("Point hebdo").OrderBy(e => Instant(e["Start_DateTime"])).ToList();
        Assert.Equal([weekly[0].Id, weekly[1].Id], left.Select(e => e.Id));
        Assert.Equal(ParisText(InParis(DaysFromNow(14), 16)), ParisText(Instant(left[1]["Start_DateTime"])));
        var stillThere = _h.Domino.State.GetEvent(SyncHarness.MailFile, series.EventId);
        Assert.NotNull(stillThere);
        var listed = await ListedInstancesAsync();
        Assert.Equal(2, listed);
    }

    /// <summary>The series' instances Domino's calendar lists now.</summary>
    private async Task<int> ListedInstancesAsync()
    {
        using var client = new HttpClient { BaseAddress = _h.Domino.BaseUri };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Jane Doe:{SyncHarness.NotesPassword}")));
        var since = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = await client.GetStringAsync($"/{SyncHarness.MailFile}/api/calendar/events?since={since}&count=100");
        return body.Length == 0 ? 0 : JsonNode.Parse(body)!["events"]!.AsArray().Count(e => e!["summary"]?.GetValue<string>() == "Point hebdo");
    }

    [Fact]
    public async Task From_today_leaves_yesterdays_events_alone_on_both_sides_and_an_event_that_leaves_the_range_is_not_deleted()
    {
        await _h.SettingsAsync("twoWay", contacts: false, tasks: false, events: true, eventRange: "fromToday");
        AddNotesEvent("Hier en Notes", InParis(DaysFromNow(-1), 10));
        var tomorrow = AddNotesEvent("Demain en Notes", InParis(DaysFromNow(1), 10));
        _h.Org.CreateRecord("Events", new JsonObject
        {
            ["Event_Title"] = "Hier au CRM", ["Start_DateTime"] = ParisText(InParis(DaysFromNow(-1), 15)), ["End_DateTime"] = ParisText(InParis(DaysFromNow(-1), 16)),
        });
        _h.Org.CreateRecord("Events", new JsonObject
        {
            ["Event_Title"] = "Demain au CRM", ["Start_DateTime"] = ParisText(InParis(DaysFromNow(1), 15)), ["End_DateTime"] = ParisText(InParis(DaysFromNow(1), 16)),
        });

        var first = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", first);
        Assert.Single(CrmEvents("Demain en Notes"));
        Assert.Empty(CrmEvents("Hier en Notes"));
        var events = _h.Domino.State.GetEvents(SyncHarness.MailFile);
        Assert.Contains(events, e => e.Data.Summary == "Demain au CRM");
        Assert.DoesNotContain(events, e => e.Data.Summary == "Hier au CRM");

        // Moved to last week in Notes: out of the range, so it stops syncing; its CRM copy is not deleted.
        await NotesSecondOverAsync();
        _h.Domino.State.UpdateEvent(SyncHarness.MailFile, tomorrow.EventId, d => d with
        {
            Start = EventTime.At(InParis(DaysFromNow(-7), 10)), End = EventTime.At(InParis(DaysFromNow(-7), 11)),
        });
        var second = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", second);
        Assert.Equal(0, SyncHarness.Count(second, "events", "toCrm.deleted") + SyncHarness.Count(second, "events", "toCrm.updated"));
        var kept = Assert.Single(CrmEvents("Demain en Notes"));
        Assert.Equal(InParis(DaysFromNow(1), 10), Instant(kept["Start_DateTime"]));

        // Out of the range, it is still listed (the calendar is listed from a year before the range): known to exist
        // without reading it, run after run.
        _h.Domino.Calls.Clear();
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());
        Assert.DoesNotContain(_h.Domino.Calls.Calls, c => c.Path.Contains("/api/calendar/events/", StringComparison.Ordinal));
        Assert.Single(CrmEvents("Demain en Notes"));
    }

    [Theory]
    [InlineData("fromLastMonth", true, false)]
    [InlineData("all", true, true)]
    public async Task A_wider_range_takes_in_older_events_on_both_sides(string range, bool lastWeek, bool twoMonthsAgo)
    {
        await _h.SettingsAsync("twoWay", contacts: false, tasks: false, events: true, eventRange: range);
        AddNotesEvent("Notes, la semaine dernière", InParis(DaysFromNow(-7), 10));
        AddNotesEvent("Notes, il y a deux mois", InParis(DaysFromNow(-62), 10));
        foreach (var (title, days) in new[] { ("CRM, la semaine dernière", -7), ("CRM, il y a deux mois", -62) })
            _h.Org.CreateRecord("Events", new JsonObject
            {
                ["Event_Title"] = title, ["Start_DateTime"] = ParisText(InParis(DaysFromNow(days), 15)),
                ["End_DateTime"] = ParisText(InParis(DaysFromNow(days), 16)),
            });

        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());

        var inNotes = _h.Domino.State.GetEvents(SyncHarness.MailFile).Select(e => e.Data.Summary).ToList();
        Assert.Equal((lastWeek, twoMonthsAgo), (CrmEvents("Notes, la semaine dernière").Count == 1, CrmEvents("Notes, il y a deux mois").Count == 1));
        Assert.Equal((lastWeek, twoMonthsAgo), (inNotes.Contains("CRM, la semaine dernière"), inNotes.Contains("CRM, il y a deux mois")));
    }

    [Fact]
    public async Task A_meeting_organised_by_someone_else_is_mirrored_and_its_CRM_edits_lose_to_Notes_once_without_a_failure()
    {
        await _h.SettingsAsync("twoWay", contacts: false, tasks: false, events: true);
        var paul = new Organizer("Paul Martin/Acme", "paul.martin@acme.com");
        var invited = AddNotesEvent("Revue trimestrielle", InParis(DaysFromNow(3), 9), organizer: paul,
            attendees: [new Attendee("chair", "accepted", false, paul.DisplayName, paul.Email),
                new Attendee("req-participant", "accepted", true, "Jane Doe/Acme", "jdoe@acme.com")]);
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());
        var crm = Assert.Single(CrmEvents("Revue trimestrielle"));
        Assert.Contains("jdoe@acme.com", crm["Participants"], StringComparison.Ordinal);
        Assert.DoesNotContain("paul.martin@acme.com", crm["Participants"], StringComparison.Ordinal);

        _h.Org.UpdateRecord("Events", crm.Id, new JsonObject { ["Event_Title"] = "Revue (renommée au CRM)" });
        var run = await _h.SyncAsync();

        // Told, as a shortened value is: a warning of the run (which still succeeded), and no failure.
        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal("organised-by-other", Assert.Single(run.GetProperty("warnings").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(0, SyncHarness.Count(run, "events", "failed"));
        Assert.Equal(1, SyncHarness.Count(run, "events", "toCrm.updated"));
        Assert.Equal("Revue trimestrielle", _h.Org.FindRecord("Events", crm.Id)!["Event_Title"]);
        Assert.Equal("Revue trimestrielle", _h.Domino.State.GetEvent(SyncHarness.MailFile, invited.EventId)!.Data.Summary);
        Assert.Empty(run.GetProperty("failures").EnumerateArray());
        Assert.DoesNotContain(_h.Domino.Calls.Calls, c => c.Method == "PUT");

        var quiet = await _h.SyncAsync();
        SyncHarness.AssertStatus("succeeded", quiet);
        Assert.Empty(quiet.GetProperty("failures").EnumerateArray());
    }

    [Fact]
    public async Task An_all_day_event_and_a_timed_one_made_in_the_CRM_reach_Notes_on_their_days_and_times()
    {
        await _h.SettingsAsync("crmToNotes", contacts: false, tasks: false, events: true);
        var day = DaysFromNow(20);
        _h.Org.CreateRecord("Events", new JsonObject
        {
            ["Event_Title"] = "Séminaire", ["All_day"] = true,
            ["Start_DateTime"] = ParisText(InParis(day, 0)), ["End_DateTime"] = ParisText(InParis(day.AddDays(1), 0).AddSeconds(-1)),
        });
        _h.Org.CreateRecord("Events", new JsonObject
        {
            ["Event_Title"] = "Déjeuner client", ["Venue"] = "Le Procope",
            ["Start_DateTime"] = ParisText(InParis(day, 12)), ["End_DateTime"] = ParisText(InParis(day, 14)),
            ["Remind_At"] = ParisText(InParis(day, 12).AddMinutes(-10)),
        });

        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal(2, SyncHarness.Count(run, "events", "toNotes.created"));
        var events = _h.Domino.State.GetEvents(SyncHarness.MailFile);
        var seminar = Assert.Single(events, e => e.Data.Summary == "Séminaire").Data;
        Assert.Equal((true, day, day), (seminar.Start.DateOnly, seminar.Start.Date, seminar.End.Date));
        var lunch = Assert.Single(events, e => e.Data.Summary == "Déjeuner client").Data;
        Assert.Equal((InParis(day, 12), InParis(day, 14), "Le Procope", 10), (lunch.Start.Utc, lunch.End.Utc, lunch.Location, lunch.AlarmMinutesBefore));
        Assert.Empty(_h.Domino.State.SentNotices);

        // The entries the sync wrote are known by the version it wrote: the next run reads none of them.
        _h.Domino.Calls.Clear();
        var again = await _h.SyncAsync();
        SyncHarness.AssertStatus("succeeded", again);
        Assert.DoesNotContain(_h.Domino.Calls.Calls, c => c.Method != "GET" || c.Path.Contains("/api/calendar/events/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_recurring_CRM_event_becomes_a_Notes_series_and_the_next_run_makes_no_copy_of_its_instances()
    {
        await _h.SettingsAsync("twoWay", contacts: false, tasks: false, events: true);
        var first = InParis(DaysFromNow(5), 8);
        _h.Org.CreateRecord("Events", new JsonObject
        {
            ["Event_Title"] = "Stand-up", ["Start_DateTime"] = ParisText(first), ["End_DateTime"] = ParisText(first.AddMinutes(15)),
            ["Recurring_Activity"] = new JsonObject { ["RRULE"] = "FREQ=DAILY;INTERVAL=1;COUNT=3" },
            ["Remind_At"] = new JsonArray(new JsonObject { ["unit"] = 5, ["period"] = "minutes" }),
        });

        var created = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", created);
        Assert.Equal(1, SyncHarness.Count(created, "events", "toNotes.created"));
        var series = Assert.Single(_h.Domino.State.GetEvents(SyncHarness.MailFile));
        Assert.Equal(("FREQ=DAILY;COUNT=3;INTERVAL=1", 5, first), (series.Data.RecurrenceRule, series.Data.AlarmMinutesBefore, series.Data.Start.Utc));

        var again = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", again);
        Assert.Single(CrmEvents("Stand-up"));
        Assert.Single(_h.Domino.State.GetEvents(SyncHarness.MailFile));
        Assert.Equal(0, SyncHarness.Count(again, "events", "toCrm.created") + SyncHarness.Count(again, "events", "toCrm.updated")
            + SyncHarness.Count(again, "events", "toNotes.updated"));
    }
}
