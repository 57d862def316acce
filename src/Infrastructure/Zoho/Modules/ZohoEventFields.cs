using System.Globalization;
using System.Text.Json.Nodes;
using NotesSync.Domain.Profiles;
using static NotesSync.Application.Sync.Modules.EventModule;

namespace NotesSync.Infrastructure.Zoho.Modules;

/// <summary>
/// Zoho Events, shown as "Meetings" (zoho.md §2). Times are ISO 8601 with an offset both ways (Zoho answers them in
/// the reading user's zone; the sync compares instants, and all-day days in the user's zone). <c>Remind_At</c> is a
/// date-time for a one-off event: read as the minutes between it and the start, written as the start less those
/// minutes (the start always travels with it: <see cref="Application.Sync.Modules.EventModule.WrittenTogether"/>).
/// Participants are read by their address whatever their type, and written as e-mail participants.
/// </summary>
internal sealed class ZohoEventFields : ZohoModuleTranslation
{
    private const string StartField = "Start_DateTime";
    private const string ReminderField = "Remind_At";
    private const string ParticipantsField = "Participants";
    private const string RecurrenceField = "Recurring_Activity";

    public override SyncModule Module => SyncModule.Events;

    public override IReadOnlyList<ZohoField> Fields { get; } =
    [
        new(Title, "Event_Title", 255),
        new(Start, StartField, 64),
        new(End, "End_DateTime", 64),
        new(AllDay, "All_day", 5),
        new(Location, "Venue", 255),
        new(Description, "Description", 32000),
        new(Reminder, ReminderField, int.MaxValue),
        new(Attendees, ParticipantsField, int.MaxValue),
        new(Recurrence, RecurrenceField, int.MaxValue),
    ];

    public override IReadOnlyDictionary<string, string?> FromZoho(ZohoRecord record, PickLists pickLists)
    {
        var values = new Dictionary<string, string?>(base.FromZoho(record, pickLists), StringComparer.Ordinal);
        values[AllDay] = string.Equals(values.GetValueOrDefault(AllDay), "true", StringComparison.OrdinalIgnoreCase) ? "true" : "false";
        values[Reminder] = MinutesBefore(values.GetValueOrDefault(Start), values.GetValueOrDefault(Reminder));
        values[Attendees] = AttendeeList((record.Participants ?? []).Select(p => p.Email).OfType<string>());
        values[Recurrence] = Rule(values.GetValueOrDefault(Recurrence));
        return values;
    }

    public override (Dictionary<string, string?> Fields, List<string> Shortened) ToZoho(
        IReadOnlyDictionary<string, string?> values, PickLists pickLists)
    {
        var (fields, shortened) = base.ToZoho(values, pickLists);
        if (values.ContainsKey(AllDay)) fields["All_day"] = IsAllDay(values) ? "true" : "false";
        var recurring = values.GetValueOrDefault(Recurrence) is { Length: > 0 };
        if (values.ContainsKey(Recurrence))
            fields[RecurrenceField] = recurring ? new JsonObject { ["RRULE"] = values[Recurrence] }.ToJsonString() : null;
        // zoho.md: a one-off event's reminder is a date-time, a recurring one's an array of offsets.
        if (values.ContainsKey(Reminder))
            fields[ReminderField] = !int.TryParse(values[Reminder], NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes) ? null
                : recurring ? new JsonArray(new JsonObject { ["unit"] = minutes, ["period"] = "minutes" }).ToJsonString()
                : TryInstant(values.GetValueOrDefault(Start), out var start) ? ZohoRecords.Iso(start.AddMinutes(-minutes))
                : null;
        if (values.ContainsKey(Attendees))
            fields[ParticipantsField] = new JsonArray([.. SplitAttendees(values[Attendees]).Select(email =>
                (JsonNode)new JsonObject { ["type"] = "email", ["Email"] = email })]).ToJsonString();
        return (fields, shortened);
    }

    /// <summary><c>{"RRULE":"FREQ=WEEKLY;…"}</c> (zoho.md), or the rule as text.</summary>
    private static string? Rule(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim();
        return text.StartsWith('{') ? (JsonNode.Parse(text) as JsonObject)?["RRULE"]?.GetValue<string>() : text;
    }

    /// <summary>
    /// A date-time (zoho.md), an array of offsets (the form a recurring event is written in, <c>[{"unit":15,
    /// "period":"minutes"}]</c>), or the Tasks form <c>{"ALARM":"…TRIGGER=DATE-TIME:…"}</c> (sources disagree on what
    /// an event answers: all three are read).
    /// </summary>
    private static string? MinutesBefore(string? startText, string? reminder)
    {
        if (string.IsNullOrWhiteSpace(reminder)) return null;
        var text = reminder.Trim();
        if (text.StartsWith('['))
        {
            var first = JsonNode.Parse(text) is JsonArray { Count: > 0 } offsets ? offsets[0] as JsonObject : null;
            if (first?["unit"] is not JsonValue unit || !unit.TryGetValue<int>(out var count)) return null;
            var per = first["period"]?.GetValue<string>() switch { "hours" => 60, "days" => 1440, "weeks" => 10080, _ => 1 };
            return (count * per).ToString(CultureInfo.InvariantCulture);
        }

        if (text.StartsWith('{') && text.IndexOf("DATE-TIME:", StringComparison.Ordinal) is var at and >= 0)
            text = new string(text[(at + 10)..].TakeWhile(c => c is not ('"' or ';' or '}')).ToArray());
        if (!TryInstant(startText, out var start) || !TryInstant(text, out var remindAt)) return null;
        var minutes = (int)Math.Round((start - remindAt).TotalMinutes);
        return minutes >= 0 ? minutes.ToString(CultureInfo.InvariantCulture) : null;
    }
}
