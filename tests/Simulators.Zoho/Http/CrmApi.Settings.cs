using System.Text;
using System.Text.Json.Nodes;
using NotesSync.Simulators.Zoho.Crm;

namespace NotesSync.Simulators.Zoho.Http;

internal sealed partial class CrmApi
{
    private static readonly string[] UserTypes =
    [
        "AllUsers", "ActiveUsers", "DeactiveUsers", "ConfirmedUsers", "NotConfirmedUsers", "DeletedUsers",
        "ActiveConfirmedUsers", "AdminUsers", "ActiveConfirmedAdmins", "CurrentUser",
    ];

    private static readonly string[] CreatableTypes =
        ["text", "textarea", "email", "phone", "website", "integer", "bigint", "double", "boolean", "date", "datetime", "picklist"];

    private static readonly string[] UniqueCapableTypes = ["text", "email", "phone", "integer", "bigint", "website"];

    /// <summary><c>GET /crm/v8/users?type=…</c> and <c>/users/{id}</c>.</summary>
    private async Task UsersAsync(CrmRequest request)
    {
        IEnumerable<ZohoUser> users = request.Org.Users;
        if (request.Id is not null)
        {
            var one = users.FirstOrDefault(u => u.Id == request.Id);
            if (one is null)
            {
                await BadRequestAsync(request, "INVALID_DATA", "the id given seems to be invalid", ("resource_path_index", 1));
                return;
            }
            await WriteAsync(request, 200, new JsonObject { ["users"] = new JsonArray(UserJson(request.Org, one)) });
            return;
        }
        var type = request.Query["type"].ToString() is { Length: > 0 } t ? t : "AllUsers";
        if (!UserTypes.Contains(type, StringComparer.Ordinal))
        {
            await BadRequestAsync(request, "INVALID_DATA", "invalid data", ("param_name", "type"));
            return;
        }
        if (!TryInt(request.Query["per_page"], 200, out var perPage) || perPage is < 1 or > 200 || !TryInt(request.Query["page"], 1, out var page) || page < 1)
        {
            await BadRequestAsync(request, "INVALID_DATA", "invalid data", ("param_name", "per_page"));
            return;
        }
        users = type switch
        {
            "ActiveUsers" => users.Where(u => u.Status == "active"),
            "DeactiveUsers" => users.Where(u => u.Status != "active"),
            "ConfirmedUsers" => users.Where(u => u.Confirmed),
            "NotConfirmedUsers" => users.Where(u => !u.Confirmed),
            "DeletedUsers" => [],
            "ActiveConfirmedUsers" => users.Where(u => u.Status == "active" && u.Confirmed),
            "AdminUsers" => users.Where(u => u.IsAdmin),
            "ActiveConfirmedAdmins" => users.Where(u => u.IsAdmin && u.Status == "active" && u.Confirmed),
            "CurrentUser" => [request.User],
            _ => users,
        };
        var all = users.ToList();
        var slice = all.Skip((page - 1) * perPage).Take(perPage).ToList();
        if (slice.Count == 0)
        {
            request.Http.Response.StatusCode = 204;
            return;
        }
        await WriteAsync(request, 200, new JsonObject
        {
            ["users"] = ZohoJson.Array(slice.Select(u => (JsonNode?)UserJson(request.Org, u))),
            ["info"] = new JsonObject
            {
                ["per_page"] = perPage,
                ["count"] = slice.Count,
                ["page"] = page,
                ["more_records"] = all.Count > page * perPage,
            },
        });
    }

    private static JsonObject UserJson(ZohoOrg org, ZohoUser user) => new()
    {
        ["id"] = user.Id,
        ["full_name"] = user.FullName,
        ["first_name"] = user.FirstName,
        ["last_name"] = user.LastName,
        ["email"] = user.Email,
        ["status"] = user.Status,
        ["confirm"] = user.Confirmed,
        ["role"] = new JsonObject { ["name"] = user.IsAdmin ? "CEO" : "Manager", ["id"] = user.IsAdmin ? org.RoleIds.Admin : org.RoleIds.Standard },
        ["profile"] = new JsonObject { ["name"] = user.IsAdmin ? "Administrator" : "Standard", ["id"] = user.IsAdmin ? org.ProfileIds.Admin : org.ProfileIds.Standard },
        ["time_zone"] = user.TimeZone,
        ["locale"] = user.Locale,
        ["zuid"] = user.Zuid,
    };

    /// <summary><c>GET /crm/v8/org</c>: <c>id</c> and <c>zgid</c> are different values.</summary>
    private Task OrgAsync(CrmRequest request)
    {
        var org = request.Org;
        // license_details' shape is inferred; it is where an adapter would read the edition.
        return WriteAsync(request, 200, new JsonObject
        {
            ["org"] = new JsonArray(new JsonObject
            {
                ["id"] = org.Id,
                ["company_name"] = org.CompanyName,
                ["zgid"] = org.Zgid,
                ["domain_name"] = "org" + org.Zgid,
                ["time_zone"] = org.TimeZone,
                ["primary_email"] = org.PrimaryEmail,
                ["country_code"] = org.CountryCode,
                ["license_details"] = new JsonObject
                {
                    ["paid"] = org.Edition != ZohoEdition.Free,
                    ["paid_type"] = org.Edition.ToString().ToLowerInvariant(),
                    ["users_license_purchased"] = org.Licences,
                },
            }),
        });
    }

