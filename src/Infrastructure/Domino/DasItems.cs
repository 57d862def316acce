using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotesSync.Application.Notes;

namespace NotesSync.Infrastructure.Domino;

/// <summary>
/// Notes items as the data service sends and takes them (das.md §1.4, §1.5, "Checked" 10 and 12): a one-value
/// list comes as a scalar, dates come typed with <c>strongtype=true</c>, rich text comes as MIME parts.
/// </summary>
internal static class DasItems
{
    private const string DateOnlyFormat = "yyyy-MM-dd";

    /// <summary>A document as <c>GET /documents/unid/{unid}?strongtype=true&amp;hidden=true</c> answers it.</summary>
    public static NotesDocument Document(JsonElement root, string? lastModified)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("A document answer is not a JSON object.");
        var unid = root.TryGetProperty("@unid", out var u) ? u.GetString() : null;
        if (string.IsNullOrEmpty(unid)) throw new FormatException("The document has no @unid.");

        // Notes item names are case-insensitive ("Work0Email" beside "work1email" in one contact, das.md §3).
        var items = new Dictionary<string, NotesItem>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in root.EnumerateObject())
        {
            // $ items (hidden=true) are read only for privacy: DAS never writes them back, so they are not offered.
            if (property.Name.StartsWith('@') || property.Name.StartsWith('$')) continue;
            if (Read(property.Value) is { } item) items[property.Name] = item;
        }

        var form = root.TryGetProperty("@form", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()
            : items.TryGetValue("Form", out var formItem) ? formItem.First : null;
        var modified = root.TryGetProperty("@modified", out var m) ? Instant(m) : null;
        return new NotesDocument(unid, form, modified ?? DateTimeOffset.MinValue, lastModified, IsPrivate(root), items);
    }

    /// <summary>
    /// Inferred (das.md §3, §4): private contacts carry <c>Confidential</c> "1", private to-dos and appointments
    /// <c>OrgConfidential</c> "1". A missing <c>$PublicAccess</c> does not make a document private, because
    /// documents created through DAS can never have it (§1.5); only an explicit value other than "1" does.
    /// </summary>
    private static bool IsPrivate(JsonElement root)
    {
        string? Flag(string name)
        {
            foreach (var property in root.EnumerateObject())
                if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return Read(property.Value)?.First;
            return null;
        }

        return Flag("Confidential") is "1" || Flag("OrgConfidential") is "1" || Flag("$PublicAccess") is { Length: > 0 } and not "1";
    }

    /// <summary>A date-time as DAS writes it: <c>"…Z"</c>, or typed <c>{"type":"datetime","data":"…Z"}</c>.</summary>
    public static DateTimeOffset? Instant(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => ParseInstant(value.GetString()!),
        JsonValueKind.Object when value.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.String => ParseInstant(data.GetString()!),
        _ => null,
    };

    /// <summary>One item value as DAS writes it; null for what carries no value (null, an empty list).</summary>
    public static NotesItem? Read(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => NotesItem.Text(value.GetString()!),
        JsonValueKind.Number => new NotesItem(NotesItemKind.Number, [NumberText(value)]),
        JsonValueKind.True or JsonValueKind.False => NotesItem.Text(value.GetRawText()),
        JsonValueKind.Array => ReadList(value),
        JsonValueKind.Object => ReadTyped(value),
        _ => null,
    };

    private static NotesItem? ReadList(JsonElement array)
    {
        var elements = array.EnumerateArray().ToList();
        if (elements.Count == 0) return null;
        if (elements.All(e => e.ValueKind == JsonValueKind.Number))
            return new NotesItem(NotesItemKind.Number, [.. elements.Select(NumberText)]);
        if (elements.All(e => e.ValueKind == JsonValueKind.Object && TypeOf(e) == "datetime"))
            return Dates([.. elements.SelectMany(e => Texts(e.GetProperty("data")))]);
        return new NotesItem(NotesItemKind.Text, [.. elements.Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())]);
    }

    private static NotesItem? ReadTyped(JsonElement value) => TypeOf(value) switch
    {
        "datetime" when value.TryGetProperty("data", out var data) => Dates(Texts(data)),
        "multipart" or "richtext" => DasRichText.ToText(value) is { } text ? NotesItem.Text(text) : null,
        _ when value.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.String => NotesItem.Text(data.GetString()!),
        _ => null,
    };

    /// <summary>
    /// Typed dates: all date-only values make a <see cref="NotesItemKind.Date"/> item, all instants a
    /// <see cref="NotesItemKind.DateTime"/> one (normalised to UTC); anything else (a time alone) stays text.
    /// </summary>
    private static NotesItem? Dates(List<string> texts)
    {
        if (texts.Count == 0) return null;
        if (texts.All(t => DateOnly.TryParseExact(t, DateOnlyFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
            return new NotesItem(NotesItemKind.Date, texts);
        var instants = texts.Select(ParseInstant).ToList();
        return instants.All(i => i is not null)
            ? new NotesItem(NotesItemKind.DateTime, [.. instants.Select(i => NotesItem.DateTime(i!.Value).First!)])
            : new NotesItem(NotesItemKind.Text, texts);
    }

    private static DateTimeOffset? ParseInstant(string text) =>
        text.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant) ? instant : null;

    private static string? TypeOf(JsonElement value) =>
        value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    private static List<string> Texts(JsonElement data) => data.ValueKind switch
    {
        JsonValueKind.Array => [.. data.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
        JsonValueKind.String => [data.GetString()!],
        _ => [],
    };

    private static string NumberText(JsonElement number) =>
        number.TryGetInt64(out var whole) ? whole.ToString(CultureInfo.InvariantCulture) : number.GetDouble().ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// The body of a POST or PATCH. <c>$</c>/<c>@</c> keys and <c>Form</c> are left out because DAS ignores them
    /// (§1.5): the form goes in <c>?form=</c>, privacy is never written.
    /// </summary>
    public static JsonObject Body(IReadOnlyDictionary<string, NotesItem> items)
    {
        var body = new JsonObject();
        foreach (var (name, item) in items)
        {
            if (name.StartsWith('$') || name.StartsWith('@') || name.Equals("Form", StringComparison.OrdinalIgnoreCase)) continue;
            body[name] = Write(item);
        }
        return body;
    }

    /// <summary>
    /// Dates go typed, or Domino may store them as text ("Checked" 10). An empty list is written as "", which Notes
    /// stores as an empty item. Inferred: a date-only value inside the typed form ("2024-05-02") is accepted as a
    /// date; the open-source code parses it with the same ISO 8601 reader as instants.
    /// </summary>
    public static JsonNode Write(NotesItem item)
    {
        if (item.Values.Count == 0) return JsonValue.Create("");
        return item.Kind switch
        {
            NotesItemKind.DateTime or NotesItemKind.Date => new JsonObject { ["type"] = "datetime", ["data"] = OneOrMany(item.Values.Select(v => (JsonNode)JsonValue.Create(v))) },
            NotesItemKind.Number => OneOrMany(item.Values.Select(NumberNode)),
            _ => OneOrMany(item.Values.Select(v => (JsonNode)JsonValue.Create(v))),
        };
    }

    private static JsonNode OneOrMany(IEnumerable<JsonNode> values)
    {
        var list = values.ToList();
        return list.Count == 1 ? list[0] : new JsonArray([.. list]);
    }

    private static JsonNode NumberNode(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return JsonValue.Create(text);
        return number == Math.Floor(number) && Math.Abs(number) < 1e15 ? JsonValue.Create((long)number) : JsonValue.Create(number);
    }
}
