using System.Globalization;

namespace NotesSync.Simulators.Domino.Notes;

public enum NotesDateTimeKind
{
    DateTime,
    DateOnly,
    TimeOnly,
}

/// <summary>A value of a Notes date/time item: Notes keeps date-only and time-only values apart from full timestamps.</summary>
public readonly record struct NotesDateTime(DateTimeOffset Value, NotesDateTimeKind Kind)
{
    public static NotesDateTime At(DateTimeOffset instant) => new(instant.ToUniversalTime(), NotesDateTimeKind.DateTime);

    public static NotesDateTime OnDate(DateOnly date) =>
        new(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), NotesDateTimeKind.DateOnly);

    /// <summary>The data service's text form: always UTC for timestamps, bare date or time otherwise.</summary>
    public string ToDasString() => Kind switch
    {
        NotesDateTimeKind.DateOnly => Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        NotesDateTimeKind.TimeOnly => Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        _ => DasFormats.DateTime(Value),
    };

    /// <summary>Parses the three forms the data service accepts inside <c>{"type":"datetime","data":…}</c>.</summary>
    public static bool TryParseDas(string text, out NotesDateTime value)
    {
        if (DateTimeOffset.TryParseExact(text, DasFormats.DateTimeFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            value = At(instant);
            return true;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = OnDate(date);
            return true;
        }
        if (TimeOnly.TryParseExact(text, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            value = new NotesDateTime(new DateTimeOffset(DateTime.MinValue.Add(time.ToTimeSpan()), TimeSpan.Zero), NotesDateTimeKind.TimeOnly);
            return true;
        }
        value = default;
        return false;
    }
}

/// <summary>Date formats that appear on the DAS wire.</summary>
public static class DasFormats
{
    internal static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFF'Z'"];

    /// <summary><c>2024-05-02T09:00:00Z</c>: the data service writes every timestamp in UTC to the second.</summary>
    public static string DateTime(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>20170504T113216Z</c>: the iCalendar basic form the calendar service uses for last-modified and recurrence ids.</summary>
    public static string ICalBasic(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static bool TryParseICalBasic(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <summary>RFC 1123, as DAS formats <c>Last-Modified</c>.</summary>
    public static string Http(DateTimeOffset value) => value.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// The calendar service parses <c>since</c>/<c>before</c> with exactly this pattern and refuses anything else.
    /// </summary>
    public static bool TryParseCalendarInstant(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <summary>
    /// HTTP date parsing as lenient as Apache's DateUtils (RFC 1123, RFC 1036, asctime), which DAS uses for
    /// <c>If-Unmodified-Since</c>/<c>If-Modified-Since</c>.
    /// </summary>
    public static bool TryParseHttp(string text, out DateTimeOffset value)
    {
        string[] formats =
        [
            "ddd, dd MMM yyyy HH:mm:ss 'GMT'",
            "dddd, dd-MMM-yy HH:mm:ss 'GMT'",
            "ddd MMM d HH:mm:ss yyyy",
        ];
        return DateTimeOffset.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowInnerWhite, out value);
    }
}
