using System.Globalization;
using System.Text.Json;
using NotesSync.Simulators.Domino.Calendar;
using NotesSync.Simulators.Domino.Notes;

namespace NotesSync.Simulators.Domino.CalendarService;

/// <summary>
/// The two event shapes of the calendar service: the list's summary (UTC times, no last-modified, description
/// or attendees; <c>x-lotus-summarydataonly</c>) and the full event of a single GET (local times with
/// <c>tzid</c>, a top-level <c>timezones</c> array, <c>last-modified</c> in iCal basic form).
/// </summary>
internal static class EventJsonWriter
{
    public static void WriteSummary(Utf8JsonWriter w, string href, CalendarEntry entry, EventData data, EventInstance instance,
        IReadOnlySet<string>? fields)
    {
        bool Wanted(string name) => fields is null || fields.Contains(name);
        w.WriteStartObject();
        w.WriteString("href", instance.RecurrenceId is null ? href : $"{href}/{instance.RecurrenceId}");
        w.WriteString("id", entry.EventId);
        if (instance.RecurrenceId is not null && (Wanted("reccurenceid") || Wanted("recurrenceid"))) w.WriteString("recurrenceId", instance.RecurrenceId);
        if (Wanted("summary")) w.WriteString("summary", instance.Summary);
        if (Wanted("location") && instance.Location.Length > 0) w.WriteString("location", instance.Location);
        if (Wanted("start")) WriteUtc(w, "start", instance.Start);
        if (Wanted("end")) WriteUtc(w, "end", instance.End);
        if (Wanted("class")) w.WriteString("class", data.Class);
        if (Wanted("transparency")) w.WriteString("transparency", data.Transparency);
        if (Wanted("sequence")) w.WriteNumber("sequence", data.Sequence);
        WriteX(w, "x-lotus-summarydataonly", "TRUE");
        if (Wanted("x-lotus-apptype")) WriteX(w, "x-lotus-appttype", AppointmentType(entry, data));
        if (entry.NoticeType is { } notice && Wanted("x-lotus-noticetype")) WriteX(w, "x-lotus-noticetype", notice);
        if (entry.IsMeeting && entry.Organizer is { } organizer && Wanted("x-lotus-organizer"))
            WriteX(w, "x-lotus-organizer", organizer.DisplayName);
        w.WriteEndObject();
    }

