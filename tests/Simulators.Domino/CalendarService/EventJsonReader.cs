using System.Globalization;
using System.Text.Json;
using System.Xml;
using NotesSync.Simulators.Domino.Calendar;

namespace NotesSync.Simulators.Domino.CalendarService;

/// <summary>An event as a client sent it; absent members are null so that PUT can tell "omitted" from "empty".</summary>
internal sealed record IncomingEvent
{
    public string? Id { get; init; }
    public string? Summary { get; init; }
    public string? Location { get; init; }
    public string? Description { get; init; }
    public required EventTime Start { get; init; }
    public required EventTime End { get; init; }
    public string? TimeZoneId { get; init; }
    public string? Class { get; init; }
    public string? Transparency { get; init; }
    public int? Sequence { get; init; }
    public IReadOnlyList<Attendee>? Attendees { get; init; }
    public Organizer? Organizer { get; init; }
    public string? RecurrenceRule { get; init; }
    public int? AlarmMinutesBefore { get; init; }
}

/// <summary>
/// Reads <c>{"events":[…],"timezones":[…]}</c>. A body without the <c>events</c> wrapper holds no event, which the
/// store refuses as invalid iCalendar. Times: <c>utc:true</c>, a <c>tzid</c> defined in the same request's
/// <c>timezones</c>, a bare date (all day), or a floating time read in the server's zone.
/// </summary>
internal static class EventJsonReader
{
    public sealed class InvalidEventException(int storeCode, string message) : Exception(message)
    {
        public int StoreCode { get; } = storeCode;
    }

    private const int InvalidICalendar = 10;

    public static IncomingEvent Read(string body, string serverTimeZoneId)
    {
        JsonElement root;
        try
        {
            using var json = JsonDocument.Parse(body);
            root = json.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new InvalidEventException(InvalidICalendar, "Error while parsing the JSON content");
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("events", out var events)
            || events.ValueKind != JsonValueKind.Array || events.GetArrayLength() == 0)
            throw new InvalidEventException(InvalidICalendar, "The iCalendar content does not contain an event");

        var zones = new Dictionary<string, TimeZoneInfo>(StringComparer.OrdinalIgnoreCase);
        if (root.TryGetProperty("timezones", out var timezones) && timezones.ValueKind == JsonValueKind.Array)
        {
            foreach (var tz in timezones.EnumerateArray())
            {
                var tzid = tz.TryGetProperty("tzid", out var id) ? id.GetString() : null;
                if (tzid is null) continue;
                zones[tzid] = ZoneFor(tzid, tz);
            }
        }

        var e = events[0];
        var (start, startZone) = ReadTime(e, "start", zones, serverTimeZoneId);
        var (end, _) = e.TryGetProperty("end", out _) ? ReadTime(e, "end", zones, serverTimeZoneId) : (start, startZone);
        return new IncomingEvent
        {
            Id = Text(e, "id"),
            Summary = Text(e, "summary"),
            Location = Text(e, "location"),
            Description = Text(e, "description"),
            Start = start,
            End = end,
            TimeZoneId = startZone,
            Class = Text(e, "class")?.ToLowerInvariant(),
            Transparency = Text(e, "transparency")?.ToLowerInvariant(),
            Sequence = e.TryGetProperty("sequence", out var seq) && seq.ValueKind == JsonValueKind.Number ? seq.GetInt32() : null,
            Attendees = e.TryGetProperty("attendees", out var attendees) && attendees.ValueKind == JsonValueKind.Array
                ? [.. attendees.EnumerateArray().Select(ReadAttendee)]
                : null,
            Organizer = e.TryGetProperty("organizer", out var organizer) && organizer.ValueKind == JsonValueKind.Object
                ? new Organizer(Text(organizer, "displayName") ?? "", Text(organizer, "email") ?? "")
                : null,
            RecurrenceRule = Text(e, "recurrenceRule"),
            AlarmMinutesBefore = ReadAlarm(e),
        };
    }

    private static (EventTime Time, string? Zone) ReadTime(JsonElement e, string name, Dictionary<string, TimeZoneInfo> zones, string serverZone)
    {
        if (!e.TryGetProperty(name, out var t) || t.ValueKind != JsonValueKind.Object
            || !DateOnly.TryParseExact(Text(t, "date") ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new InvalidEventException(InvalidICalendar, $"Invalid or missing {name} date");

        var timeText = Text(t, "time");
        if (timeText is null) return (EventTime.OnDate(date), null);
        if (!TimeOnly.TryParseExact(timeText, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            throw new InvalidEventException(InvalidICalendar, $"Invalid {name} time");

        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (t.TryGetProperty("utc", out var utc) && utc.ValueKind == JsonValueKind.True)
            return (EventTime.At(new DateTimeOffset(local, TimeSpan.Zero)), null);
        if (Text(t, "tzid") is { } tzid)
        {
            if (!zones.TryGetValue(tzid, out var zone))
                throw new InvalidEventException(1, "The Timezone ID is not found");
            return (EventTime.At(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero)), tzid);
        }
        var floating = TimeZones.Resolve(serverZone);
        return (EventTime.At(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, floating), TimeSpan.Zero)), null);
    }

    /// <summary>A known Windows id is resolved from the system; anything else from the standard offset the client supplied.</summary>
    private static TimeZoneInfo ZoneFor(string tzid, JsonElement definition)
    {
        if (TimeZones.TryResolve(tzid, out var known)) return known;
        var offset = TimeSpan.Zero;
        if (definition.TryGetProperty("standard", out var standard) && Text(standard, "offsetTo") is { Length: 5 } to
            && int.TryParse(to.AsSpan(1, 2), CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(to.AsSpan(3, 2), CultureInfo.InvariantCulture, out var minutes))
        {
            offset = new TimeSpan(hours, minutes, 0);
            if (to[0] == '-') offset = -offset;
        }
        return TimeZoneInfo.CreateCustomTimeZone(tzid, offset, tzid, tzid);
    }

    private static Attendee ReadAttendee(JsonElement a) => new(
        Role: Text(a, "role")?.ToLowerInvariant() ?? "req-participant",
        Status: Text(a, "status")?.ToLowerInvariant() ?? "needs-action",
        Rsvp: !a.TryGetProperty("rsvp", out var rsvp) || rsvp.ValueKind != JsonValueKind.False,
        DisplayName: Text(a, "displayName") ?? "",
        // The server prepends mailto: itself; an address sent with the scheme keeps it (inferred).
        Email: Text(a, "email") ?? "",
        UserType: Text(a, "userType")?.ToLowerInvariant());

    private static int? ReadAlarm(JsonElement e)
    {
        if (!e.TryGetProperty("alarm", out var alarms) || alarms.ValueKind != JsonValueKind.Array) return null;
        foreach (var alarm in alarms.EnumerateArray())
        {
            if (!alarm.TryGetProperty("trigger", out var trigger) || Text(trigger, "duration") is not { } duration) continue;
            try
            {
                return (int)Math.Abs(XmlConvert.ToTimeSpan(duration).TotalMinutes);
            }
            catch (FormatException)
            {
                throw new InvalidEventException(InvalidICalendar, "Invalid alarm trigger");
            }
        }
        return null;
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
