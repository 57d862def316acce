using System.Text.Json.Nodes;
using NotesSync.Simulators.Zoho.Http;

namespace NotesSync.Simulators.Zoho.Crm;

/// <summary>Turns a stored record into Zoho's JSON for one reader (date-times in the reader's zone).</summary>
internal static class RecordRenderer
{
    public static string? DisplayName(ModuleSchema schema, StoredRecord record) => schema.DisplayField == "Full_Name"
        ? FullName(record)
        : record.GetString(schema.DisplayField);

    public static string FullName(StoredRecord record) =>
        string.Join(' ', new[] { record.GetString("First_Name"), record.GetString("Last_Name") }.Where(s => !string.IsNullOrEmpty(s)));

    /// <summary>All fields when <paramref name="fields"/> is null; else <c>id</c> plus the named ones that exist.</summary>
    public static JsonObject Render(ZohoOrg org, ModuleSchema schema, StoredRecord record, ZohoUser reader, IReadOnlyList<string>? fields)
    {
        var zone = ZohoTime.Zone(reader.TimeZone);
        var output = new JsonObject { ["id"] = record.Id };
        IEnumerable<ZohoField> selected = fields is null
            ? schema.Fields
            : fields.Select(schema.Find).OfType<ZohoField>();
        foreach (var field in selected)
        {
            if (field.ApiName == "id" || output.ContainsKey(field.ApiName)) continue;
            output[field.ApiName] = Value(org, schema, record, field, zone);
            if (field.ApiName == "What_Id") output["$se_module"] = record.GetString("$se_module");
        }
        return output;
    }

    private static JsonNode? Value(ZohoOrg org, ModuleSchema schema, StoredRecord record, ZohoField field, TimeZoneInfo zone)
    {
        var stored = record.Values[field.ApiName];
        switch (field.Kind)
        {
            case FieldKind.OwnerLookup:
                return User(record.Owner, withEmail: true);
            case FieldKind.UserStamp:
                return User(field.ApiName == "Created_By" ? record.CreatedBy : record.ModifiedBy, withEmail: true);
            case FieldKind.TimeStamp:
                return ZohoTime.Format(field.ApiName == "Created_Time" ? record.CreatedTime : record.ModifiedTime, zone);
            case FieldKind.FullName:
                return FullName(record);
            case FieldKind.Tag:
                return ZohoJson.Array(record.Tags.Select(t => (JsonNode?)new JsonObject { ["name"] = t, ["id"] = org.TagId(t) }));
            case FieldKind.DateTime or FieldKind.ClosedTime:
                return ZohoJson.AsString(stored) is { } utc && ZohoTime.TryParseDateTime(utc, out var at) ? ZohoTime.Format(at, zone) : null;
            case FieldKind.EventReminder:
                return EventReminder(record, stored, zone);
            case FieldKind.Lookup:
                return Lookup(org, record, field, stored);
            case FieldKind.Participants:
                return Participants(org, stored);
            default:
                _ = schema;
                return stored?.DeepClone();
        }
    }

    private static JsonObject User(ZohoUser user, bool withEmail)
    {
        var json = new JsonObject { ["name"] = user.FullName, ["id"] = user.Id };
        if (withEmail) json["email"] = user.Email;
        return json;
    }

    private static JsonObject? Lookup(ZohoOrg org, StoredRecord record, ZohoField field, JsonNode? stored)
    {
        var id = WriteBatch.IdOf(stored);
        if (id is null) return null;
        var module = field.LookupModule == "$se_module" ? record.GetString("$se_module") : field.LookupModule;
        var target = module is null ? null : org.Store(module);
        var name = target is not null && target.ById.TryGetValue(id, out var linked) ? DisplayName(target.Schema, linked) : null;
        return new JsonObject { ["name"] = name, ["id"] = id };
    }

    /// <summary>Read back with name, Email, invited, type, participant, status, id (zoho.md).</summary>
    private static JsonArray Participants(ZohoOrg org, JsonNode? stored)
    {
        if (stored is not JsonArray items) return new JsonArray();
        var contacts = org.Store("Contacts")!;
        var output = new JsonArray();
        foreach (var item in items.OfType<JsonObject>())
        {
            var type = ZohoJson.AsString(item["type"]);
            var participant = ZohoJson.AsString(item["participant"]);
            string? name = null;
            var email = ZohoJson.AsString(item["Email"]);
            if (type == "contact" && participant is not null && contacts.ById.TryGetValue(participant, out var contact))
            {
                name = FullName(contact);
                email = contact.GetString("Email");
            }
            else if (type == "user" && participant is not null && org.FindUser(participant) is { } user)
            {
                name = user.FullName;
                email = user.Email;
            }
            output.Add(new JsonObject
            {
                ["name"] = name,
                ["Email"] = email,
                ["invited"] = item["invited"]?.DeepClone() ?? false,
                ["type"] = type,
                ["participant"] = participant,
                ["status"] = ZohoJson.AsString(item["status"]) ?? "not_known",
                ["id"] = ZohoJson.AsString(item["id"]),
            });
        }
        return output;
    }

    /// <summary>
    /// zoho.md: read back as a date-time. A recurring event is written with offsets; the simulator answers the
    /// first occurrence's reminder (start minus the first offset) — how Zoho computes it is not documented.
    /// </summary>
    private static JsonNode? EventReminder(StoredRecord record, JsonNode? stored, TimeZoneInfo zone)
    {
        if (ZohoJson.AsString(stored) is { } utc && ZohoTime.TryParseDateTime(utc, out var at)) return ZohoTime.Format(at, zone);
        if (stored is JsonArray { Count: > 0 } offsets && offsets[0] is JsonObject first
            && record.GetString("Start_DateTime") is { } startText && ZohoTime.TryParseDateTime(startText, out var start)
            && first["unit"] is JsonValue u && u.TryGetValue<int>(out var unit))
        {
            var offset = ZohoJson.AsString(first["period"]) switch
            {
                "hours" => TimeSpan.FromHours(unit),
                "days" => TimeSpan.FromDays(unit),
                "weeks" => TimeSpan.FromDays(7 * unit),
                _ => TimeSpan.FromMinutes(unit),
            };
            return ZohoTime.Format(start - offset, zone);
        }
        return null;
    }
}
