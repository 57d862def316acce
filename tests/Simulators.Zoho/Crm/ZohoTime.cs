using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NotesSync.Simulators.Zoho.Crm;

/// <summary>Zoho's date-time wire format: second precision, always with the offset of the reader's time zone.</summary>
internal static partial class ZohoTime
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.OrdinalIgnoreCase);

    public static TimeZoneInfo Zone(string? ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId)) return TimeZoneInfo.Utc;
        return Zones.GetOrAdd(ianaId, id =>
        {
            try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
            catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
            catch (InvalidTimeZoneException) { return TimeZoneInfo.Utc; }
        });
    }

    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new DateTimeOffset(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset).ToUniversalTime();

    public static string Format(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// Zoho documents <c>yyyy-MM-ddTHH:mm:ss±HH:mm</c>. Fractional seconds and a missing offset are refused;
    /// a trailing <c>Z</c> is accepted (not documented either way, so the simulator stays tolerant there).
    /// </summary>
    public static bool TryParseDateTime(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || !DateTimePattern().IsMatch(text)) return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        value = parsed.ToUniversalTime();
        return true;
    }

    public static bool TryParseDate(string? text, out DateOnly value) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimePattern();
}
