using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotesSync.Infrastructure.Domino;

/// <summary>
/// The zones a calendar answer names: a full event comes in local times with a Windows-style <c>tzid</c>
/// ("Romance Standard Time") and a top-level <c>timezones</c> array that defines each one (das.md "Checked" 1, 6).
/// </summary>
internal sealed class DasTimeZones
{
    private readonly Dictionary<string, TimeZoneInfo> _zones;

    private DasTimeZones(Dictionary<string, TimeZoneInfo> zones, JsonArray? definitions)
    {
        _zones = zones;
        Definitions = definitions;
    }

    /// <summary>The <c>timezones</c> array as Domino sent it: a write that keeps a tzid must send its definition too.</summary>
    public JsonArray? Definitions { get; }

    public static DasTimeZones None { get; } = new([], null);

    /// <summary>
    /// The system's zone where ICU knows the Windows id (it does for Domino's own names on .NET with ICU), else one
    /// built from the offsets and yearly rules of the definition: the server's own rules, good for any year.
    /// </summary>
    public static DasTimeZones From(JsonElement answer)
    {
        var zones = new Dictionary<string, TimeZoneInfo>(StringComparer.OrdinalIgnoreCase);
        if (!answer.TryGetProperty("timezones", out var definitions) || definitions.ValueKind != JsonValueKind.Array) return None;
        foreach (var definition in definitions.EnumerateArray())
        {
            if (!definition.TryGetProperty("tzid", out var id) || id.GetString() is not { Length: > 0 } tzid) continue;
            if (TimeZoneInfo.TryFindSystemTimeZoneById(tzid, out var known)) zones[tzid] = known;
            else if (FromDefinition(tzid, definition) is { } built) zones[tzid] = built;
        }
        return new DasTimeZones(zones, JsonNode.Parse(definitions.GetRawText())!.AsArray());
    }

    /// <summary>Null when the answer named a zone it did not define and the system does not know either.</summary>
    public TimeZoneInfo? Find(string tzid) =>
        _zones.TryGetValue(tzid, out var zone) ? zone
        : TimeZoneInfo.TryFindSystemTimeZoneById(tzid, out var known) ? known
        : null;

    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        // A wall-clock time skipped by a spring-forward does not exist: Notes shows it an hour later.
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    private static TimeZoneInfo? FromDefinition(string tzid, JsonElement definition)
    {
        var standard = Observance(definition, "standard");
        if (standard is null) return null;
        var daylight = Observance(definition, "daylight");
        if (daylight?.Transition is null || standard.Transition is null)
            return TimeZoneInfo.CreateCustomTimeZone(tzid, standard.OffsetTo, tzid, tzid);
        try
        {
            var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date,
                daylight.OffsetTo - standard.OffsetTo, daylight.Transition.Value, standard.Transition.Value);
            return TimeZoneInfo.CreateCustomTimeZone(tzid, standard.OffsetTo, tzid, tzid, tzid, [rule]);
        }
        catch (ArgumentException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(tzid, standard.OffsetTo, tzid, tzid);
        }
    }

    private sealed record ObservanceRule(TimeSpan OffsetTo, TimeZoneInfo.TransitionTime? Transition);

    /// <summary><c>{"start":{"date","time"},"offsetFrom":"+0200","offsetTo":"+0100","recurrenceRule":"FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"}</c>.</summary>
    private static ObservanceRule? Observance(JsonElement definition, string name)
    {
        if (!definition.TryGetProperty(name, out var o) || o.ValueKind != JsonValueKind.Object
            || !o.TryGetProperty("offsetTo", out var to) || Offset(to.GetString()) is not { } offset) return null;
        var start = o.TryGetProperty("start", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var time = start.ValueKind == JsonValueKind.Object && start.TryGetProperty("time", out var t)
            && TimeOnly.TryParseExact(t.GetString(), "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed : TimeOnly.MinValue;
        var rule = o.TryGetProperty("recurrenceRule", out var r) ? r.GetString() : null;
        var date = start.ValueKind == JsonValueKind.Object && start.TryGetProperty("date", out var d)
            && DateOnly.TryParseExact(d.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day : (DateOnly?)null;
        return new ObservanceRule(offset, Transition(time, rule, date));
    }

    /// <summary>Yearly rules as VTIMEZONE writes them: "nth (or last) weekday of a month", else the start's fixed date.</summary>
    private static TimeZoneInfo.TransitionTime? Transition(TimeOnly time, string? rule, DateOnly? date)
    {
        var timeOfDay = new DateTime(1, 1, 1, time.Hour, time.Minute, time.Second, DateTimeKind.Unspecified);
        var parts = (rule ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim().ToUpperInvariant(), p => p[1].Trim().ToUpperInvariant());
        try
        {
            if (parts.TryGetValue("BYMONTH", out var m) && int.TryParse(m, CultureInfo.InvariantCulture, out var month)
                && parts.TryGetValue("BYDAY", out var byDay) && byDay.Length >= 2
                && Weekday(byDay[^2..]) is { } weekday)
            {
                var ordinal = byDay.Length > 2 ? int.Parse(byDay[..^2], CultureInfo.InvariantCulture) : 1;
                var week = ordinal is -1 or 5 ? 5 : ordinal is >= 1 and <= 4 ? ordinal : 0;
                return week == 0 ? null : TimeZoneInfo.TransitionTime.CreateFloatingDateRule(timeOfDay, month, week, weekday);
            }
            return date is { } fixedDay ? TimeZoneInfo.TransitionTime.CreateFixedDateRule(timeOfDay, fixedDay.Month, fixedDay.Day) : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            return null;
        }
    }

    private static DayOfWeek? Weekday(string code) => code switch
    {
        "SU" => DayOfWeek.Sunday,
        "MO" => DayOfWeek.Monday,
        "TU" => DayOfWeek.Tuesday,
        "WE" => DayOfWeek.Wednesday,
        "TH" => DayOfWeek.Thursday,
        "FR" => DayOfWeek.Friday,
        "SA" => DayOfWeek.Saturday,
        _ => null,
    };

    /// <summary>"+0100", "-0530" (iCal UTC-OFFSET), tolerating "+01:00".</summary>
    private static TimeSpan? Offset(string? text)
    {
        var digits = text?.Replace(":", "", StringComparison.Ordinal);
        if (digits is not { Length: 5 } || digits[0] is not ('+' or '-')
            || !int.TryParse(digits.AsSpan(1, 2), CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(digits.AsSpan(3, 2), CultureInfo.InvariantCulture, out var minutes)) return null;
        var offset = new TimeSpan(hours, minutes, 0);
        return digits[0] == '-' ? -offset : offset;
    }
}
