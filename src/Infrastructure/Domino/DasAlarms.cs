using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

namespace NotesSync.Infrastructure.Domino;

/// <summary>
/// Reminders. das.md only names <c>alarm[]</c> with <c>action</c>, <c>trigger</c> and <c>description</c>; the
/// trigger's members are inferred from iCal VALARM: <c>{"duration":"-PT15M","related":"start"}</c>.
/// </summary>
internal static class DasAlarms
{
    /// <summary>The first reminder set before the start; one after it, or an absolute one, is not a "minutes before".</summary>
    public static int? MinutesBefore(JsonElement e)
    {
        if (!e.TryGetProperty("alarm", out var alarm)) return null;
        var alarms = alarm.ValueKind == JsonValueKind.Array ? alarm.EnumerateArray().ToList() : [alarm];
        foreach (var a in alarms)
        {
            if (a.ValueKind != JsonValueKind.Object || !a.TryGetProperty("trigger", out var trigger) || trigger.ValueKind != JsonValueKind.Object) continue;
            if (trigger.TryGetProperty("related", out var related) && related.GetString() is { } r && !r.Equals("start", StringComparison.OrdinalIgnoreCase)) continue;
            if (!trigger.TryGetProperty("duration", out var d) || Duration(d.GetString()) is not { } duration || duration > TimeSpan.Zero) continue;
            return (int)Math.Round(-duration.TotalMinutes);
        }
        return null;
    }

    public static void Write(JsonObject node, int? minutesBefore)
    {
        if (minutesBefore is not { } minutes)
        {
            node.Remove("alarm");
            return;
        }
        var summary = node["summary"]?.GetValue<string>();
        node["alarm"] = new JsonArray(new JsonObject
        {
            ["action"] = "display",
            ["trigger"] = new JsonObject { ["duration"] = XmlConvert.ToString(TimeSpan.FromMinutes(-Math.Abs(minutes))), ["related"] = "start" },
            ["description"] = summary,
        });
    }

    /// <summary>ISO 8601 durations as iCal writes them ("-PT15M", "-P1D", "-P1W").</summary>
    private static TimeSpan? Duration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().ToUpperInvariant();
        if (t.EndsWith('W') && int.TryParse(t.TrimStart('-', '+').TrimStart('P').TrimEnd('W'), CultureInfo.InvariantCulture, out var weeks))
            return TimeSpan.FromDays(7 * weeks) * (t.StartsWith('-') ? -1 : 1);
        try
        {
            return XmlConvert.ToTimeSpan(t);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
