namespace NotesSync.Domain.Profiles;

/// <summary>
/// Which calendar entries a profile's <see cref="EventRange"/> takes in, for one run (product.md §3: all events, from
/// today, from last month). "Today" is the user's day: it starts at midnight in the user's time zone (the CRM user's
/// <c>time_zone</c>), not at midnight UTC, so that a user in Sydney and one in Los Angeles each keep their own today's
/// meetings. An entry is in the range by its start, as DAS lists them: a timed event by its start instant, an all-day
/// event by its first day. The window also ends, <see cref="YearsAhead"/> years after today, so that both sides have
/// the same last day (the calendar service lists only a bounded window).
/// </summary>
public sealed record EventWindow
{
    /// <summary>How far ahead events are synced; an event beyond it is out of range on both sides alike.</summary>
    public const int YearsAhead = 5;

    private EventWindow(TimeZoneInfo zone, DateOnly? firstDay, DateOnly lastDay)
    {
        Zone = zone;
        FirstDay = firstDay;
        LastDay = lastDay;
    }

    /// <summary>The user's time zone: the one their "today" and their all-day events are in.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The first day of the range in the user's zone; null for all events.</summary>
    public DateOnly? FirstDay { get; }

    /// <summary>The day after the last day of the range.</summary>
    public DateOnly LastDay { get; }

    /// <summary>The instant the range starts at (the user's midnight of <see cref="FirstDay"/>); null for all events.</summary>
    public DateTimeOffset? From => FirstDay is { } day ? MidnightOf(day, Zone) : null;

    /// <summary>The instant the range ends at (excluded).</summary>
    public DateTimeOffset Until => MidnightOf(LastDay, Zone);

    /// <summary>
    /// The window of <paramref name="range"/> at <paramref name="now"/> for a user in <paramref name="zone"/>. "From last
    /// month" starts on the same day of the previous month (the 31st of a month without one: its last day).
    /// </summary>
    public static EventWindow For(EventRange range, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        DateOnly? first = range switch
        {
            EventRange.FromToday => today,
            EventRange.FromLastMonth => today.AddMonths(-1),
            _ => null,
        };
        return new EventWindow(zone, first, today.AddYears(YearsAhead));
    }

    /// <summary>Whether a timed event starting at <paramref name="start"/> is in the range.</summary>
    public bool Contains(DateTimeOffset start) => (From is not { } from || start >= from) && start < Until;

    /// <summary>Whether an all-day event whose first day is <paramref name="firstDay"/> is in the range.</summary>
    public bool ContainsDay(DateOnly firstDay) => (FirstDay is not { } first || firstDay >= first) && firstDay < LastDay;

    /// <summary>
    /// The first instant of <paramref name="day"/> in <paramref name="zone"/>. Where a daylight-saving change skips
    /// midnight (Chile, Lebanon, …), the day starts when the clocks jump: at the first minute that exists.
    /// </summary>
    public static DateTimeOffset MidnightOf(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
