using System.Text;
using System.Text.Json.Nodes;
using NotesSync.Simulators.Zoho.Crm;

namespace NotesSync.Simulators.Zoho.Http;

internal sealed partial class CrmApi
{
    private static readonly string[] SortableFields = ["id", "Created_Time", "Modified_Time"];

    /// <summary><c>GET /crm/v8/{module}</c>: the list with fields, paging, page tokens, sort and If-Modified-Since.</summary>
    private async Task ListAsync(CrmRequest request)
    {
        var q = request.Query;
        var store = request.Store!;
        var (ok, fields) = await TryReadFieldsAsync(request, required: true);
        if (!ok) return;

        var sortBy = q["sort_by"].ToString() is { Length: > 0 } sb ? sb : "id";
        if (!SortableFields.Contains(sortBy, StringComparer.Ordinal))
        {
            await BadRequestAsync(request, "INVALID_DATA", "invalid data", ("param_name", "sort_by"),
                ("supported_values", new JsonArray("id", "Created_Time", "Modified_Time")));
            return;
        }
        var sortOrder = q["sort_order"].ToString() is { Length: > 0 } so ? so : "desc";
        if (sortOrder is not ("asc" or "desc"))
        {
            await BadRequestAsync(request, "INVALID_DATA", "invalid data", ("param_name", "sort_order"), ("supported_values", new JsonArray("asc", "desc")));
            return;
        }
        if (!TryInt(q["per_page"], 200, out var perPage) || perPage is < 1 or > 200)
        {
            await BadRequestAsync(request, "INVALID_DATA", "invalid data", ("param_name", "per_page"), ("maximum_length", 200));
            return;
        }
        var pageToken = q["page_token"].ToString();
        if (pageToken.Length > 0 && q.ContainsKey("page"))
        {
            await BadRequestAsync(request, "AMBIGUITY_DURING_PROCESSING", "ambiguity during processing", ("param_names", new JsonArray("page", "page_token")));
            return;
        }
        if (!TryInt(q["page"], 1, out var page) || page < 1)
        {
            await BadRequestAsync(request, "INVALID_DATA", "invalid data", ("param_name", "page"));
            return;
        }
        if (!TryReadSince(request, "If-Modified-Since", out var since))
        {
            await BadRequestAsync(request, "INVALID_DATA", "invalid data", ("header_name", "If-Modified-Since"));
            return;
        }
        HashSet<string>? ids = null;
        if (q["ids"].ToString() is { Length: > 0 } idList)
        {
            ids = new HashSet<string>(idList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
            if (ids.Count > 100)
            {
                await BadRequestAsync(request, "LIMIT_EXCEEDED", "limit exceeded", ("limit", 100), ("param_name", "ids"));
                return;
            }
        }
        if (q.ContainsKey("cvid"))
        {
            // Custom views are not simulated; every cvid is unknown to this org.
            await BadRequestAsync(request, "INVALID_DATA", "invalid data", ("param_name", "cvid"));
            return;
        }

        var binding = Binding(request);
        PageToken? token = null;
        if (pageToken.Length > 0)
        {
            token = state.PageTokens.Find(pageToken);
            var mismatch = token is null || token.UserId != request.User.Id || token.Module != store.Schema.ApiName || token.Binding != binding;
            if (token is not null && !mismatch && token.ExpiresAt <= request.Now)
            {
                await WriteAsync(request, 400, ZohoJson.Error("EXPIRED_VALUE", "Page token expired",
                    ZohoJson.Details(("api_name", "page_token"), ("json_path", "$.query.page_token"))));
                return;
            }
            if (mismatch)
            {
                await BadRequestAsync(request, "TOKEN_BOUND_DATA_MISMATCH",
                    "The page_token given seems to be invalid or input param is added or altered or deleted", ("param_name", "page_token"));
                return;
            }
            if (token!.Served >= state.Options.PageTokenRecordLimit)
            {
                await BadRequestAsync(request, "PAGINATION_LIMIT_EXCEEDED",
                    $"You can only get upto {state.Options.PageTokenRecordLimit} records using page_token param", ("param_name", "page_token"));
                return;
            }
        }
        else if ((long)page * perPage > state.Options.DiscretePaginationLimit)
        {
            await WriteAsync(request, 400, ZohoJson.Error("DISCRETE_PAGINATION_LIMIT_EXCEEDED",
                $"You can only get the first {state.Options.DiscretePaginationLimit} records without using page_token param",
                ZohoJson.Details(("limit", state.Options.DiscretePaginationLimit))));
            return;
        }

        var ascending = sortOrder == "asc";
        var rows = new List<StoredRecord>(perPage);
        bool more;
        JsonArray data;
        (long Sort, long Key, int Count)? previousPage = null;
        lock (request.Org.Gate)
        {
            var sorted = store.SortedAscending(sortBy);
            var skip = token is null ? (page - 1) * perPage : 0;
            more = false;
            var first = token is null ? 0 : FirstAfter(sorted, sortBy, ascending, token);
            bool Listed(StoredRecord record) => (since is not { } s || record.ModifiedTime > s) && (ids is null || ids.Contains(record.Id));
            for (var n = first; n < sorted.Length; n++)
            {
                var record = sorted[ascending ? n : sorted.Length - 1 - n];
                if (!Listed(record)) continue;
                if (token is not null && !After(record, sortBy, ascending, token)) continue;
                if (skip > 0) { skip--; continue; }
                if (rows.Count == perPage) { more = true; break; }
                rows.Add(record);
            }
            if (token is not null) previousPage = PreviousPageCursor(sorted, sortBy, ascending, first, perPage, Listed);
            data = ZohoJson.Array(rows.Select(r => (JsonNode?)RecordRenderer.Render(request.Org, store.Schema, r, request.User, fields)));
        }

        if (rows.Count == 0)
        {
            // zoho.md: nothing modified since → 304; nothing at all → 204, both with an empty body.
            request.Http.Response.StatusCode = since is null ? 204 : 304;
            return;
        }

        var served = (token?.Served ?? ((page - 1) * perPage)) + rows.Count;
        var pageNumber = token?.Page ?? page;
        PageToken? next = null;
        if (more)
        {
            var last = rows[^1];
            next = state.PageTokens.Issue(request.User.Id, store.Schema.ApiName, binding, ModuleStore.SortValue(last, sortBy), last.Key, served, pageNumber + 1);
        }
        // previous_page_token leads to the page before this one; a page read with page=… (not a token) answers null,
        // as Zoho's page-1 sample does (inferred for later pages read by number).
        var previous = previousPage is { } p
            ? state.PageTokens.Issue(request.User.Id, store.Schema.ApiName, binding, p.Sort, p.Key, Math.Max(0, token!.Served - p.Count), Math.Max(1, pageNumber - 1))
            : null;
        var zone = ZohoTime.Zone(request.User.TimeZone);
        var info = new JsonObject
        {
            ["per_page"] = perPage,
            ["next_page_token"] = next?.Token,
            ["count"] = rows.Count,
            ["sort_by"] = sortBy,
            ["page"] = pageNumber,
            ["page_token_expiry"] = next is null ? null : ZohoTime.Format(next.ExpiresAt, zone),
            ["sort_order"] = sortOrder,
            ["more_records"] = more,
            ["previous_page_token"] = previous?.Token,
        };
        await WriteAsync(request, 200, new JsonObject { ["data"] = data, ["info"] = info });
    }

    /// <summary>
    /// The cursor that reads the page before the one starting at walk position <paramref name="pageStart"/>: walk back
    /// over <paramref name="perPage"/> listed records and stand on the record before them, or before everything.
    /// </summary>
    private static (long Sort, long Key, int Count) PreviousPageCursor(
        StoredRecord[] sorted, string sortBy, bool ascending, int pageStart, int perPage, Func<StoredRecord, bool> listed)
    {
        StoredRecord At(int n) => sorted[ascending ? n : sorted.Length - 1 - n];
        var count = 0;
        for (var n = pageStart - 1; n >= 0; n--)
        {
            if (!listed(At(n))) continue;
            if (++count < perPage) continue;
            if (n == 0) break;
            var before = At(n - 1);
            return (ModuleStore.SortValue(before, sortBy), before.Key, count);
        }
        // Before the first record of the walk's order: below every value ascending, above every value descending.
        var edge = ascending ? long.MinValue : long.MaxValue;
        return (edge, edge, count);
    }

    /// <summary>Where a page-token walk resumes in its own order: a binary search for the cursor.</summary>
    private static int FirstAfter(StoredRecord[] sorted, string sortBy, bool ascending, PageToken token)
    {
        // Ascending resumes at the first record above the cursor; descending at the last record below it.
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            var record = sorted[middle];
            var value = ModuleStore.SortValue(record, sortBy);
            var order = value != token.CursorSort ? value.CompareTo(token.CursorSort) : record.Key.CompareTo(token.CursorKey);
            if (ascending ? order <= 0 : order < 0) low = middle + 1;
            else high = middle;
        }
        return ascending ? low : sorted.Length - low;
    }

