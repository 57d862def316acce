using System.Globalization;
using NotesSync.Application.Notes;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Sync.Modules;

/// <summary>
/// Calendar events (product.md §3–4), in one canonical form both sides are compared in:
/// <list type="bullet">
/// <item>a timed event's <see cref="Start"/> and <see cref="End"/> are UTC instants (<c>2026-03-30T07:00:00Z</c>): the
/// same meeting is the same instant whichever zone each side shows it in, so a 09:00 Paris meeting never moves;</item>
/// <item>an all-day event's are the user's midnight of its first day and the last second of its last day, with the
/// offset of the user's zone (<c>2026-03-29T00:00:00+01:00</c>, <c>2026-03-31T23:59:59+02:00</c>): days, not instants,
/// which a side that stores dates (Notes) reads by their first ten characters and one that stores date-times (Zoho)
/// takes as they are, so that no side sees a midnight-UTC shift;</item>
/// <item><see cref="Reminder"/> is whole minutes before the start, <see cref="Attendees"/> the attendees' e-mail
/// addresses, lower case, sorted, separated by ", " (the organizer is not one of them).</item>
/// </list>
/// The module is made per run: what "today" is, and which zone all-day days are in, are the user's
/// (<see cref="EventWindow"/>).
/// </summary>
public sealed class EventModule(EventWindow window) : SyncModuleDefinition
{
    public const string Title = "title";
    public const string Start = "start";
    public const string End = "end";
    public const string AllDay = "allDay";
    public const string Location = "location";
    public const string Description = "description";
    public const string Reminder = "reminder";
    public const string Attendees = "attendees";

    /// <summary>A CRM series' rule (RRULE, its parts sorted); Notes series reach the CRM one event per instance, without one.</summary>
    public const string Recurrence = "recurrence";

    private const string UtcFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    private const string ZonedFormat = "yyyy-MM-dd'T'HH:mm:sszzz";

    public EventWindow Window => window;

    public override SyncModule Module => SyncModule.Events;

    public override IReadOnlyList<string> Fields { get; } = [Title, Start, End, AllDay, Location, Description, Reminder, Attendees, Recurrence];

    /// <summary>The start, end, reminder and all-day mark of an event are one thing: a write of one carries all four.</summary>
    public override IReadOnlyList<string> WrittenTogether { get; } = [Start, End, AllDay, Reminder, Recurrence];

    public override string MatchedBy(string key) => "titleStart";

    public override string? DisplayNameOf(IReadOnlyDictionary<string, string?> values) => values.GetValueOrDefault(Title);

    /// <summary>By title and start instant (the initial matching): the same meeting typed on both sides.</summary>
    public override IEnumerable<string> MatchKeys(IReadOnlyDictionary<string, string?> values)
    {
        if (values.GetValueOrDefault(Title) is { } title && values.GetValueOrDefault(Start) is { } start)
            yield return $"t:{title.ToUpperInvariant()}|{start}";
    }

