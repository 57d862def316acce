using System.Globalization;
using System.Text.Json;
using NotesSync.Simulators.Domino.Notes;

namespace NotesSync.Simulators.Domino.DataService;

/// <summary>
/// Applies a data-service write body to a document, with DAS's rules: <c>$</c>/<c>@</c> keys and <c>Form</c> are
/// ignored, arrays become multi-value items, dates are dates only when typed, and PUT drops every non-<c>$</c>
/// item the body does not name.
/// </summary>
internal static class ItemWriter
{
    public sealed class InvalidBodyException(string message) : Exception(message);

    public static JsonElement Parse(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object) throw new InvalidBodyException("Error while parsing the JSON content");
            return json.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new InvalidBodyException("Error while parsing the JSON content");
        }
    }

    public static void Apply(NotesDocument doc, JsonElement body, bool replace)
    {
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in body.EnumerateObject())
        {
            if (IsIgnored(property.Name)) continue;
            doc.Set(ToItem(property.Name, property.Value));
            written.Add(property.Name);
        }
        if (!replace) return;
        foreach (var stale in doc.Items.Keys.Where(n => !n.StartsWith('$') && !n.Equals("Form", StringComparison.OrdinalIgnoreCase) && !written.Contains(n)).ToList())
            doc.Remove(stale);
    }

    public static bool IsIgnored(string name) =>
        name.StartsWith('$') || name.StartsWith('@') || name.Equals("Form", StringComparison.OrdinalIgnoreCase);

    public static NotesItem ToItem(string name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return NotesItem.Text(name, value.GetString()!);
            case JsonValueKind.Number:
                return NotesItem.Number(name, value.GetDouble());
            // Inferred: DAS hands Java booleans to replaceItemValue; the simulator stores their text.
            case JsonValueKind.True or JsonValueKind.False:
                return NotesItem.Text(name, value.GetBoolean() ? "true" : "false");
            case JsonValueKind.Null:
                return NotesItem.Text(name, "");
            case JsonValueKind.Array:
                return FromArray(name, value);
            case JsonValueKind.Object:
                return FromTyped(name, value);
            default:
                throw new InvalidBodyException("Error while parsing the JSON content");
        }
    }

    private static NotesItem FromArray(string name, JsonElement array)
    {
        var elements = array.EnumerateArray().ToList();
        if (elements.Count > 0 && elements.All(e => e.ValueKind == JsonValueKind.Number))
            return new NotesItem(name, NotesItemType.Number, [.. elements.Select(e => (object)e.GetDouble())]);
        return new NotesItem(name, NotesItemType.Text, [.. elements.Select(e => (object)(e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()))]);
    }

    private static NotesItem FromTyped(string name, JsonElement value)
    {
        var type = value.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "datetime":
                if (!value.TryGetProperty("data", out var data)) throw new InvalidBodyException("Error while parsing the JSON content");
                var texts = data.ValueKind == JsonValueKind.Array ? data.EnumerateArray().Select(e => e.GetString() ?? "").ToList() : [data.GetString() ?? ""];
                var dates = new List<object>();
                foreach (var text in texts)
                {
                    if (!NotesDateTime.TryParseDas(text, out var parsed))
                        throw new InvalidBodyException(string.Create(CultureInfo.InvariantCulture, $"Invalid date/time value: {text}"));
                    dates.Add(parsed);
                }
                return new NotesItem(name, NotesItemType.DateTime, dates);
            case "richtext":
                return NotesItem.RichText(name, value.TryGetProperty("data", out var html) ? html.GetString() ?? "" : "");
            case "multipart":
                var part = value.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array
                    ? content.EnumerateArray().FirstOrDefault(p => p.TryGetProperty("data", out _))
                    : default;
                return NotesItem.RichText(name, part.ValueKind == JsonValueKind.Object ? part.GetProperty("data").GetString() ?? "" : "");
            default:
                throw new InvalidBodyException("Error while parsing the JSON content");
        }
    }
}