    /// <summary><c>GET /crm/v8/settings/fields?module=…</c> and <c>/settings/fields/{id}?module=…</c>.</summary>
    private async Task FieldsAsync(CrmRequest request)
    {
        var store = await RequireModuleParamAsync(request);
        if (store is null) return;
        JsonArray fields;
        lock (request.Org.Gate)
        {
            var selected = request.Id is null ? store.Schema.Fields : store.Schema.Fields.Where(f => f.Id == request.Id).ToList();
            fields = ZohoJson.Array(selected.Select(f => (JsonNode?)FieldJson(store.Schema, f)));
        }
        if (request.Id is not null && fields.Count == 0)
        {
            await BadRequestAsync(request, "INVALID_DATA", "the id given seems to be invalid", ("resource_path_index", 2));
            return;
        }
        await WriteAsync(request, 200, new JsonObject { ["fields"] = fields });
    }

    private static JsonObject FieldJson(ModuleSchema schema, ZohoField field)
    {
        var sequence = 1;
        return new JsonObject
        {
            ["api_name"] = field.ApiName,
            ["field_label"] = field.Label,
            ["display_label"] = field.Label,
            ["data_type"] = field.DataType,
            ["json_type"] = field.JsonType,
            ["length"] = field.Length,
            ["system_mandatory"] = field.Mandatory,
            ["read_only"] = field.ReadOnly,
            ["field_read_only"] = field.ReadOnly,
            ["custom_field"] = field.Custom,
            ["visible"] = true,
            ["type"] = "used",
            // v8 answers an empty object for a field that is not unique; the OpenAPI model spells the member "casesensitive".
            ["unique"] = field.Unique == ZohoUniqueness.None
                ? new JsonObject()
                : new JsonObject { ["casesensitive"] = field.Unique == ZohoUniqueness.CaseSensitive ? "true" : "false" },
            ["pick_list_values"] = ZohoJson.Array(field.PickListValues.Select(v => (JsonNode?)new JsonObject
            {
                ["display_value"] = v,
                ["actual_value"] = v,
                ["sequence_number"] = sequence++,
            })),
            ["lookup"] = field.LookupModule is { } module && module != "$se_module"
                ? new JsonObject { ["module"] = new JsonObject { ["api_name"] = module } }
                : new JsonObject(),
            ["id"] = field.Id,
            ["module"] = schema.ApiName,
        };
    }

