using System.Globalization;

namespace NotesSync.Simulators.Domino.Calendar;

/// <summary>
/// The calendar service names zones with Windows ids ("Romance Standard Time") and describes them in a
/// top-level <c>timezones</c> array of standard/daylight observances.
/// </summary>
internal static class TimeZones
{
    public static TimeZoneInfo Resolve(string windowsId) =>
        TryResolve(windowsId, out var zone) ? zone : TimeZoneInfo.Utc;

    public static bool TryResolve(string id, out TimeZoneInfo zone)
    {
        if (string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            if (TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana))
            {
                try
                {
                    zone = TimeZoneInfo.FindSystemTimeZoneById(iana);
                    return true;
                }
                catch (TimeZoneNotFoundException)
                {
                }
            }
        }
        zone = TimeZoneInfo.Utc;
        return false;
    }

    /// <summary>An observance the way iCal VTIMEZONE (and so DAS's JSON) describes it.</summary>
    public sealed record Observance(DateTime Start, TimeSpan OffsetFrom, TimeSpan OffsetTo, string? RecurrenceRule);

    public static (Observance Standard, Observance? Daylight) Describe(TimeZoneInfo zone, int year)
    {
        var rule = zone.GetAdjustmentRules()
            .FirstOrDefault(r => r.DateStart.Year <= year && r.DateEnd.Year >= year && r.DaylightDelta != TimeSpan.Zero);
        var standardOffset = zone.BaseUtcOffset;
        if (rule is null)
            return (new Observance(new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), standardOffset, standardOffset, null), null);

        var daylightOffset = standardOffset + rule.DaylightDelta + rule.BaseUtcOffsetDelta;
        var standard = new Observance(Transition(rule.DaylightTransitionEnd, year), daylightOffset, standardOffset + rule.BaseUtcOffsetDelta,
            YearlyRule(rule.DaylightTransitionEnd, year));
        var daylight = new Observance(Transition(rule.DaylightTransitionStart, year), standardOffset + rule.BaseUtcOffsetDelta, daylightOffset,
            YearlyRule(rule.DaylightTransitionStart, year));
        return (standard, daylight);
    }

    public static string FormatOffset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);

    /// <summary>The transition's local date and time in <paramref name="year"/>, to the second (tzdata gives 02:59:59.999).</summary>
    private static DateTime Transition(TimeZoneInfo.TransitionTime t, int year)
    {
        var day = t.IsFixedDateRule ? Math.Min(t.Day, DateTime.DaysInMonth(year, t.Month)) : FloatingDay(t, year);
        var time = TimeSpan.FromSeconds(Math.Round(t.TimeOfDay.TimeOfDay.TotalSeconds));
        return new DateTime(year, t.Month, day, 0, 0, 0, DateTimeKind.Unspecified).Add(time);
    }

    private static int FloatingDay(TimeZoneInfo.TransitionTime t, int year)
    {
        var first = new DateTime(year, t.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var day = 1 + ((int)t.DayOfWeek - (int)first.DayOfWeek + 7) % 7 + (t.Week - 1) * 7;
        while (day > DateTime.DaysInMonth(year, t.Month)) day -= 7;
        return day;
    }

    /// <summary>Written as "nth weekday of the month", the way VTIMEZONE rules are, even when .NET holds a fixed date.</summary>
    private static string YearlyRule(TimeZoneInfo.TransitionTime t, int year)
    {
        var date = Transition(t, year);
        var week = date.Day + 7 > DateTime.DaysInMonth(year, t.Month) ? -1 : (date.Day - 1) / 7 + 1;
        var day = date.DayOfWeek.ToString()[..2].ToUpperInvariant();
        return FormattableString.Invariant($"FREQ=YEARLY;BYMONTH={t.Month};BYDAY={week}{day}");
    }
}
