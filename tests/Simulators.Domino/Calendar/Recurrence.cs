using System.Globalization;
using NotesSync.Simulators.Domino.Notes;

namespace NotesSync.Simulators.Domino.Calendar;

/// <summary>One occurrence of an event; <see cref="RecurrenceId"/> is null for a single event.</summary>
internal sealed record EventInstance(string? RecurrenceId, EventTime Start, EventTime End, string Summary, string Location);

/// <summary>
/// Expands the subset of RRULE the simulator understands (FREQ=DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL, COUNT,
/// UNTIL), stepping in the event's own zone so that a 09:00 weekly meeting stays at 09:00 across DST.
/// </summary>
internal static class Recurrence
{
    private const int MaxInstances = 500;

    public static bool IsSupported(string rule) => TryParse(rule, out _);

    public static IReadOnlyList<EventInstance> Expand(EventData data, CalendarEntry entry)
    {
        if (data.RecurrenceRule is null || !TryParse(data.RecurrenceRule, out var rule))
            return [new EventInstance(null, data.Start, data.End, data.Summary, data.Location)];

        var zone = TimeZones.Resolve(entry.TimeZoneId);
        var duration = data.End.Utc - data.Start.Utc;
        var localStart = TimeZoneInfo.ConvertTime(data.Start.Utc, zone).DateTime;
        var instances = new List<EventInstance>();
        for (var i = 0; i < MaxInstances && (rule.Count is null || i < rule.Count); i++)
        {
            var local = Step(localStart, rule, i);
            var startUtc = data.Start.DateOnly
                ? new DateTimeOffset(local.Date, TimeSpan.Zero)
                : new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
            if (rule.Until is { } until && startUtc > until) break;
            if (entry.ExceptDates.Contains(startUtc)) continue;

            var recurrenceId = DasFormats.ICalBasic(startUtc);
            var start = new EventTime(startUtc, data.Start.DateOnly);
            var end = new EventTime(startUtc + duration, data.End.DateOnly);
            if (entry.Overrides.TryGetValue(recurrenceId, out var changed))
            {
                instances.Add(new EventInstance(recurrenceId, new EventTime(changed.Start, false), new EventTime(changed.End, false),
                    changed.Summary ?? data.Summary, changed.Location ?? data.Location));
                continue;
            }
            instances.Add(new EventInstance(recurrenceId, start, end, data.Summary, data.Location));
        }
        return instances;
    }

    private static DateTime Step(DateTime start, Rule rule, int index) => rule.Frequency switch
    {
        "DAILY" => start.AddDays(index * rule.Interval),
        "WEEKLY" => start.AddDays(7 * index * rule.Interval),
        "MONTHLY" => start.AddMonths(index * rule.Interval),
        _ => start.AddYears(index * rule.Interval),
    };

    private sealed record Rule(string Frequency, int Interval, int? Count, DateTimeOffset? Until);

    private static bool TryParse(string text, out Rule rule)
    {
        rule = new Rule("DAILY", 1, null, null);
        var parts = text.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim().ToUpperInvariant(), p => p[1].Trim().ToUpperInvariant());
        if (!parts.TryGetValue("FREQ", out var frequency) || frequency is not ("DAILY" or "WEEKLY" or "MONTHLY" or "YEARLY"))
            return false;
        var interval = parts.TryGetValue("INTERVAL", out var i) && int.TryParse(i, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        int? count = parts.TryGetValue("COUNT", out var c) && int.TryParse(c, CultureInfo.InvariantCulture, out var k) && k > 0 ? k : null;
        DateTimeOffset? until = null;
        if (parts.TryGetValue("UNTIL", out var u))
        {
            if (DasFormats.TryParseICalBasic(u, out var instant)) until = instant;
            else if (DateTime.TryParseExact(u, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day))
                until = new DateTimeOffset(day.AddDays(1).AddTicks(-1), TimeSpan.Zero);
            else return false;
        }
        if (count is null && until is null) count = 52;
        rule = new Rule(frequency, interval, count, until);
        return true;
    }
}
