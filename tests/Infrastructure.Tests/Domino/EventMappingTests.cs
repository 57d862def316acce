using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotesSync.Application.Crm;
using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Profiles;
using NotesSync.Infrastructure.Domino;
using NotesSync.Infrastructure.Domino.Modules;
using NotesSync.Infrastructure.Zoho;
using NotesSync.Infrastructure.Zoho.Modules;

namespace NotesSync.Infrastructure.Tests.Domino;

/// <summary>
/// An event's round trip Notes → product → Zoho → product → Notes, as each side writes and answers it: UTC events,
/// events in a Notes zone (defined by the answer's own <c>timezones</c> block, under Notes' own names) and all-day
/// events, on the days around the March and October changes in Paris and New York; reminders and attendees.
/// </summary>
public class EventMappingTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    /// <summary>Notes' own definitions, as a Domino server sends them (offsets and yearly rules; names of its own).</summary>
    private static readonly Dictionary<string, string> NotesZones = new()
    {
        ["Europe/Paris"] = """{"tzid":"W. Europe","standard":{"start":{"date":"1970-10-25","time":"03:00:00"},"offsetFrom":"+0200","offsetTo":"+0100","recurrenceRule":"FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"},"daylight":{"start":{"date":"1970-03-29","time":"02:00:00"},"offsetFrom":"+0100","offsetTo":"+0200","recurrenceRule":"FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"}}""",
        ["America/New_York"] = """{"tzid":"Eastern","standard":{"start":{"date":"1970-11-01","time":"02:00:00"},"offsetFrom":"-0400","offsetTo":"-0500","recurrenceRule":"FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"},"daylight":{"start":{"date":"1970-03-08","time":"02:00:00"},"offsetFrom":"-0500","offsetTo":"-0400","recurrenceRule":"FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"}}""",
    };

    private static TimeZoneInfo Zone(string id) => id == "Europe/Paris" ? Paris : NewYork;

    /// <summary>A full event as <c>GET /events/{id}</c> answers it: local times with a tzid, or UTC, or dates.</summary>
    private static JsonElement Answer(string kind, string zoneId, string date, string time)
    {
        var zone = JsonNode.Parse(NotesZones[zoneId])!;
        var tzid = zone["tzid"]!.GetValue<string>();
        JsonObject At(string d, string t) => kind switch
        {
            "tzid" => new JsonObject { ["date"] = d, ["time"] = t, ["tzid"] = tzid },
            "utc" => new JsonObject { ["date"] = d, ["time"] = t, ["utc"] = true },
            _ => new JsonObject { ["date"] = d },
        };
        var end = kind == "allDay"
            ? DateOnly.Parse(date, CultureInfo.InvariantCulture).AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date;
        var answer = new JsonObject
        {
            ["events"] = new JsonArray(new JsonObject
            {
                ["id"] = "0123456789ABCDEF0123456789ABCDEF-Lotus_Notes_Generated",
                ["summary"] = "Comité", ["location"] = "Salle 4", ["description"] = "Budget",
                ["start"] = At(date, time), ["end"] = At(end, "10:30:00"),
                ["class"] = "public", ["sequence"] = 2, ["last-modified"] = "20260301T101500Z",
                ["organizer"] = new JsonObject { ["displayName"] = "Jane Doe/Acme", ["email"] = "jdoe@acme.com" },
                ["attendees"] = new JsonArray(
                    new JsonObject { ["role"] = "chair", ["status"] = "accepted", ["email"] = "jdoe@acme.com" },
                    new JsonObject { ["role"] = "req-participant", ["status"] = "needs-action", ["email"] = "Paul.Martin@acme.com" },
                    new JsonObject { ["role"] = "opt-participant", ["status"] = "accepted", ["email"] = "ann@client.example" }),
                ["alarm"] = new JsonArray(new JsonObject { ["action"] = "display", ["trigger"] = new JsonObject { ["duration"] = "-PT15M", ["related"] = "start" } }),
            }),
        };
        if (kind == "tzid") answer["timezones"] = new JsonArray(zone);
        return JsonDocument.Parse(answer.ToJsonString()).RootElement.Clone();
    }

    /// <summary>Zoho answers date-times in the reading user's zone: here another zone again, to show the offset does not matter.</summary>
    private static ZohoRecord AsZohoAnswers(Dictionary<string, string?> written, TimeZoneInfo reader)
    {
        string? Rendered(string? value) => value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? ZohoRecords.Iso(TimeZoneInfo.ConvertTime(at, reader)) : value;
        var fields = written.ToDictionary(f => f.Key, f => f.Key is "Start_DateTime" or "End_DateTime" or "Remind_At" ? Rendered(f.Value) : f.Value);
        var participants = JsonNode.Parse(written["Participants"]!)!.AsArray()
            .Select(p => new CrmParticipant("email", null, p!["Email"]!.GetValue<string>(), null)).ToList();
        fields.Remove("Participants");
        return new ZohoRecord("42", DateTimeOffset.UtcNow, fields, [], participants);
    }

    public static TheoryData<string, string, string, string> DstDays => new()
    {
        // Paris changes on the last Sundays of March and October (29 March, 25 October 2026), New York on 8 March and 1 November.
        { "tzid", "Europe/Paris", "2026-03-28", "09:00:00" }, { "tzid", "Europe/Paris", "2026-03-30", "09:00:00" },
        { "tzid", "Europe/Paris", "2026-10-24", "09:00:00" }, { "tzid", "Europe/Paris", "2026-10-26", "09:00:00" },
        { "tzid", "America/New_York", "2026-03-07", "09:00:00" }, { "tzid", "America/New_York", "2026-03-09", "09:00:00" },
        { "tzid", "America/New_York", "2026-10-31", "09:00:00" }, { "tzid", "America/New_York", "2026-11-02", "09:00:00" },
        { "utc", "Europe/Paris", "2026-03-30", "07:00:00" }, { "utc", "America/New_York", "2026-11-02", "07:00:00" },
        { "allDay", "Europe/Paris", "2026-03-28", "" }, { "allDay", "Europe/Paris", "2026-10-24", "" },
        { "allDay", "America/New_York", "2026-03-07", "" }, { "allDay", "America/New_York", "2026-10-31", "" },
    };

    [Theory]
    [MemberData(nameof(DstDays))]
    public void An_event_goes_to_Zoho_and_back_to_Notes_unchanged_at_its_wall_clock_time(string kind, string zoneId, string date, string time)
    {
        var userZone = Zone(zoneId);
        var module = new EventModule(EventWindow.For(EventRange.All, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), userZone));
        var answer = Answer(kind, zoneId, date, time);
        var notes = DasEvents.FromAnswer(answer)!;

        var fromNotes = module.Canonical(NotesEventValues.From(notes));
        var (written, _) = new ZohoEventFields().ToZoho(fromNotes, PickLists.None);
        var fromZoho = module.Canonical(new ZohoEventFields().FromZoho(AsZohoAnswers(written, LosAngeles), PickLists.None));

        Assert.Equal(fromNotes, fromZoho);
        Assert.Equal(("15", "ann@client.example, paul.martin@acme.com"), (fromZoho[EventModule.Reminder], fromZoho[EventModule.Attendees]));
        var start = DateTimeOffset.Parse(written["Start_DateTime"]!, CultureInfo.InvariantCulture);
        var local = TimeZoneInfo.ConvertTime(start, userZone);
        if (kind == "allDay")
        {
            Assert.Equal(("true", date, TimeSpan.Zero), (written["All_day"], local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), local.TimeOfDay));
            var end = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(written["End_DateTime"]!, CultureInfo.InvariantCulture), userZone);
            Assert.Equal(DateOnly.Parse(date, CultureInfo.InvariantCulture).AddDays(2), DateOnly.FromDateTime(end.DateTime));
        }
        else if (kind == "tzid")
        {
            Assert.Equal($"{date}T{time}", local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        }

        // Back into Notes: the whole event PUT, in its own zone with its definition, at the same wall-clock time.
        var changed = NotesEventValues.Changed(notes, fromZoho, notes.Sequence);
        var put = DasEvents.ForUpdate(changed, answer);
        var sent = put["events"]![0]!;
        Assert.Equal(date, sent["start"]!["date"]!.GetValue<string>());
        if (kind == "tzid") Assert.Equal((time, JsonNode.Parse(NotesZones[zoneId])!["tzid"]!.GetValue<string>()),
            (sent["start"]!["time"]!.GetValue<string>(), sent["start"]!["tzid"]!.GetValue<string>()));
        if (kind == "allDay") Assert.Null(sent["start"]!["time"]);
        Assert.Equal(2, sent["sequence"]!.GetValue<int>());
        // An unchanged description is not sent: Domino keeps it, with its formatting (das.md "Checked" 3).
        Assert.Null(sent["description"]);
        var again = DasEvents.FromAnswer(JsonDocument.Parse(put.ToJsonString()).RootElement)! with { Description = notes.Description };
        Assert.Equal(fromNotes, module.Canonical(NotesEventValues.From(again)));
    }

    [Fact]
    public void A_reminder_Zoho_gives_as_offsets_or_in_the_Tasks_form_reads_as_minutes_before_the_start()
    {
        var module = new EventModule(EventWindow.For(EventRange.All, DateTimeOffset.UtcNow, Paris));
        ZohoRecord With(string reminder) => new("1", DateTimeOffset.UtcNow, new Dictionary<string, string?>
        {
            ["Event_Title"] = "x", ["Start_DateTime"] = "2026-05-02T09:00:00+02:00", ["End_DateTime"] = "2026-05-02T10:00:00+02:00",
            ["Remind_At"] = reminder,
        }, []);

        Assert.Equal("90", module.Canonical(new ZohoEventFields().FromZoho(With("""[{"unit":90,"period":"minutes"}]"""), PickLists.None))[EventModule.Reminder]);
        Assert.Equal("60", module.Canonical(new ZohoEventFields().FromZoho(With("""{"ALARM":"FREQ=NONE;ACTION=POPUP;TRIGGER=DATE-TIME:2026-05-02T08:00:00+02:00"}"""), PickLists.None))[EventModule.Reminder]);
        Assert.Equal("1440", module.Canonical(new ZohoEventFields().FromZoho(With("2026-05-01T07:00:00+00:00"), PickLists.None))[EventModule.Reminder]);
    }

    [Fact]
    public void An_all_day_event_Zoho_ends_at_the_next_midnight_keeps_its_last_day()
    {
        var module = new EventModule(EventWindow.For(EventRange.All, DateTimeOffset.UtcNow, NewYork));
        var values = module.Canonical(new ZohoEventFields().FromZoho(new ZohoRecord("1", DateTimeOffset.UtcNow, new Dictionary<string, string?>
        {
            ["Event_Title"] = "Offsite", ["All_day"] = "true",
            ["Start_DateTime"] = "2026-11-02T00:00:00-05:00", ["End_DateTime"] = "2026-11-04T00:00:00-05:00",
        }, []), PickLists.None));

        Assert.Equal(("2026-11-02T00:00:00-05:00", "2026-11-03T23:59:59-05:00"), (values[EventModule.Start], values[EventModule.End]));
    }
}