    /// <summary>
    /// <c>POST /crm/v8/settings/fields?module=…</c>: ≤ 5 fields a call, ≤ 2 unique fields per module, the edition's
    /// quota of custom fields. The answer carries only the new field's id.
    /// </summary>
    private async Task CreateFieldsAsync(CrmRequest request)
    {
        var store = await RequireModuleParamAsync(request);
        if (store is null) return;
        if (request.Body is not JsonObject { } body || body["fields"] is not JsonArray { Count: > 0 } items)
        {
            await BadRequestAsync(request, "INVALID_DATA", "invalid data", ("api_name", "fields"), ("json_path", "$.fields"), ("expected_data_type", "jsonarray"));
            return;
        }
        if (items.Count > 5)
        {
            await BadRequestAsync(request, "LIMIT_EXCEEDED", "limit exceeded", ("api_name", "fields"), ("limit", 5));
            return;
        }
        var results = new List<(bool Ok, JsonObject Body)>();
        lock (request.Org.Gate)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var outcome = CreateField(request.Org, store.Schema, items[i], i, out var created);
                results.Add((created is not null, outcome));
            }
        }
        var status = results.All(r => r.Ok) ? 201 : results.All(r => !r.Ok) ? 400 : 207;
        await WriteAsync(request, status, new JsonObject { ["fields"] = ZohoJson.Array(results.Select(r => (JsonNode?)r.Body)) });
    }

    internal static JsonObject CreateField(ZohoOrg org, ModuleSchema schema, JsonNode? input, int index, out ZohoField? created)
    {
        created = null;
        string P(string member) => $"$.fields[{index}].{member}";
        if (input is not JsonObject spec)
            return WriteBatch.Err("INVALID_DATA", "invalid data", ("json_path", $"$.fields[{index}]"), ("expected_data_type", "jsonobject"));
        var label = ZohoJson.AsString(spec["field_label"])?.Trim();
        if (string.IsNullOrEmpty(label))
            return WriteBatch.Err("MANDATORY_NOT_FOUND", "required field not found", ("api_name", "field_label"), ("json_path", P("field_label")));
        var dataType = ZohoJson.AsString(spec["data_type"]);
        if (dataType is null)
            return WriteBatch.Err("MANDATORY_NOT_FOUND", "required field not found", ("api_name", "data_type"), ("json_path", P("data_type")));
        if (!CreatableTypes.Contains(dataType, StringComparer.Ordinal))
            return WriteBatch.Err("INVALID_DATA", "invalid data", ("api_name", "data_type"), ("json_path", P("data_type")));
        var apiName = ApiNameOf(label);
        if (schema.Find(apiName) is not null || schema.Fields.Any(f => string.Equals(f.Label, label, StringComparison.OrdinalIgnoreCase)))
            return WriteBatch.Err("DUPLICATE_DATA", "duplicate data", ("api_name", "field_label"), ("json_path", P("field_label")));
        if (schema.Fields.Count(f => f.Custom) >= org.CustomFieldQuotaPerModule)
            return WriteBatch.Err("LIMIT_EXCEEDED", "limit exceeded", ("api_name", "field_label"), ("json_path", P("field_label")), ("limit", org.CustomFieldQuotaPerModule));

        var unique = ZohoUniqueness.None;
        if (spec["unique"] is JsonObject uniqueSpec)
        {
            if (!UniqueCapableTypes.Contains(dataType, StringComparer.Ordinal))
                return WriteBatch.Err("INVALID_DATA", "invalid data", ("api_name", "unique"), ("json_path", P("unique")));
            if (schema.Fields.Count(f => f.Unique != ZohoUniqueness.None) >= 2)
                return WriteBatch.Err("LIMIT_EXCEEDED", "limit exceeded", ("api_name", "unique"), ("json_path", P("unique")), ("limit", 2));
            // Sources disagree on the spelling (case_sensitive in the docs, casesensitive in the OpenAPI/SDK): both are read.
            var caseSensitive = ReadFlag(uniqueSpec["case_sensitive"]) ?? ReadFlag(uniqueSpec["casesensitive"]) ?? false;
            unique = caseSensitive ? ZohoUniqueness.CaseSensitive : ZohoUniqueness.CaseInsensitive;
        }
        else if (spec["unique"] is JsonValue flag && ReadFlag(flag) == true)
        {
            unique = ZohoUniqueness.CaseInsensitive;
        }

        int? length = dataType switch
        {
            "text" or "email" or "phone" or "website" => spec["length"] is JsonValue lv && lv.TryGetValue<int>(out var l) ? Math.Clamp(l, 1, 255) : 255,
            "textarea" => 32_000,
            "integer" => 9,
            "bigint" => 18,
            _ => null,
        };
        var kind = dataType switch
        {
            "text" => FieldKind.Text,
            "textarea" => FieldKind.TextArea,
            "email" => FieldKind.Email,
            "phone" => FieldKind.Phone,
            "website" => FieldKind.Website,
            "integer" => FieldKind.Integer,
            "bigint" => FieldKind.BigInt,
            "double" => FieldKind.Double,
            "boolean" => FieldKind.Boolean,
            "date" => FieldKind.Date,
            "datetime" => FieldKind.DateTime,
            _ => FieldKind.Picklist,
        };
        var pickList = spec["pick_list_values"] is JsonArray values
            ? values.Select(v => v is JsonObject o ? ZohoJson.AsString(o["actual_value"]) ?? ZohoJson.AsString(o["display_value"]) : ZohoJson.AsString(v))
                .OfType<string>().ToList()
            : [];
        created = new ZohoField
        {
            Id = org.NextId(),
            ApiName = apiName,
            Label = label,
            DataType = dataType,
            Kind = kind,
            Length = length,
            Custom = true,
            Unique = unique,
            PickListValues = pickList,
        };
        schema.AddCustom(created);
        return new JsonObject
        {
            ["code"] = "SUCCESS",
            ["details"] = new JsonObject { ["id"] = created.Id },
            ["message"] = "field created",
            ["status"] = "success",
        };
    }

    /// <summary>"Notes UNID" → "Notes_UNID": Zoho's usual derivation (the real one may differ: read the field back).</summary>
    internal static string ApiNameOf(string label)
    {
        var name = new StringBuilder();
        foreach (var c in label)
        {
            if (char.IsAsciiLetterOrDigit(c)) name.Append(c);
            else if (name.Length > 0 && name[^1] != '_') name.Append('_');
        }
        var result = name.ToString().Trim('_');
        return result.Length == 0 ? "Field" : result;
    }

    private static bool? ReadFlag(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) && bool.TryParse(s, out var parsed) => parsed,
        _ => null,
    };

    private static async Task<ModuleStore?> RequireModuleParamAsync(CrmRequest request)
    {
        var module = request.Query["module"].ToString();
        if (module.Length == 0)
        {
            await BadRequestAsync(request, "REQUIRED_PARAM_MISSING", "required param is missing", ("param_name", "module"));
            return null;
        }
        var store = request.Org.Store(module);
        if (store is null) await BadRequestAsync(request, "INVALID_MODULE", "the module name given seems to be invalid", ("param_name", "module"));
        return store;
    }
}
