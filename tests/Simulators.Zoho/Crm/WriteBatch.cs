using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotesSync.Simulators.Zoho.Http;

namespace NotesSync.Simulators.Zoho.Crm;

internal readonly record struct WriteOutcome(JsonObject Body, bool Success, string Code, string? RecordId);

/// <summary>
/// Applies one insert/update/upsert/delete request record by record, in order, the way Zoho does: each record
/// succeeds or fails on its own, and a record sees the ones before it in the same batch. Callers hold the org gate.
/// </summary>
internal sealed partial class WriteBatch(ZohoOrg org, ModuleStore store, ZohoUser actor, DateTimeOffset now)
{
    private readonly Dictionary<string, Dictionary<string, List<StoredRecord>>> _indexes = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _now = ZohoTime.Truncate(now);

    private ModuleSchema Schema => store.Schema;

    /// <summary>Events: <c>"trigger":["workflow"]</c> with <c>$send_notification</c> marks participants invited (zoho.md: inferred).</summary>
    public bool WorkflowTriggered { get; init; }

    public DateTimeOffset? IfUnmodifiedSince { get; init; }

    public List<(string Operation, string Id, IReadOnlyCollection<string> Fields)> Changes { get; } = [];

    public WriteOutcome Insert(JsonNode? input, int index)
    {
        if (input is not JsonObject record) return NotAnObject(index);
        var error = Prepare(record, index, existing: null, out var pending);
        if (error is not null) return Failed(error);
        error = CheckUnique(pending, index, existing: null, systemUniqueChecked: true);
        if (error is not null) return Failed(error);
        var stored = ApplyInsert(pending);
        return Succeeded(stored, "record added");
    }

    public WriteOutcome Update(JsonNode? input, int index, string? routeId)
    {
        if (input is not JsonObject record) return NotAnObject(index);
        var id = routeId ?? IdOf(record["id"]);
        if (string.IsNullOrEmpty(id))
            return Failed(Err("MANDATORY_NOT_FOUND", "required field not found", ("api_name", "id"), ("json_path", $"$.data[{index}].id")));
        if (!store.ById.TryGetValue(id, out var existing))
            return Failed(Err("INVALID_DATA", "the id given seems to be invalid", ("api_name", "id"), ("json_path", $"$.data[{index}].id")));
        if (IfUnmodifiedSince is { } since && existing.ModifiedTime > since)
        {
            var body = ZohoJson.Error("ALREADY_MODIFIED", "record updated time has already passed if-unmodified-since time", Stamp(existing));
            return new WriteOutcome(body, false, "ALREADY_MODIFIED", existing.Id);
        }
        var error = Prepare(record, index, existing, out var pending);
        if (error is not null) return Failed(error);
        error = CheckUnique(pending, index, existing, systemUniqueChecked: true);
        if (error is not null) return Failed(error);
        ApplyUpdate(existing, pending);
        return Succeeded(existing, "record updated");
    }

    public WriteOutcome Upsert(JsonNode? input, int index, IReadOnlyList<ZohoField> duplicateCheckFields, bool onlyCustomFieldsListed)
    {
        if (input is not JsonObject record) return NotAnObject(index);
        StoredRecord? match = null;
        string? duplicateField = null; // the field that matched; Zoho's sample answers null for an inserted record
        foreach (var field in duplicateCheckFields)
        {
            var key = UniqueKey(field, record[field.ApiName]);
            if (key is null) continue;
            var hits = Index(field).GetValueOrDefault(key);
            if (hits is { Count: > 0 })
            {
                match = hits.MinBy(r => r.Key);
                duplicateField = field.ApiName;
                break;
            }
        }

        // zoho.md: when duplicate_check_fields names only custom fields, system ones such as Email are ignored.
        var systemUniqueChecked = !onlyCustomFieldsListed;
        WriteOutcome outcome;
        if (match is null)
        {
            var error = Prepare(record, index, existing: null, out var pending);
            if (error is not null) return Failed(error);
            error = CheckUnique(pending, index, existing: null, systemUniqueChecked);
            if (error is not null) return Failed(error);
            outcome = Succeeded(ApplyInsert(pending), "record added");
            outcome.Body.Insert(1, "duplicate_field", duplicateField);
            outcome.Body.Insert(2, "action", "insert");
            return outcome;
        }

        var updateError = Prepare(record, index, match, out var changes);
        if (updateError is not null)
        {
            updateError["details"]!.AsObject()["id"] = match.Id;
            return Failed(updateError);
        }
        updateError = CheckUnique(changes, index, match, systemUniqueChecked);
        if (updateError is not null) return Failed(updateError);
        ApplyUpdate(match, changes);
        outcome = Succeeded(match, "record updated");
        outcome.Body.Insert(1, "duplicate_field", duplicateField);
        outcome.Body.Insert(2, "action", "update");
        return outcome;
    }

