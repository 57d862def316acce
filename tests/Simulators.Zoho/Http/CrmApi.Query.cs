using System.Text.Json.Nodes;
using NotesSync.Simulators.Zoho.Crm;

namespace NotesSync.Simulators.Zoho.Http;

internal sealed partial class CrmApi
{
    /// <summary>
    /// <c>GET /crm/v8/{module}/search?criteria=|email=|phone=|word=</c>. At most 2,000 results are reachable; past
    /// that the answer reuses DISCRETE_PAGINATION_LIMIT_EXCEEDED (the exact code is not documented).
    /// Unlike Zoho, whose search index lags writes by a few seconds, a record is searchable at once.
    /// </summary>
    private async Task SearchAsync(CrmRequest request)
    {
        var q = request.Query;
        var store = request.Store!;
        var (ok, fields) = await TryReadFieldsAsync(request, required: false);
        if (!ok) return;
        if (!TryInt(q["per_page"], 200, out var perPage) || perPage is < 1 or > 200 || !TryInt(q["page"], 1, out var page) || page < 1)
        {
            await BadRequestAsync(request, "INVALID_DATA", "invalid data", ("param_name", "per_page"), ("maximum_length", 200));
            return;
        }
        if ((long)page * perPage > 2_000)
        {
            await BadRequestAsync(request, "DISCRETE_PAGINATION_LIMIT_EXCEEDED", "You can only get the first 2000 records", ("limit", 2_000));
            return;
        }

        JsonArray data;
        bool more;
        try
        {
            lock (request.Org.Gate)
            {
                Func<StoredRecord, bool> matches = BuildSearch(store.Schema, q);
                var hits = store.SortedAscending("id").Reverse().Where(matches).Skip((page - 1) * perPage).Take(perPage + 1).ToList();
                more = hits.Count > perPage;
                data = ZohoJson.Array(hits.Take(perPage).Select(r => (JsonNode?)RecordRenderer.Render(request.Org, store.Schema, r, request.User, fields)));
            }
        }
        catch (QueryException e)
        {
            await WriteAsync(request, 400, ZohoJson.Error(e.Code, e.Message, e.Details));
            return;
        }
        if (data.Count == 0)
        {
            request.Http.Response.StatusCode = 204;
            return;
        }
        await WriteAsync(request, 200, new JsonObject
        {
            ["data"] = data,
            ["info"] = new JsonObject { ["per_page"] = perPage, ["count"] = data.Count, ["page"] = page, ["more_records"] = more },
        });
    }

    private static Func<StoredRecord, bool> BuildSearch(ModuleSchema schema, IQueryCollection q)
    {
        if (q["criteria"].ToString() is { Length: > 0 } criteria) return SearchCriteria.Parse(criteria, schema).Matches;
        if (q["email"].ToString() is { Length: > 0 } email)
        {
            var emailFields = schema.Fields.Where(f => f.Kind == FieldKind.Email).Select(f => f.ApiName).ToList();
            return r => emailFields.Any(f => string.Equals(r.GetString(f), email, StringComparison.OrdinalIgnoreCase));
        }
        if (q["phone"].ToString() is { Length: > 0 } phone)
        {
            var phoneFields = schema.Fields.Where(f => f.Kind == FieldKind.Phone).Select(f => f.ApiName).ToList();
            return r => phoneFields.Any(f => r.GetString(f) == phone);
        }
        if (q["word"].ToString() is { Length: > 0 } word)
        {
            var textFields = schema.Fields.Where(f => f.Kind is FieldKind.Text or FieldKind.Email or FieldKind.Phone).Select(f => f.ApiName).ToList();
            return r => textFields.Any(f => r.GetString(f)?.Contains(word, StringComparison.OrdinalIgnoreCase) == true)
                || RecordRenderer.FullName(r).Contains(word, StringComparison.OrdinalIgnoreCase);
        }
        throw new QueryException("REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", ZohoJson.Details(("param_name", "criteria")));
    }

    /// <summary>
    /// <c>POST /crm/v8/coql</c>. Sources disagree on newer limits; the simulator keeps zoho.md's safe plan:
    /// at most 200 rows a call and offset + limit ≤ 10,000.
    /// </summary>
    private async Task CoqlAsync(CrmRequest request)
    {
        var query = request.Body is JsonObject body ? ZohoJson.AsString(body["select_query"]) : null;
        if (string.IsNullOrWhiteSpace(query))
        {
            await BadRequestAsync(request, "REQUIRED_PARAM_MISSING", "required param is missing", ("api_name", "select_query"));
            return;
        }
        CoqlQuery parsed;
        try
        {
            parsed = Coql.Parse(query, request.Org);
        }
        catch (QueryException e)
        {
            await WriteAsync(request, 400, ZohoJson.Error(e.Code, e.Message, e.Details));
            return;
        }
        if (!ScopeAllows(request.Scope, "modules." + parsed.Store.Schema.ScopeName, "READ"))
        {
            await ZohoJson.WriteAsync(request.Http, 401, ZohoJson.Error("OAUTH_SCOPE_MISMATCH", "Unauthorized"));
            return;
        }
        if (parsed.Limit is < 1 or > 200)
        {
            await BadRequestAsync(request, "LIMIT_EXCEEDED", "limit exceeded", ("clause", "limit"), ("limit", 200));
            return;
        }
        if (parsed.Offset + parsed.Limit > 10_000)
        {
            await BadRequestAsync(request, "LIMIT_EXCEEDED", "limit exceeded", ("clause", "limit"), ("limit", 10_000));
            return;
        }

        JsonArray data;
        bool more;
        lock (request.Org.Gate)
        {
            IEnumerable<StoredRecord> rows = parsed.Store.SortedAscending("id");
            if (parsed.Where is { } where) rows = rows.Where(where.Matches);
            if (parsed.OrderBy.Count > 0)
            {
                var ordered = rows.ToList();
                ordered.Sort((a, b) =>
                {
                    foreach (var (field, descending) in parsed.OrderBy)
                    {
                        var order = string.Compare(SortText(a, field), SortText(b, field), StringComparison.OrdinalIgnoreCase);
                        if (order != 0) return descending ? -order : order;
                    }
                    return a.Key.CompareTo(b.Key);
                });
                rows = ordered;
            }
            var page = rows.Skip(parsed.Offset).Take(parsed.Limit + 1).ToList();
            more = page.Count > parsed.Limit;
            data = ZohoJson.Array(page.Take(parsed.Limit).Select(r =>
                (JsonNode?)RecordRenderer.Render(request.Org, parsed.Store.Schema, r, request.User, parsed.Fields)));
        }
        if (data.Count == 0)
        {
            request.Http.Response.StatusCode = 204;
            return;
        }
        await WriteAsync(request, 200, new JsonObject
        {
            ["data"] = data,
            ["info"] = new JsonObject { ["count"] = data.Count, ["more_records"] = more },
        });
    }

    private static string SortText(StoredRecord record, ZohoField? field) => field?.Kind switch
    {
        null => record.Key.ToString("D20", System.Globalization.CultureInfo.InvariantCulture),
        FieldKind.TimeStamp => (field.ApiName == "Created_Time" ? record.CreatedTime : record.ModifiedTime).UtcTicks.ToString("D20", System.Globalization.CultureInfo.InvariantCulture),
        _ => record.GetString(field.ApiName) ?? string.Empty,
    };
}
