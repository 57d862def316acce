using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotesSync.Application.Crm;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>
/// Zoho's record JSON to and from the port's shapes (zoho.md §2). Values read: text as is, booleans "true"/"false",
/// numbers as written, dates and date-times as Zoho sent them (with the offset of the reading user's time zone:
/// never converted), lookups by name with their id beside them under <c>{field}.id</c>, other objects and arrays as
/// their JSON text. The Notes UNID field travels under <see cref="NotesUnidKey"/> whatever the org named it.
/// </summary>
internal static partial class ZohoRecords
{
    /// <summary>The key of the cross-reference field in <see cref="ZohoRecord.Fields"/> and <see cref="ZohoWrite.Fields"/>.</summary>
    public const string NotesUnidKey = "Notes_UNID";

    /// <summary>The suffix of the key that carries a lookup's record id next to its name.</summary>
    public const string LookupIdSuffix = ".id";

    /// <summary>Every module's owner lookup (zoho.md §2): the CRM user a record belongs to.</summary>
    public const string OwnerField = "Owner";

    public static ZohoRecord Record(JsonElement record, string notesUnidApiName)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        var tags = new List<string>();
        List<CrmParticipant>? participants = null;
        var id = "";
        foreach (var property in record.EnumerateObject())
        {
            switch (property.Name)
            {
                case "id":
                    id = Text(property.Value) ?? "";
                    break;
                case "Tag":
                    if (property.Value.ValueKind == JsonValueKind.Array)
                        tags.AddRange(property.Value.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.Object ? Text(t, "name") : Text(t)).OfType<string>());
                    break;
                case "Participants":
                    participants = Participants(property.Value);
                    break;
                default:
                    Add(fields, property.Name == notesUnidApiName ? NotesUnidKey : property.Name, property.Value);
                    break;
            }
        }

        var modified = fields.GetValueOrDefault("Modified_Time") is { } text && TryDateTime(text, out var at) ? at : DateTimeOffset.MinValue;
        return new ZohoRecord(id, modified, fields, tags, participants,
            fields.GetValueOrDefault(NotesUnidKey) is { Length: > 0 } unid ? unid : null);
    }

    private static void Add(Dictionary<string, string?> fields, string name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when value.TryGetProperty("id", out var id):
                // A lookup ({"id","name"}, the owner adds "email"): by name, as the port reads it; the id beside it.
                fields[name] = Text(value, "name");
                fields[name + LookupIdSuffix] = Text(id);
                break;
            case JsonValueKind.Object or JsonValueKind.Array:
                fields[name] = value.GetRawText();
                break;
            default:
                fields[name] = Text(value);
                break;
        }
    }

    /// <summary>
    /// Read back with <c>name</c>, <c>Email</c>, <c>invited</c>, <c>status</c>, <c>type</c>, <c>participant</c>, <c>id</c>.
    /// Sources disagree on where a plain address sits (the API docs: <c>Email</c>; the SDK: <c>participant</c>): both are read.
    /// </summary>
    private static List<CrmParticipant> Participants(JsonElement value)
    {
        var participants = new List<CrmParticipant>();
        if (value.ValueKind != JsonValueKind.Array) return participants;
        foreach (var item in value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
        {
            var type = Text(item, "type") ?? "";
            var participant = Text(item, "participant");
            var email = Text(item, "Email");
            participants.Add(type.Equals("email", StringComparison.OrdinalIgnoreCase)
                ? new CrmParticipant(type, null, email ?? participant, Text(item, "name"))
                : new CrmParticipant(type, participant, email, Text(item, "name")));
        }
        return participants;
    }

    public static CrmDeletion? Deletion(JsonElement row) =>
        Text(row, "id") is { } id && Text(row, "deleted_time") is { } text && TryDateTime(text, out var at) ? new CrmDeletion(id, at) : null;

    /// <summary>
    /// One record of an insert/update/upsert body. Values are typed by the field's <c>data_type</c>: lookups take a
    /// record id (zoho.md: to set a lookup by name, resolve the record first), booleans and numbers their JSON
    /// types, date-times keep the offset they were given, JSON-shaped fields (reminders, recurrence) their JSON.
    /// </summary>
    public static JsonObject Write(ZohoWrite write, ZohoModuleFields module, bool withId)
    {
        var json = new JsonObject();
        if (withId && write.Id is not null) json["id"] = write.Id;
        foreach (var (name, value) in write.Fields)
        {
            // A lookup is written by id in its own field; the "{field}.id" keys of a read are not fields of Zoho's.
            if (name == "id" || name.EndsWith(LookupIdSuffix, StringComparison.Ordinal)) continue;
            var apiName = name == NotesUnidKey ? module.NotesUnid : name;
            json[apiName] = Value(module.DataType(apiName), value);
        }

        if (!string.IsNullOrEmpty(write.NotesUnid)) json[module.NotesUnid] = write.NotesUnid;
        if (!string.IsNullOrEmpty(write.OwnerId)) json[OwnerField] = new JsonObject { ["id"] = write.OwnerId };

        if (write.Participants is { } participants)
            json["Participants"] = new JsonArray(participants.Select(p => (JsonNode)(p.Type.Equals("email", StringComparison.OrdinalIgnoreCase)
                // Sources disagree (API docs: Email; SDK: participant): the API docs' member is sent.
                ? new JsonObject { ["type"] = "email", ["Email"] = p.Email ?? p.Id }
                : new JsonObject { ["type"] = p.Type.ToLowerInvariant(), ["participant"] = p.Id })).ToArray());
        return json;
    }

    private static JsonNode? Value(string? dataType, string? value)
    {
        if (value is null) return null;
        switch (dataType)
        {
            case "boolean":
                return bool.TryParse(value, out var flag) ? JsonValue.Create(flag) : JsonValue.Create(value);
            case "integer" or "bigint" or "long":
                return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(value);
            case "double" or "decimal" or "currency" or "percent":
                return decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) ? JsonValue.Create(amount) : JsonValue.Create(value);
            case "lookup" or "ownerlookup" or "userlookup":
                return JsonShaped(value) as JsonObject ?? new JsonObject { ["id"] = value };
            case "datetime":
                return JsonValue.Create(DateTimeText(value));
            case "text" or "textarea" or "email" or "phone" or "website" or "picklist" or "date":
                return JsonValue.Create(value);
            default:
                return JsonShaped(value) ?? JsonValue.Create(value);
        }
    }

    private static JsonNode? JsonShaped(string value)
    {
        var trimmed = value.TrimStart();
        if (!trimmed.StartsWith('{') && !trimmed.StartsWith('[')) return null;
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Zoho writes <c>yyyy-MM-ddTHH:mm:ss±HH:mm</c>: fractional seconds are dropped and a <c>Z</c> becomes +00:00.
    /// A value without an offset is sent as it is, for Zoho to refuse: the adapter does not guess a time zone.
    /// </summary>
    private static string DateTimeText(string value) =>
        WithOffset().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? Iso(at)
            : value;

    /// <summary>ISO 8601 to the second, with the value's own offset.</summary>
    public static string Iso(DateTimeOffset at) =>
        at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static bool TryDateTime(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out at);

    /// <summary>
    /// The per-record results of a write, in the order sent; null when the answer is not one result per record (a
    /// request-level refusal). Zoho answers 201/200 when all succeed, 207 when mixed, and 400 (or 412 when every record
    /// was ALREADY_MODIFIED) with the same <c>data[]</c> body when all fail: every record's <c>code</c> is read.
    /// </summary>
    public static IReadOnlyList<ZohoWriteResult>? Results(ZohoResponse response, int expected)
    {
        if ((int)response.Status is not (200 or 201 or 202 or 207 or 400 or 412)) return null;
        using var json = Parse(response);
        if (json is null || json.RootElement.ValueKind != JsonValueKind.Object
            || !json.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array
            || data.GetArrayLength() != expected)
            return null;
        return data.EnumerateArray().Select(Result).ToList();
    }

    private static ZohoWriteResult Result(JsonElement item, int index)
    {
        var details = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        var id = details.ValueKind == JsonValueKind.Object ? Text(details, "id") : null;
        DateTimeOffset? modified = details.ValueKind == JsonValueKind.Object && Text(details, "Modified_Time") is { } text && TryDateTime(text, out var at) ? at : null;
        var code = Text(item, "code");
        if (code == "SUCCESS" || (code is null && Text(item, "status") == "success")) return new ZohoWriteResult(index, id, modified);
        var field = details.ValueKind == JsonValueKind.Object ? Text(details, "api_name") : null;
        return new ZohoWriteResult(index, id, modified, code ?? "UNKNOWN", Text(item, "message"), field);
    }

    /// <summary>The body as JSON, or null when it is empty or not JSON (an outage page, say).</summary>
    public static JsonDocument? Parse(ZohoResponse response)
    {
        if (response.IsEmpty) return null;
        try
        {
            return JsonDocument.Parse(response.Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Zoho's error code and message of a refused call: top level, or the first item of a wrapped <c>data[]</c>.</summary>
    public static (string? Code, string? Message) Refusal(ZohoResponse response)
    {
        using var json = Parse(response);
        if (json is null || json.RootElement.ValueKind != JsonValueKind.Object) return (null, null);
        var root = json.RootElement;
        if (Text(root, "code") is { } code) return (code, Text(root, "message"));
        foreach (var wrapper in new[] { "data", "fields" })
            if (root.TryGetProperty(wrapper, out var items) && items.ValueKind == JsonValueKind.Array && items.GetArrayLength() > 0
                && items[0].ValueKind == JsonValueKind.Object)
                return (Text(items[0], "code"), Text(items[0], "message"));
        return (null, null);
    }

    public static bool IsEmptyAnswer(ZohoResponse response) => response.Status is HttpStatusCode.NoContent or HttpStatusCode.NotModified;

    // Ids are strings in v8, numbers in some older answers: read both.
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? Text(v) : null;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();
}