    public WriteOutcome Delete(string id)
    {
        if (!store.ById.Remove(id, out var record))
        {
            var failure = ZohoJson.Error("INVALID_DATA", "record not deleted", ZohoJson.Details(("id", id)));
            return new WriteOutcome(failure, false, "INVALID_DATA", id);
        }
        store.Touch();
        foreach (var index in _indexes.Values)
            foreach (var list in index.Values) list.Remove(record);
        store.Deleted.Add(new DeletedEntry
        {
            Id = record.Id,
            DisplayName = RecordRenderer.DisplayName(store.Schema, record),
            DeletedBy = actor,
            CreatedBy = record.CreatedBy,
            DeletedTime = _now,
        });
        Changes.Add(("delete", record.Id, []));
        var body = new JsonObject
        {
            ["code"] = "SUCCESS",
            ["details"] = new JsonObject { ["id"] = record.Id },
            ["message"] = "record deleted",
            ["status"] = "success",
        };
        return new WriteOutcome(body, true, "SUCCESS", record.Id);
    }

    private sealed class Pending
    {
        public Dictionary<string, JsonNode?> Values { get; } = new(StringComparer.Ordinal);

        public List<string>? Tags { get; set; }

        public ZohoUser? Owner { get; set; }
    }

    /// <summary>Validates one input record into normalised values; returns Zoho's per-record error or null.</summary>
    private JsonObject? Prepare(JsonObject record, int index, StoredRecord? existing, out Pending pending)
    {
        pending = new Pending();
        var isInsert = existing is null;
        var sendNotification = record["$send_notification"] is JsonValue sn1 && sn1.TryGetValue<bool>(out var b1) && b1
            || record["send_notification"] is JsonValue sn2 && sn2.TryGetValue<bool>(out var b2) && b2;
        if (record.TryGetPropertyValue("$se_module", out var seModule))
        {
            var module = ZohoJson.AsString(seModule);
            if (module is null)
                return Err("INVALID_DATA", "invalid data", ("api_name", "$se_module"), ("json_path", Path(index, "$se_module")));
            pending.Values["$se_module"] = module;
        }

        foreach (var (name, value) in record)
        {
            if (name is "id" or "$se_module") continue;
            var field = Schema.Find(name);
            // Zoho ignores api names it does not know and fields that are read-only.
            if (field is null || field.ReadOnly) continue;
            var path = Path(index, name);

            if (field.Kind == FieldKind.Tag)
            {
                var tags = ReadTags(value);
                if (tags is null) return Err("INVALID_DATA", "invalid data", ("api_name", name), ("json_path", path), ("expected_data_type", "jsonarray"));
                pending.Tags = tags;
                continue;
            }
            if (field.Kind == FieldKind.OwnerLookup)
            {
                var ownerId = IdOf(value);
                var owner = ownerId is null ? null : org.FindUser(ownerId);
                if (owner is null || owner.Status != "active")
                    return Err("INVALID_DATA", "invalid data", ("api_name", name), ("json_path", path), ("expected_data_type", "ownerlookup"));
                pending.Owner = owner;
                continue;
            }
            if (value is null || (value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0))
            {
                if (field.Mandatory)
                    return Err("MANDATORY_NOT_FOUND", "required field not found", ("api_name", name), ("json_path", path));
                pending.Values[name] = null;
                continue;
            }
            var error = Normalize(field, value, path, index, existing, pending, sendNotification);
            if (error is not null) return error;
        }

        if (isInsert)
        {
            foreach (var field in Schema.Fields)
            {
                if (!field.Mandatory) continue;
                if (!pending.Values.TryGetValue(field.ApiName, out var v) || v is null)
                    return Err("MANDATORY_NOT_FOUND", "required field not found", ("api_name", field.ApiName), ("json_path", Path(index, field.ApiName)));
            }
        }

        if (pending.Values.TryGetValue("What_Id", out var whatId) && whatId is not null
            && !pending.Values.ContainsKey("$se_module") && existing?.GetString("$se_module") is null)
            return Err("MANDATORY_NOT_FOUND", "required field not found", ("api_name", "$se_module"), ("json_path", Path(index, "$se_module")));

        return Schema.ApiName switch
        {
            "Events" => CheckEvent(pending, existing, index),
            "Tasks" => CompleteTask(pending, existing),
            _ => null,
        };
    }