    /// <summary>Outside the profile's range by its start (its first day for an all-day event); an event without a start is.</summary>
    public override bool IsOutOfRange(IReadOnlyDictionary<string, string?> values)
    {
        if (!TryInstant(values.GetValueOrDefault(Start), out var start)) return true;
        return IsAllDay(values)
            ? !window.ContainsDay(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, window.Zone).DateTime))
            : !window.Contains(start);
    }

    /// <summary>
    /// The times in the canonical form above, whatever form and offset each side gave them in; the reminder as a
    /// number of minutes, the attendees as a sorted list.
    /// </summary>
    protected override IReadOnlyDictionary<string, string?> Prepared(IReadOnlyDictionary<string, string?> values)
    {
        var prepared = new Dictionary<string, string?>(values, StringComparer.Ordinal);
        var allDay = IsAllDay(values);
        prepared[AllDay] = allDay ? "true" : "false";
        prepared[Start] = Time(values.GetValueOrDefault(Start), allDay, endOfDay: false);
        prepared[End] = Time(values.GetValueOrDefault(End), allDay, endOfDay: true) ?? prepared[Start];
        prepared[Reminder] = int.TryParse(values.GetValueOrDefault(Reminder), NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes) && minutes >= 0
            ? minutes.ToString(CultureInfo.InvariantCulture) : null;
        prepared[Attendees] = AttendeeList(SplitAttendees(values.GetValueOrDefault(Attendees)));
        prepared[Recurrence] = RuleText(values.GetValueOrDefault(Recurrence));
        return prepared;
    }

    /// <summary>An RRULE with its parts upper-cased and sorted (FREQ first, as some readers need), so that two writings of one rule compare equal.</summary>
    public static string? RuleText(string? rule)
    {
        var parts = (rule ?? "").Replace("RRULE:", "", StringComparison.OrdinalIgnoreCase)
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.ToUpperInvariant())
            .OrderBy(p => p.StartsWith("FREQ=", StringComparison.Ordinal) ? 0 : 1).ThenBy(p => p, StringComparer.Ordinal).ToList();
        return parts.Count == 0 ? null : string.Join(";", parts);
    }

    /// <summary>The attendees' addresses in the canonical form: lower case, distinct, sorted.</summary>
    public static string? AttendeeList(IEnumerable<string> emails)
    {
        var list = emails.Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? null : string.Join(", ", list);
    }

    public static IReadOnlyList<string> SplitAttendees(string? attendees) =>
        (attendees ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static bool IsAllDay(IReadOnlyDictionary<string, string?> values) =>
        string.Equals(values.GetValueOrDefault(AllDay), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A date (<c>yyyy-MM-dd</c>) or a date-time with an offset; false for anything else.</summary>
    public static bool TryInstant(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
    }

    /// <summary>
    /// An all-day time: a date alone is that day; a date-time is the day it falls on in the user's zone (Zoho gives
    /// an all-day event's times in the reading user's zone). Timed: the instant in UTC.
    /// </summary>
    private string? Time(string? text, bool allDay, bool endOfDay)
    {
        if (!TryInstant(text, out var instant)) return null;
        if (!allDay) return InstantText(instant);

        if (text!.Trim().Length == 10)
            return DayBoundary(DateOnly.ParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture), endOfDay, window.Zone);

        var local = TimeZoneInfo.ConvertTime(instant, window.Zone).DateTime;
        var day = DateOnly.FromDateTime(local);
        // An end given as the next midnight (iCal's exclusive end) means the day before: the event ends with that day.
        if (endOfDay && local.TimeOfDay == TimeSpan.Zero) day = day.AddDays(-1);
        return DayBoundary(day, endOfDay, window.Zone);
    }

    /// <summary>A timed event's start or end in the canonical form: the instant in UTC, to the second.</summary>
    public static string InstantText(DateTimeOffset instant) => instant.UtcDateTime.ToString(UtcFormat, CultureInfo.InvariantCulture);

    /// <summary>The user's midnight of <paramref name="day"/>, or the last second of it.</summary>
    public static string DayBoundary(DateOnly day, bool endOfDay, TimeZoneInfo zone)
    {
        var at = endOfDay ? EventWindow.MidnightOf(day.AddDays(1), zone).AddSeconds(-1) : EventWindow.MidnightOf(day, zone);
        return TimeZoneInfo.ConvertTime(at, zone).ToString(ZonedFormat, CultureInfo.InvariantCulture);
    }

    /// <summary>The Notes side of events is the calendar service over the range's window, not a view.</summary>
    public override INotesRecords NotesRecordsIn(INotesMailbox mailbox)
    {
        var records = mailbox.RecordsOf(Module);
        // The calendar lists events by their start in UTC; an all-day event starts at midnight of its date wherever the
        // server is, so the list reaches a day further each way and the range itself is applied here, exactly.
        return records is INotesEventRecords events
            ? events.Within((window.From ?? DateTimeOffset.UnixEpoch).AddDays(-1), window.Until.AddDays(1))
            : records;
    }
}