    /// <summary><c>{"timezones":[…],"events":[…]}</c> for one event or one instance.</summary>
    public static void WriteFull(Utf8JsonWriter w, string href, CalendarEntry entry, EventData data, EventInstance? instance,
        DateTimeOffset modified, string? scheduleMethod = null)
    {
        var zone = TimeZones.Resolve(entry.TimeZoneId);
        var timed = !data.Start.DateOnly;
        w.WriteStartObject();
        if (scheduleMethod is not null)
        {
            w.WriteString("href", href);
            w.WriteString("scheduleMethod", scheduleMethod);
        }
        if (timed && zone != TimeZoneInfo.Utc)
        {
            w.WriteStartArray("timezones");
            WriteTimeZone(w, entry.TimeZoneId, zone, (instance?.Start ?? data.Start).Utc.Year);
            w.WriteEndArray();
        }
        w.WriteStartArray("events");
        w.WriteStartObject();
        w.WriteString("href", instance?.RecurrenceId is null ? href : $"{href}/{instance.RecurrenceId}");
        w.WriteString("id", entry.EventId);
        if (instance?.RecurrenceId is not null) w.WriteString("recurrenceId", instance.RecurrenceId);
        w.WriteString("summary", instance?.Summary ?? data.Summary);
        var location = instance?.Location ?? data.Location;
        if (location.Length > 0) w.WriteString("location", location);
        if (data.Description.Length > 0) w.WriteString("description", data.Description);
        WriteLocal(w, "start", instance?.Start ?? data.Start, zone, entry.TimeZoneId);
        WriteLocal(w, "end", instance?.End ?? data.End, zone, entry.TimeZoneId);
        w.WriteString("class", data.Class);
        w.WriteString("transparency", data.Transparency);
        w.WriteNumber("sequence", data.Sequence);
        w.WriteString("last-modified", DasFormats.ICalBasic(modified));
        if (instance is null && data.RecurrenceRule is not null)
        {
            w.WriteString("recurrenceRule", data.RecurrenceRule);
            if (entry.ExceptDates.Count > 0)
            {
                w.WriteStartArray("exceptDates");
                foreach (var except in entry.ExceptDates) WriteUtc(w, null, new EventTime(except, data.Start.DateOnly));
                w.WriteEndArray();
            }
        }
        if (entry.IsMeeting)
        {
            if (data.Organizer is { } organizer)
            {
                w.WriteStartObject("organizer");
                w.WriteString("displayName", organizer.DisplayName);
                w.WriteString("email", organizer.Email);
                w.WriteEndObject();
            }
            w.WriteStartArray("attendees");
            foreach (var a in data.Attendees)
            {
                w.WriteStartObject();
                w.WriteString("role", a.Role);
                w.WriteString("status", a.Status);
                w.WriteBoolean("rsvp", a.Rsvp);
                if (a.DisplayName.Length > 0) w.WriteString("displayName", a.DisplayName);
                w.WriteString("email", a.Email);
                if (a.UserType is not null) w.WriteString("userType", a.UserType);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (data.AlarmMinutesBefore is { } minutes)
        {
            w.WriteStartArray("alarm");
            w.WriteStartObject();
            w.WriteString("action", "display");
            w.WriteStartObject("trigger");
            w.WriteString("duration", string.Create(CultureInfo.InvariantCulture, $"-PT{minutes}M"));
            w.WriteString("related", "start");
            w.WriteEndObject();
            w.WriteString("description", data.Summary);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        WriteX(w, "x-lotus-appttype", AppointmentType(entry, data));
        if (entry.NoticeType is { } notice) WriteX(w, "x-lotus-noticetype", notice);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string AppointmentType(CalendarEntry entry, EventData data) =>
        data.Start.DateOnly ? "2" : entry.IsMeeting ? "3" : "0";

    private static void WriteUtc(Utf8JsonWriter w, string? name, EventTime time)
    {
        if (name is null) w.WriteStartObject();
        else w.WriteStartObject(name);
        w.WriteString("date", time.Utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (!time.DateOnly)
        {
            w.WriteString("time", time.Utc.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
            w.WriteBoolean("utc", true);
        }
        w.WriteEndObject();
    }

    private static void WriteLocal(Utf8JsonWriter w, string name, EventTime time, TimeZoneInfo zone, string tzid)
    {
        if (time.DateOnly || zone == TimeZoneInfo.Utc)
        {
            WriteUtc(w, name, time);
            return;
        }
        var local = TimeZoneInfo.ConvertTime(time.Utc, zone);
        w.WriteStartObject(name);
        w.WriteString("date", local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("time", local.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        w.WriteString("tzid", tzid);
        w.WriteEndObject();
    }

    private static void WriteTimeZone(Utf8JsonWriter w, string tzid, TimeZoneInfo zone, int year)
    {
        var (standard, daylight) = TimeZones.Describe(zone, year);
        w.WriteStartObject();
        w.WriteString("tzid", tzid);
        WriteObservance(w, "standard", standard);
        if (daylight is not null) WriteObservance(w, "daylight", daylight);
        w.WriteEndObject();
    }

    private static void WriteObservance(Utf8JsonWriter w, string name, TimeZones.Observance o)
    {
        w.WriteStartObject(name);
        w.WriteStartObject("start");
        w.WriteString("date", o.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("time", o.Start.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WriteString("offsetFrom", TimeZones.FormatOffset(o.OffsetFrom));
        w.WriteString("offsetTo", TimeZones.FormatOffset(o.OffsetTo));
        if (o.RecurrenceRule is not null) w.WriteString("recurrenceRule", o.RecurrenceRule);
        w.WriteEndObject();
    }

    private static void WriteX(Utf8JsonWriter w, string name, string value)
    {
        w.WriteStartObject(name);
        w.WriteString("data", value);
        w.WriteEndObject();
    }
}