    private JsonObject? Normalize(ZohoField field, JsonNode value, string path, int index, StoredRecord? existing, Pending pending, bool sendNotification)
    {
        var name = field.ApiName;
        JsonObject Invalid(string expected) => Err("INVALID_DATA", "invalid data", ("api_name", name), ("json_path", path), ("expected_data_type", expected));
        var text = ZohoJson.AsString(value);
        switch (field.Kind)
        {
            case FieldKind.Text or FieldKind.TextArea or FieldKind.Phone or FieldKind.Website or FieldKind.Email:
                if (text is null) return Invalid(field.DataType);
                if (field.Length is { } max && text.Length > max)
                    return Err("INVALID_DATA", "invalid data", ("maximum_length", max), ("api_name", name), ("json_path", path));
                if (field.Kind == FieldKind.Email && !EmailPattern().IsMatch(text)) return Invalid("email");
                pending.Values[name] = text;
                return null;
            case FieldKind.Integer or FieldKind.BigInt:
                if (value is not JsonValue iv || !iv.TryGetValue<long>(out var l)) return Invalid(field.DataType);
                pending.Values[name] = l;
                return null;
            case FieldKind.Double:
                if (value is not JsonValue dv || !dv.TryGetValue<double>(out var d)) return Invalid("double");
                pending.Values[name] = d;
                return null;
            case FieldKind.Boolean:
                if (value is not JsonValue bv || !bv.TryGetValue<bool>(out var flag)) return Invalid("boolean");
                pending.Values[name] = flag;
                return null;
            case FieldKind.Date:
                if (!ZohoTime.TryParseDate(text, out _)) return Invalid("date");
                pending.Values[name] = text;
                return null;
            case FieldKind.DateTime:
                if (!ZohoTime.TryParseDateTime(text, out var instant)) return Invalid("datetime");
                pending.Values[name] = ZohoTime.Format(instant, TimeZoneInfo.Utc);
                return null;
            case FieldKind.Picklist:
                // Inferred: values outside the org's picklist are refused, so adapters must map by pick_list_values.
                if (text is null) return Invalid("picklist");
                if (text == "-None-") { pending.Values[name] = null; return null; }
                if (!field.PickListValues.Contains(text, StringComparer.Ordinal))
                    return Err("INVALID_DATA", "invalid data", ("api_name", name), ("json_path", path), ("expected_data_type", "picklist"));
                pending.Values[name] = text;
                return null;
            case FieldKind.Lookup:
                return NormalizeLookup(field, value, path, existing, pending);
            case FieldKind.Participants:
                return NormalizeParticipants(value, path, existing, pending, sendNotification);
            case FieldKind.TaskReminder:
                if (value is not JsonObject alarm || ZohoJson.AsString(alarm["ALARM"]) is not { Length: > 0 }) return Invalid("jsonobject");
                pending.Values[name] = new JsonObject { ["ALARM"] = ZohoJson.AsString(alarm["ALARM"]) };
                return null;
            case FieldKind.EventReminder:
                return NormalizeEventReminder(value, path, pending);
            case FieldKind.RecurringActivity:
                if (value is not JsonObject rule || ZohoJson.AsString(rule["RRULE"]) is not { } rrule
                    || !rrule.StartsWith("FREQ=", StringComparison.OrdinalIgnoreCase))
                    return Invalid("jsonobject");
                pending.Values[name] = new JsonObject { ["RRULE"] = rrule };
                return null;
            default:
                pending.Values[name] = value.DeepClone();
                return null;
        }
    }

    private JsonObject? NormalizeLookup(ZohoField field, JsonNode value, string path, StoredRecord? existing, Pending pending)
    {
        var name = field.ApiName;
        // zoho.md: a lookup is set by id; to set Account_Name by name the Account must be resolved first.
        var id = IdOf(value);
        if (id is null)
            return Err("INVALID_DATA", "invalid data", ("api_name", name), ("json_path", path), ("expected_data_type", "jsonobject"));
        var target = field.LookupModule == "$se_module"
            ? ZohoJson.AsString(pending.Values.GetValueOrDefault("$se_module")) ?? existing?.GetString("$se_module")
            : field.LookupModule;
        var targetStore = target is null ? null : org.Store(target);
        if (targetStore is not null && !targetStore.ById.ContainsKey(id))
            return Err("INVALID_DATA", "the related id given seems to be invalid", ("api_name", name), ("json_path", path), ("id", id));
        pending.Values[name] = new JsonObject { ["id"] = id };
        return null;
    }