    private static bool After(StoredRecord record, string sortBy, bool ascending, PageToken token)
    {
        var value = ModuleStore.SortValue(record, sortBy);
        var order = value != token.CursorSort ? value.CompareTo(token.CursorSort) : record.Key.CompareTo(token.CursorKey);
        return ascending ? order > 0 : order < 0;
    }

    /// <summary>A page token is bound to every query parameter but page/page_token, and to If-Modified-Since.</summary>
    private static string Binding(CrmRequest request)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in request.Query.Where(p => p.Key is not ("page" or "page_token")).OrderBy(p => p.Key, StringComparer.Ordinal))
            text.Append(key).Append('=').Append(value.ToString()).Append('&');
        text.Append("ims=").Append(request.Http.Request.Headers.IfModifiedSince.ToString());
        return text.ToString();
    }

    /// <summary><c>GET /crm/v8/{module}/{id}</c>: one record with every field, or 204 when there is none.</summary>
    private async Task GetAsync(CrmRequest request)
    {
        var (ok, fields) = await TryReadFieldsAsync(request, required: false);
        if (!ok) return;
        JsonObject? record;
        lock (request.Org.Gate)
        {
            record = request.Store!.ById.TryGetValue(request.Id!, out var stored)
                ? RecordRenderer.Render(request.Org, request.Store.Schema, stored, request.User, fields)
                : null;
        }
        // An unknown or deleted id answers 204 (inferred: zoho.md does not say).
        if (record is null) request.Http.Response.StatusCode = 204;
        else await WriteAsync(request, 200, new JsonObject { ["data"] = new JsonArray(record) });
    }

    private Task InsertAsync(CrmRequest request) => WriteRecordsAsync(request, "insert");

    private Task UpdateAsync(CrmRequest request) => WriteRecordsAsync(request, "update");

    private Task UpsertAsync(CrmRequest request) => WriteRecordsAsync(request, "upsert");

    private async Task WriteRecordsAsync(CrmRequest request, string operation)
    {
        var store = request.Store!;
        if (request.Body is not JsonObject body)
        {
            await WriteAsync(request, 400, ZohoJson.WrappedError("INVALID_DATA", "invalid data", ZohoJson.Details(("json_path", "$"), ("expected_data_type", "jsonobject"))));
            return;
        }
        if (body["data"] is null)
        {
            await WriteAsync(request, 400, ZohoJson.WrappedError("REQUIRED_PARAM_MISSING", "required param is missing",
                ZohoJson.Details(("api_name", "data"), ("json_path", "$.data"))));
            return;
        }
        if (body["data"] is not JsonArray { Count: > 0 } data)
        {
            await WriteAsync(request, 400, ZohoJson.WrappedError("INVALID_DATA", "invalid data",
                ZohoJson.Details(("api_name", "data"), ("json_path", "$.data"), ("expected_data_type", "jsonarray"))));
            return;
        }
        // zoho.md: more than 100 records is refused; the shape is Zoho's OpenAPI example for update.
        if (data.Count > 100)
        {
            await WriteAsync(request, 400, ZohoJson.WrappedError("LIMIT_EXCEEDED", "count of records in your request exceeds the limit",
                ZohoJson.Details(("maximum_length", 100), ("api_name", "data"))));
            return;
        }
        if (!TryReadSince(request, "If-Unmodified-Since", out var unmodifiedSince))
        {
            await WriteAsync(request, 400, ZohoJson.WrappedError("INVALID_DATA", "invalid data", ZohoJson.Details(("header_name", "If-Unmodified-Since"))));
            return;
        }
        // Without "trigger" Zoho runs workflows; an empty list runs none.
        var workflow = body["trigger"] is not JsonArray triggers || triggers.Any(t => ZohoJson.AsString(t) == "workflow");

        var outcomes = new List<WriteOutcome>(data.Count);
        WriteBatch batch;
        JsonObject? listError = null;
        lock (request.Org.Gate)
        {
            IReadOnlyList<ZohoField> duplicateCheckFields = [];
            var onlyCustomListed = false;
            if (operation == "upsert")
            {
                (var fields, listError) = DuplicateCheckFields(store.Schema, body["duplicate_check_fields"]);
                duplicateCheckFields = fields ?? [];
                onlyCustomListed = body["duplicate_check_fields"] is JsonArray && duplicateCheckFields.All(f => f.Custom);
            }
            batch = new WriteBatch(request.Org, store, request.User, request.Now)
            {
                WorkflowTriggered = workflow,
                IfUnmodifiedSince = unmodifiedSince,
            };
            for (var i = 0; i < data.Count && listError is null; i++)
            {
                outcomes.Add(operation switch
                {
                    "insert" => batch.Insert(data[i], i),
                    "update" => batch.Update(data[i], i, i == 0 ? request.Id : null),
                    _ => batch.Upsert(data[i], i, duplicateCheckFields, onlyCustomListed),
                });
            }
        }

        if (listError is not null)
        {
            await WriteAsync(request, 400, new JsonObject { ["data"] = new JsonArray(listError) });
            return;
        }
        state.Notifications.Publish(request.Org, store.Schema.ApiName, batch.Changes);
        var allOk = outcomes.All(o => o.Success);
        var noneOk = outcomes.All(o => !o.Success);
        var status = allOk ? (operation == "insert" ? 201 : 200)
            : noneOk ? (outcomes.All(o => o.Code == "ALREADY_MODIFIED") ? 412 : 400)
            : 207;
        await WriteAsync(request, status, new JsonObject { ["data"] = ZohoJson.Array(outcomes.Select(o => (JsonNode?)o.Body)) });
    }

    /// <summary>
    /// Without <c>duplicate_check_fields</c> Zoho checks the system duplicate-check fields, then the unique ones.
    /// A named field must be one of those.
    /// </summary>
    private static (IReadOnlyList<ZohoField>? Fields, JsonObject? Error) DuplicateCheckFields(ModuleSchema schema, JsonNode? listed)
    {
        if (listed is null)
        {
            var defaults = schema.Fields.Where(f => f.SystemDuplicateCheck)
                .Concat(schema.Fields.Where(f => f.Unique != ZohoUniqueness.None && !f.SystemDuplicateCheck)).ToList();
            return (defaults, null);
        }
        if (listed is not JsonArray names || names.Count == 0)
            return (null, WriteBatch.Err("INVALID_DATA", "invalid data", ("api_name", "duplicate_check_fields"), ("json_path", "$.duplicate_check_fields"), ("expected_data_type", "jsonarray")));
        var fields = new List<ZohoField>();
        for (var i = 0; i < names.Count; i++)
        {
            var field = ZohoJson.AsString(names[i]) is { } name ? schema.Find(name) : null;
            if (field is null || (field.Unique == ZohoUniqueness.None && !field.SystemDuplicateCheck))
                return (null, WriteBatch.Err("INVALID_DATA", "the field is not a unique field", ("api_name", ZohoJson.AsString(names[i])),
                    ("json_path", $"$.duplicate_check_fields[{i}]")));
            fields.Add(field);
        }
        return (fields, null);
    }

    /// <summary><c>DELETE /crm/v8/{module}?ids=…</c> (≤ 100) or <c>/{module}/{id}</c>: to the recycle bin.</summary>
    private async Task DeleteAsync(CrmRequest request)
    {
        var store = request.Store!;
        string[] ids;
        if (request.Id is not null)
        {
            ids = [request.Id];
            bool exists;
            lock (request.Org.Gate) exists = store.ById.ContainsKey(request.Id);
            if (!exists)
            {
                await BadRequestAsync(request, "INVALID_DATA", "invalid record id", ("resource_path_index", 0));
                return;
            }
        }
        else
        {
            ids = request.Query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (ids.Length == 0)
            {
                await BadRequestAsync(request, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", ("param_name", "ids"));
                return;
            }
            if (ids.Length > 100)
            {
                await BadRequestAsync(request, "LIMIT_EXCEEDED", "limit exceeded", ("limit", 100), ("param_name", "ids"));
                return;
            }
        }

        List<WriteOutcome> outcomes;
        WriteBatch batch;
        lock (request.Org.Gate)
        {
            batch = new WriteBatch(request.Org, store, request.User, request.Now);
            outcomes = ids.Select(batch.Delete).ToList();
        }
        state.Notifications.Publish(request.Org, store.Schema.ApiName, batch.Changes);
        var status = outcomes.All(o => o.Success) ? 200 : outcomes.All(o => !o.Success) ? 400 : 207;
        await WriteAsync(request, status, new JsonObject { ["data"] = ZohoJson.Array(outcomes.Select(o => (JsonNode?)o.Body)) });
    }

    /// <summary>
    /// <c>GET /crm/v8/{module}/deleted?type=all|recycle|permanent</c>. A recycle-bin row turns permanent after 60
    /// days (its deleted_time then being that moment — inferred) and disappears 120 days after that.
    /// </summary>
    private async Task DeletedAsync(CrmRequest request)
    {
        var q = request.Query;
        var type = q["type"].ToString() is { Length: > 0 } t ? t : "all";
        if (type is not ("all" or "recycle" or "permanent"))
        {
            await WriteAsync(request, 400, ZohoJson.WrappedError("PATTERN_NOT_MATCHED", "Please check whether the input values are correct",
                ZohoJson.Details(("param_name", "type"))));
            return;
        }
        if (!TryInt(q["per_page"], 200, out var perPage) || perPage is < 1 or > 200)
        {
            await BadRequestAsync(request, "INVALID_DATA", "invalid data", ("param_name", "per_page"), ("maximum_length", 200));
            return;
        }
        if (!TryInt(q["page"], 1, out var page) || page < 1)
        {
            await BadRequestAsync(request, "INVALID_DATA", "invalid data", ("param_name", "page"));
            return;
        }
        if (!TryReadSince(request, "If-Modified-Since", out var since))
        {
            await BadRequestAsync(request, "INVALID_DATA", "invalid data", ("header_name", "If-Modified-Since"));
            return;
        }

        var zone = ZohoTime.Zone(request.User.TimeZone);
        var rows = new List<(DateTimeOffset At, JsonObject Row)>();
        lock (request.Org.Gate)
        {
            var deleted = request.Store!.Deleted;
            foreach (var entry in deleted)
            {
                if (entry.PermanentSince is null && request.Now - entry.DeletedTime > TimeSpan.FromDays(60))
                    entry.PermanentSince = entry.DeletedTime + TimeSpan.FromDays(60);
            }
            deleted.RemoveAll(e => e.PermanentSince is { } p && request.Now - p > TimeSpan.FromDays(120));
            foreach (var entry in deleted)
            {
                var permanent = entry.PermanentSince is not null;
                if ((type == "recycle" && permanent) || (type == "permanent" && !permanent)) continue;
                var at = entry.PermanentSince ?? entry.DeletedTime;
                if (since is { } s && at <= s) continue;
                rows.Add((at, new JsonObject
                {
                    ["deleted_by"] = permanent || entry.DeletedBy is null ? null : new JsonObject { ["name"] = entry.DeletedBy.FullName, ["id"] = entry.DeletedBy.Id },
                    ["id"] = entry.Id,
                    ["display_name"] = permanent ? null : entry.DisplayName,
                    ["type"] = permanent ? "permanent" : "recycle",
                    ["created_by"] = permanent || entry.CreatedBy is null ? null : new JsonObject { ["name"] = entry.CreatedBy.FullName, ["id"] = entry.CreatedBy.Id },
                    ["deleted_time"] = ZohoTime.Format(at, zone),
                }));
            }
        }
        var pageRows = rows.OrderByDescending(r => r.At).Skip((page - 1) * perPage).Take(perPage).Select(r => (JsonNode?)r.Row).ToList();
        if (pageRows.Count == 0)
        {
            request.Http.Response.StatusCode = since is null ? 204 : 304;
            return;
        }
        await WriteAsync(request, 200, new JsonObject
        {
            ["data"] = ZohoJson.Array(pageRows),
            ["info"] = new JsonObject
            {
                ["per_page"] = perPage,
                ["count"] = pageRows.Count,
                ["page"] = page,
                ["more_records"] = rows.Count > page * perPage,
            },
        });
    }

    private static async Task<(bool Ok, IReadOnlyList<string>? Fields)> TryReadFieldsAsync(CrmRequest request, bool required)
    {
        var raw = request.Query["fields"].ToString();
        if (raw.Length == 0)
        {
            if (!required) return (true, null);
            // zoho.md: fields is mandatory from v3 on.
            await BadRequestAsync(request, "REQUIRED_PARAM_MISSING", "required param is missing", ("param_name", "fields"));
            return (false, null);
        }
        var fields = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (fields.Count > 50)
        {
            await BadRequestAsync(request, "LIMIT_EXCEEDED", "limit exceeded", ("limit", 50), ("param_name", "fields"));
            return (false, null);
        }
        // Names the module does not have are left out of the answer (inferred: Zoho's reaction is not documented).
        return (true, fields);
    }

    private static bool TryReadSince(CrmRequest request, string header, out DateTimeOffset? since)
    {
        since = null;
        var raw = request.Http.Request.Headers[header].ToString();
        if (raw.Length == 0) return true;
        // Zoho documents ISO 8601 with offset here, not the HTTP-date format HttpClient's typed header writes.
        if (!ZohoTime.TryParseDateTime(raw, out var value)) return false;
        since = value;
        return true;
    }
}
