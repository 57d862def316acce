using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotesSync.Application.Notes;

namespace NotesSync.Infrastructure.Domino;

/// <summary>Calendar entries as the calendar service sends and takes them (das.md §2.2 and "Checked" 1–9).</summary>
internal static class DasEvents
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string TimeFormat = "HH:mm:ss";

    /// <summary>
    /// One entry of <c>GET /events</c>: a summary in UTC, without description, attendees or last-modified. Null for
    /// an invitation or another notice (<c>x-lotus-noticetype</c>): it is not on the calendar yet, and
    /// <c>GET /events/{id}</c> fails for it ("Checked" 8).
    /// </summary>
    public static NotesEvent? FromListEntry(JsonElement entry) =>
        NoticeType(entry) is { Length: > 0 } ? null : Read(entry, DasTimeZones.None);

    /// <summary><c>GET /events/{id}</c>: <c>{"timezones":[…],"events":[{…}]}</c>, local times with a tzid.</summary>
    public static NotesEvent? FromAnswer(JsonElement answer)
    {
        if (!answer.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array || events.GetArrayLength() == 0)
            return null;
        return Read(events[0], DasTimeZones.From(answer));
    }

    private static NotesEvent Read(JsonElement e, DasTimeZones zones)
    {
        var start = Time(e, "start", zones) ?? throw new FormatException("An event has no start.");
        return new NotesEvent(
            Id: Text(e, "id") ?? throw new FormatException("An event has no id."),
            RecurrenceId: Text(e, "recurrenceId"),
            Summary: Text(e, "summary") ?? "",
            Location: Text(e, "location"),
            Description: Text(e, "description"),
            Start: start,
            End: Time(e, "end", zones) ?? start,
            IsPrivate: Text(e, "class")?.ToLowerInvariant() is "private" or "confidential",
            Attendees: Attendees(e),
            ReminderMinutesBefore: DasAlarms.MinutesBefore(e),
            Sequence: e.TryGetProperty("sequence", out var s) && s.TryGetInt32(out var sequence) ? sequence : null,
            LastModified: LastModified(Text(e, "last-modified")),
            IsInvitation: NoticeType(e) is { Length: > 0 },
            Organizer: e.TryGetProperty("organizer", out var o) && o.ValueKind == JsonValueKind.Object
                ? new NotesOrganizer(Text(o, "displayName"), Bare(Text(o, "email")) is { Length: > 0 } email ? email : null)
                : null,
            RecurrenceRule: Text(e, "recurrenceRule"));
    }

    /// <summary>
    /// <c>{"date":"2024-05-06","time":"13:00:00","utc":true}</c>, <c>{…,"tzid":"Romance Standard Time"}</c>, or a
    /// date alone for an all-day entry (inferred from iCal DATE, das.md §2.2).
    /// </summary>
    private static NotesEventTime? Time(JsonElement e, string name, DasTimeZones zones)
    {
        if (!e.TryGetProperty(name, out var t) || t.ValueKind != JsonValueKind.Object) return null;
        var date = DateOnly.ParseExact(Text(t, "date") ?? "", DateFormat, CultureInfo.InvariantCulture);
        if (Text(t, "time") is not { } timeText) return NotesEventTime.OnDay(date);
        var time = TimeOnly.ParseExact(timeText, TimeFormat, CultureInfo.InvariantCulture);

        if (t.TryGetProperty("utc", out var utc) && utc.ValueKind == JsonValueKind.True)
            return NotesEventTime.At(new DateTimeOffset(date.ToDateTime(time), TimeSpan.Zero));
        if (Text(t, "tzid") is { } tzid)
        {
            var zone = zones.Find(tzid) ?? throw new FormatException($"The time zone \"{tzid}\" is neither defined in the answer nor known here.");
            return NotesEventTime.At(DasTimeZones.ToInstant(date, time, zone));
        }
        // A floating time is read in the server's zone (das.md "Checked" 6), which DAS does not tell. Inferred: the
        // service answers a full event with a tzid and a list entry in UTC, so this is only a last resort.
        return NotesEventTime.At(new DateTimeOffset(date.ToDateTime(time), TimeSpan.Zero));
    }

    /// <summary>Attendees without an e-mail (a room booked by name) cannot be matched to anyone: they are not listed.</summary>
    private static List<NotesAttendee> Attendees(JsonElement e)
    {
        if (!e.TryGetProperty("attendees", out var list) || list.ValueKind != JsonValueKind.Array) return [];
        return [.. list.EnumerateArray()
            .Where(a => a.ValueKind == JsonValueKind.Object && Bare(Text(a, "email")).Length > 0)
            .Select(a => new NotesAttendee(Bare(Text(a, "email")), Text(a, "displayName"), Text(a, "role"), Text(a, "status")))];
    }

    /// <summary>iCal basic form, <c>20170504T113216Z</c>, which an ISO 8601 parser refuses ("Checked" 1).</summary>
    private static DateTimeOffset? LastModified(string? text)
    {
        if (text is null) return null;
        if (DateTimeOffset.TryParseExact(text, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var basic)) return basic;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var iso)
            ? iso : null;
    }

    private static string? NoticeType(JsonElement e) =>
        e.TryGetProperty("x-lotus-noticetype", out var n)
            ? n.ValueKind == JsonValueKind.Object ? Text(n, "data") : n.ValueKind == JsonValueKind.String ? n.GetString() : null
            : null;

    /// <summary>
    /// <c>POST /events</c>: the <c>{"events":[…]}</c> wrapper is required ("Checked" 4); times in UTC or as dates
    /// ("Checked" 6). Without an organizer Domino makes the mail-file owner chair a meeting (inferred: implicit
    /// scheduling, das.md §2.2).
    /// </summary>
    public static JsonObject ForCreate(NotesEvent draft) =>
        new() { ["events"] = new JsonArray(Write(draft, null, DasTimeZones.None)) };

    /// <summary>
    /// <c>PUT /events/{id}</c> replaces the entry ("Checked" 3), so it starts from the entry as Domino answered it
    /// and changes what NotesSync knows about: whatever the port does not carry (the recurrence rule,
    /// transparency, the organizer, categories, rooms booked by name) is sent back as it was, not dropped.
    /// </summary>
    public static JsonObject ForUpdate(NotesEvent changed, JsonElement currentAnswer)
    {
        var events = currentAnswer.GetProperty("events");
        var current = JsonNode.Parse(events[0].GetRawText())!.AsObject();
        var zones = DasTimeZones.From(currentAnswer);
        var body = new JsonObject();
        if (zones.Definitions is { } definitions) body["timezones"] = definitions;
        body["events"] = new JsonArray(Write(changed, current, zones));
        return body;
    }

    private static JsonObject Write(NotesEvent e, JsonObject? current, DasTimeZones zones)
    {
        var node = current ?? new JsonObject();
        foreach (var readOnly in new[] { "href", "last-modified", "x-lotus-summarydataonly" }) node.Remove(readOnly);
        if (e.Id is not null) node["id"] = e.Id;
        node["summary"] = e.Summary;
        Set(node, "location", e.Location);
        // Omitted, the description keeps its formatting and attachments as stored: only a changed text is sent.
        var stored = current?["description"]?.GetValue<string>();
        node.Remove("description");
        if (e.Description is not null && e.Description != stored) node["description"] = e.Description;
        node["start"] = WriteTime(e.Start, current?["start"] as JsonObject, zones);
        node["end"] = WriteTime(e.End, current?["end"] as JsonObject, zones);
        // Notes has one "private" mark; a confidential entry that stays private keeps its word for it.
        node["class"] = !e.IsPrivate ? "public" : (current?["class"]?.GetValue<string>() is "confidential" ? "confidential" : "private");
        if (e.Sequence is { } sequence) node["sequence"] = sequence;
        // A series' rule is written when given; an update that names none keeps the entry's own (PUT replaces).
        if (e.RecurrenceRule is { } rule) node["recurrenceRule"] = rule;
        WriteAttendees(node, e.Attendees, current?["attendees"] as JsonArray);
        DasAlarms.Write(node, e.ReminderMinutesBefore);
        return node;
    }

    /// <summary>
    /// UTC, or a date for an all-day entry. A time Domino gave in a zone goes back in that zone with its definition,
    /// so that a series keeps its wall-clock time across daylight-saving changes.
    /// </summary>
    private static JsonObject WriteTime(NotesEventTime time, JsonObject? current, DasTimeZones zones)
    {
        var utc = time.Instant.UtcDateTime;
        if (time.AllDay) return new JsonObject { ["date"] = utc.ToString(DateFormat, CultureInfo.InvariantCulture) };
        if (current?["tzid"]?.GetValue<string>() is { } tzid && zones.Definitions is not null && zones.Find(tzid) is { } zone)
        {
            var local = TimeZoneInfo.ConvertTime(time.Instant, zone);
            return new JsonObject
            {
                ["date"] = local.ToString(DateFormat, CultureInfo.InvariantCulture),
                ["time"] = local.ToString(TimeFormat, CultureInfo.InvariantCulture),
                ["tzid"] = tzid,
            };
        }
        return new JsonObject
        {
            ["date"] = utc.ToString(DateFormat, CultureInfo.InvariantCulture),
            ["time"] = utc.ToString(TimeFormat, CultureInfo.InvariantCulture),
            ["utc"] = true,
        };
    }

    /// <summary>
    /// E-mails go bare: the server prepends <c>mailto:</c> ("Checked" 9). An attendee already on the entry keeps what
    /// Domino knows of them (rsvp, user type); a new one is a required participant who has not answered yet.
    /// </summary>
    private static void WriteAttendees(JsonObject node, IReadOnlyList<NotesAttendee> attendees, JsonArray? previous)
    {
        var known = previous?.OfType<JsonObject>().ToList() ?? [];
        var list = new JsonArray();
        foreach (var attendee in attendees)
        {
            var email = Bare(attendee.Email);
            var entry = known.FirstOrDefault(k => string.Equals(Bare(k["email"]?.GetValue<string>()), email, StringComparison.OrdinalIgnoreCase))
                ?.DeepClone().AsObject()
                ?? new JsonObject { ["role"] = "req-participant", ["status"] = "needs-action", ["rsvp"] = true };
            entry["email"] = email;
            if (attendee.Name is not null) entry["displayName"] = attendee.Name;
            if (attendee.Role is not null) entry["role"] = attendee.Role.ToLowerInvariant();
            if (attendee.Status is not null) entry["status"] = attendee.Status.ToLowerInvariant();
            list.Add(entry);
        }
        foreach (var unnamed in known.Where(k => Bare(k["email"]?.GetValue<string>()).Length == 0)) list.Add(unnamed.DeepClone());

        if (list.Count > 0) node["attendees"] = list;
        else node.Remove("attendees");
    }

    private static void Set(JsonObject node, string name, string? value)
    {
        if (value is null) node.Remove(name);
        else node[name] = value;
    }

    private static string Bare(string? email)
    {
        var text = email?.Trim() ?? "";
        return text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? text[7..] : text;
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