    private JsonObject? NormalizeParticipants(JsonNode value, string path, StoredRecord? existing, Pending pending, bool sendNotification)
    {
        if (value is not JsonArray items)
            return Err("INVALID_DATA", "invalid data", ("api_name", "Participants"), ("json_path", path), ("expected_data_type", "jsonarray"));
        if (items.Count > 50)
            return Err("LIMIT_EXCEEDED", "limit exceeded", ("api_name", "Participants"), ("json_path", path), ("limit", 50));
        var previous = existing?.Values["Participants"] as JsonArray;
        var normalised = new JsonArray();
        var contacts = org.Store("Contacts")!;
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (items[i] is not JsonObject item)
                return Err("INVALID_DATA", "invalid data", ("api_name", "Participants"), ("json_path", itemPath), ("expected_data_type", "jsonobject"));
            var type = ZohoJson.AsString(item["type"])?.ToLowerInvariant();
            string? participant;
            string? email = null;
            switch (type)
            {
                case "contact":
                    participant = IdOf(item["participant"]);
                    if (participant is null || !contacts.ById.ContainsKey(participant))
                        return Err("INVALID_DATA", "invalid data", ("api_name", "participant"), ("json_path", $"{itemPath}.participant"));
                    break;
                case "user":
                    participant = IdOf(item["participant"]);
                    if (participant is null || org.FindUser(participant) is null)
                        return Err("INVALID_DATA", "invalid data", ("api_name", "participant"), ("json_path", $"{itemPath}.participant"));
                    break;
                case "lead":
                    // Leads are not simulated: any id is taken.
                    participant = IdOf(item["participant"]);
                    if (participant is null)
                        return Err("INVALID_DATA", "invalid data", ("api_name", "participant"), ("json_path", $"{itemPath}.participant"));
                    break;
                case "email":
                    // Sources disagree: the API docs send the address in Email, the SDK in participant. Both are read.
                    email = ZohoJson.AsString(item["Email"]) ?? ZohoJson.AsString(item["participant"]);
                    if (email is null || !EmailPattern().IsMatch(email))
                        return Err("INVALID_DATA", "invalid data", ("api_name", "Email"), ("json_path", $"{itemPath}.Email"), ("expected_data_type", "email"));
                    participant = email;
                    break;
                default:
                    return Err("INVALID_DATA", "invalid data", ("api_name", "type"), ("json_path", $"{itemPath}.type"),
                        ("supported_values", new JsonArray("contact", "lead", "user", "email")));
            }
            var earlier = previous?.OfType<JsonObject>().FirstOrDefault(p =>
                ZohoJson.AsString(p["type"]) == type && ZohoJson.AsString(p["participant"]) == participant);
            var invited = sendNotification && WorkflowTriggered
                || (earlier?["invited"] is JsonValue inv && inv.TryGetValue<bool>(out var wasInvited) && wasInvited);
            normalised.Add(new JsonObject
            {
                ["type"] = type,
                ["participant"] = participant,
                ["Email"] = email,
                ["invited"] = invited,
                ["status"] = ZohoJson.AsString(earlier?["status"]) ?? "not_known",
                ["id"] = ZohoJson.AsString(earlier?["id"]) ?? org.NextId(),
            });
        }
        pending.Values["Participants"] = normalised;
        return null;
    }

    private static JsonObject? NormalizeEventReminder(JsonNode value, string path, Pending pending)
    {
        if (ZohoJson.AsString(value) is { } text)
        {
            if (!ZohoTime.TryParseDateTime(text, out var at))
                return Err("INVALID_DATA", "invalid data", ("api_name", "Remind_At"), ("json_path", path), ("expected_data_type", "datetime"));
            pending.Values["Remind_At"] = ZohoTime.Format(at, TimeZoneInfo.Utc);
            return null;
        }
        if (value is JsonArray offsets && offsets.Count > 0 && offsets.All(o => o is JsonObject oo
                && oo["unit"] is JsonValue u && u.TryGetValue<int>(out var unit) && unit >= 0
                && ZohoJson.AsString(oo["period"]) is "minutes" or "hours" or "days" or "weeks"))
        {
            pending.Values["Remind_At"] = offsets.DeepClone();
            return null;
        }
        return Err("INVALID_DATA", "invalid data", ("api_name", "Remind_At"), ("json_path", path), ("expected_data_type", "datetime"));
    }

    private static JsonObject? CheckEvent(Pending pending, StoredRecord? existing, int index)
    {
        DateTimeOffset? Read(string field) =>
            (pending.Values.TryGetValue(field, out var v) ? ZohoJson.AsString(v) : existing?.GetString(field)) is { } s
            && ZohoTime.TryParseDateTime(s, out var t) ? t : null;

        if ((pending.Values.ContainsKey("Start_DateTime") || pending.Values.ContainsKey("End_DateTime"))
            && Read("Start_DateTime") is { } start && Read("End_DateTime") is { } end && end < start)
            return Err("INVALID_DATA", "invalid data", ("api_name", "End_DateTime"), ("json_path", Path(index, "End_DateTime")));

        if (pending.Values.ContainsKey("Remind_At") || pending.Values.ContainsKey("Recurring_Activity"))
        {
            var remind = pending.Values.TryGetValue("Remind_At", out var r) ? r : existing?.Values["Remind_At"];
            var recurring = (pending.Values.TryGetValue("Recurring_Activity", out var rr) ? rr : existing?.Values["Recurring_Activity"]) is not null;
            // zoho.md: a one-off event takes a date-time reminder, a recurring one an array of offsets.
            if (remind is JsonArray && !recurring)
                return Err("INVALID_DATA", "invalid data", ("api_name", "Remind_At"), ("json_path", Path(index, "Remind_At")), ("expected_data_type", "datetime"));
            if (remind is JsonValue && recurring)
                return Err("INVALID_DATA", "invalid data", ("api_name", "Remind_At"), ("json_path", Path(index, "Remind_At")), ("expected_data_type", "jsonarray"));
        }
        return null;
    }

    private JsonObject? CompleteTask(Pending pending, StoredRecord? existing)
    {
        if (existing is null && !pending.Values.ContainsKey("Status")) pending.Values["Status"] = "Not Started";
        if (pending.Values.TryGetValue("Status", out var status))
        {
            var completed = ZohoJson.AsString(status) == "Completed";
            var wasCompleted = existing?.GetString("Status") == "Completed";
            if (completed && !wasCompleted) pending.Values["Closed_Time"] = ZohoTime.Format(_now, TimeZoneInfo.Utc);
            if (!completed) pending.Values["Closed_Time"] = null;
        }
        return null;
    }

    private JsonObject? CheckUnique(Pending pending, int index, StoredRecord? existing, bool systemUniqueChecked)
    {
        foreach (var field in Schema.Fields)
        {
            var checkedField = field.Unique != ZohoUniqueness.None || (field.SystemDuplicateCheck && org.SystemDuplicateCheck);
            if (!checkedField || (!field.Custom && !systemUniqueChecked)) continue;
            if (!pending.Values.TryGetValue(field.ApiName, out var value)) continue;
            var key = UniqueKey(field, value);
            if (key is null) continue;
            var clash = Index(field).GetValueOrDefault(key)?.FirstOrDefault(r => r != existing);
            if (clash is null) continue;
            return Err("DUPLICATE_DATA", "duplicate data",
                ("api_name", field.ApiName),
                ("json_path", Path(index, field.ApiName)),
                ("duplicate_record", new JsonObject
                {
                    ["id"] = clash.Id,
                    ["module"] = new JsonObject { ["api_name"] = Schema.ApiName },
                    ["Owner"] = new JsonObject { ["name"] = clash.Owner.FullName, ["id"] = clash.Owner.Id, ["zuid"] = clash.Owner.Zuid },
                }),
                ("more_records", false));
        }
        return null;
    }

    private Dictionary<string, List<StoredRecord>> Index(ZohoField field)
    {
        if (_indexes.TryGetValue(field.ApiName, out var index)) return index;
        index = new Dictionary<string, List<StoredRecord>>(StringComparer.Ordinal);
        foreach (var record in store.ById.Values)
        {
            var key = UniqueKey(field, record.Values[field.ApiName]);
            if (key is null) continue;
            if (!index.TryGetValue(key, out var list)) index[key] = list = [];
            list.Add(record);
        }
        _indexes[field.ApiName] = index;
        return index;
    }

    private static string? UniqueKey(ZohoField field, JsonNode? value)
    {
        var text = value switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v => v.ToJsonString(),
            _ => null,
        };
        if (string.IsNullOrEmpty(text)) return null;
        return field.Unique == ZohoUniqueness.CaseSensitive ? text : text.ToUpperInvariant();
    }

    private StoredRecord ApplyInsert(Pending pending)
    {
        var id = org.NextId();
        var record = new StoredRecord
        {
            Id = id,
            Key = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture),
            CreatedTime = _now,
            ModifiedTime = _now,
            CreatedBy = actor,
            ModifiedBy = actor,
            Owner = pending.Owner ?? actor,
            Tags = pending.Tags ?? [],
        };
        foreach (var (name, value) in pending.Values)
            if (value is not null) record.Values[name] = value.DeepClone();
        store.ById[record.Id] = record;
        store.Touch();
        Reindex(record, null);
        foreach (var tag in record.Tags) org.TagId(tag);
        Changes.Add(("insert", record.Id, pending.Values.Keys.ToArray()));
        return record;
    }

    private void ApplyUpdate(StoredRecord record, Pending pending)
    {
        var before = new JsonObject();
        foreach (var (name, value) in record.Values) before[name] = value?.DeepClone();
        foreach (var (name, value) in pending.Values)
        {
            if (value is null) record.Values.Remove(name);
            else record.Values[name] = value.DeepClone();
        }
        if (pending.Owner is not null) record.Owner = pending.Owner;
        if (pending.Tags is not null)
        {
            record.Tags = pending.Tags;
            foreach (var tag in record.Tags) org.TagId(tag);
        }
        // Zoho moves Modified_Time on every accepted update, changed values or not.
        record.ModifiedTime = _now;
        record.ModifiedBy = actor;
        store.Touch();
        Reindex(record, before);
        Changes.Add(("update", record.Id, pending.Values.Keys.ToArray()));
    }

    private void Reindex(StoredRecord record, JsonObject? before)
    {
        foreach (var (fieldName, index) in _indexes)
        {
            var field = Schema.Find(fieldName)!;
            if (before is not null && UniqueKey(field, before[fieldName]) is { } oldKey && index.TryGetValue(oldKey, out var oldList))
                oldList.Remove(record);
            if (UniqueKey(field, record.Values[fieldName]) is { } newKey)
            {
                if (!index.TryGetValue(newKey, out var list)) index[newKey] = list = [];
                if (!list.Contains(record)) list.Add(record);
            }
        }
    }

    private WriteOutcome Succeeded(StoredRecord record, string message)
    {
        var body = new JsonObject
        {
            ["code"] = "SUCCESS",
            ["details"] = Stamp(record),
            ["message"] = message,
            ["status"] = "success",
        };
        return new WriteOutcome(body, true, "SUCCESS", record.Id);
    }

    private JsonObject Stamp(StoredRecord record)
    {
        var zone = ZohoTime.Zone(actor.TimeZone);
        return new JsonObject
        {
            ["Modified_Time"] = ZohoTime.Format(record.ModifiedTime, zone),
            ["Modified_By"] = new JsonObject { ["name"] = record.ModifiedBy.FullName, ["id"] = record.ModifiedBy.Id },
            ["Created_Time"] = ZohoTime.Format(record.CreatedTime, zone),
            ["id"] = record.Id,
            ["Created_By"] = new JsonObject { ["name"] = record.CreatedBy.FullName, ["id"] = record.CreatedBy.Id },
        };
    }

    private static WriteOutcome Failed(JsonObject error) => new(error, false, ZohoJson.AsString(error["code"]) ?? "INVALID_DATA", null);

    private static WriteOutcome NotAnObject(int index) =>
        Failed(Err("INVALID_DATA", "invalid data", ("json_path", $"$.data[{index}]"), ("expected_data_type", "jsonobject")));

    private static string Path(int index, string field) => $"$.data[{index}].{field}";

    internal static JsonObject Err(string code, string message, params (string Key, JsonNode? Value)[] details) =>
        ZohoJson.Error(code, message, ZohoJson.Details(details));

    internal static string? IdOf(JsonNode? node) => node switch
    {
        JsonObject o => IdOf(o["id"]),
        JsonValue v when v.TryGetValue<string>(out var s) && s.Length > 0 => s,
        JsonValue v when v.TryGetValue<long>(out var l) => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private static List<string>? ReadTags(JsonNode? value)
    {
        if (value is null) return [];
        if (value is not JsonArray array) return null;
        var names = new List<string>();
        foreach (var item in array)
        {
            var name = item is JsonObject o ? ZohoJson.AsString(o["name"]) : ZohoJson.AsString(item);
            if (string.IsNullOrWhiteSpace(name)) return null;
            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase)) names.Add(name);
        }
        return names;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
