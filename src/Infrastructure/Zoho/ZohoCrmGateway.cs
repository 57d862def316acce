using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotesSync.Application.Crm;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>
/// One organisation's Zoho CRM records (zoho.md §2) over <see cref="ZohoApi"/>, which brings the access token, the
/// organisation's concurrency limit, the refresh on INVALID_TOKEN and the 429 back-off. This class translates:
/// it pages, batches and reads every record's answer; what to do with them is the sync's business.
/// </summary>
internal sealed partial class ZohoCrmGateway(ZohoApi zoho, ZohoFieldCatalog catalog) : IZohoCrm
{
    private const int PageSize = 200;

    /// <summary>With <c>page</c>, page × per_page ≤ 2,000; past that only <c>page_token</c> reaches further.</summary>
    private const int DiscretePagingLimit = 2_000;

    private const int FieldsPerRead = 50;

    /// <summary>COQL takes at most 50 values in an <c>in</c> list (Zoho's COQL limitations page, not in zoho.md).</summary>
    private const int ValuesPerQuery = 50;

    private const int CoqlRowsPerCall = 200;
    private const int CoqlRowsInAll = 10_000;

    private static readonly SyncModule[] Modules = [SyncModule.Contacts, SyncModule.Tasks, SyncModule.Events];

    public async Task<Result> PrepareAsync(string orgId, CancellationToken ct)
    {
        foreach (var module in Modules.Where(m => !catalog.IsFresh(orgId, m)))
        {
            var prepared = await ReadModuleFieldsAsync(orgId, module, create: true, ct);
            if (prepared.IsFailure) return prepared.Error!;
        }
        return Result.Success();
    }

    public async Task<Result<CrmChangesRead>> ReadChangedAsync(
        string orgId, SyncModule module, IReadOnlyList<string> fields, DateTimeOffset? since,
        Func<IReadOnlyList<ZohoRecord>, CancellationToken, Task> onPage, CancellationToken ct)
    {
        var known = await ModuleFieldsAsync(orgId, module, ct);
        if (known.IsFailure) return known.Error!;
        var selection = Selection(fields, known.Value);
        if (selection.IsFailure) return selection.Error!;

        var list = $"/crm/v8/{ModuleName(module)}?fields={selection.Value}&per_page={PageSize}&sort_by=Modified_Time&sort_order=asc";
        var window = since;
        var edge = new WalkEdge();
        var position = ListPosition.First;
        CrmChangesRead? read = null;
        while (true)
        {
            var response = await zoho.SendAsync(orgId, HttpMethod.Get, $"{list}&{position.Query}", ct, headers: IfModifiedSince(window));
            if (response.IsFailure) return response.Error!;
            var answer = response.Value;
            read ??= new CrmChangesRead(answer.Date);
            if (ZohoRecords.IsEmptyAnswer(answer)) return read;

            if (answer.Status == HttpStatusCode.BadRequest && position.Token is not null && ZohoRecords.Refusal(answer).Code == "PAGINATION_LIMIT_EXCEEDED"
                && edge.Time is { } last && (window is null || window < last.AddSeconds(-1)))
            {
                // A page-token walk stops at 100,000 records (zoho.md §2): walk on in a Modified_Time window from one second
                // before the last record seen (Modified_Time has whole seconds), leaving out the records already seen then.
                window = last.AddSeconds(-1);
                position = ListPosition.First;
                continue;
            }
            if (answer.Status != HttpStatusCode.OK) return Refused(answer);

            string? next;
            bool more;
            List<ZohoRecord> records;
            using (var json = ZohoRecords.Parse(answer))
            {
                if (json is null || !TryData(json.RootElement, out var data)) return ZohoApiErrors.Unavailable;
                records = data.EnumerateArray()
                    .Select(r => ZohoRecords.Record(r, known.Value.NotesUnid))
                    .Where(edge.IsNew)
                    .ToList();
                (more, next) = Paging(json.RootElement);
            }
            if (records.Count > 0) await onPage(records, ct);
            if (!more) return read;
            if (position.Next(next) is not { } following) return ZohoCrmErrors.NoPageToken;
            position = following;
        }
    }

    public async Task<Result<IReadOnlyList<CrmDeletion>>> ReadDeletedAsync(string orgId, SyncModule module, DateTimeOffset? since, CancellationToken ct)
    {
        var deletions = new List<CrmDeletion>();
        for (var page = 1; ; page++)
        {
            var response = await zoho.SendAsync(orgId, HttpMethod.Get,
                $"/crm/v8/{ModuleName(module)}/deleted?type=all&page={page}&per_page={PageSize}", ct, headers: IfModifiedSince(since));
            if (response.IsFailure) return response.Error!;
            if (ZohoRecords.IsEmptyAnswer(response.Value)) break;
            if (response.Value.Status != HttpStatusCode.OK) return Refused(response.Value);

            using var json = ZohoRecords.Parse(response.Value);
            if (json is null || !TryData(json.RootElement, out var data)) return ZohoApiErrors.Unavailable;
            deletions.AddRange(data.EnumerateArray().Select(ZohoRecords.Deletion).OfType<CrmDeletion>());
            if (!Paging(json.RootElement).More) break;
        }
        return deletions;
    }

    public async Task<Result<IReadOnlyList<ZohoRecord>>> FindAsync(
        string orgId, SyncModule module, ZohoLookup lookup, IReadOnlyList<string> fields, CancellationToken ct)
    {
        var known = await ModuleFieldsAsync(orgId, module, ct);
        if (known.IsFailure) return known.Error!;
        var selection = Selection(fields, known.Value);
        if (selection.IsFailure) return selection.Error!;
        if (lookup.ApiName is { } apiName && !ApiName().IsMatch(apiName)) return ZohoCrmErrors.InvalidFieldName(apiName);

        // Each query asks for up to 50 UNIDs and 50 values (COQL's limit per "in" list) at once: one call where two
        // lists of the same items would take two.
        var unids = lookup.NotesUnids.Where(u => !string.IsNullOrEmpty(u)).Distinct(StringComparer.Ordinal).Chunk(ValuesPerQuery).ToList();
        var values = lookup.ApiName is null ? [] : lookup.ValuesOfField.Where(v => !string.IsNullOrEmpty(v))
            .Distinct(StringComparer.OrdinalIgnoreCase).Chunk(ValuesPerQuery).ToList();
        var found = new Dictionary<string, ZohoRecord>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Max(unids.Count, values.Count); i++)
        {
            var criteria = new List<string>();
            if (i < unids.Count) criteria.Add($"{known.Value.NotesUnid} in ({string.Join(", ", unids[i].Select(Quoted))})");
            if (i < values.Count) criteria.Add($"{lookup.ApiName} in ({string.Join(", ", values[i].Select(Quoted))})");
            var selected = await SelectAsync(orgId,
                $"select {selection.Value.Replace(",", ", ", StringComparison.Ordinal)} from {ModuleName(module)} where {string.Join(" or ", criteria)}",
                row =>
                {
                    var record = ZohoRecords.Record(row, known.Value.NotesUnid);
                    found.TryAdd(record.Id, record);
                }, ct);
            if (selected.IsFailure) return selected.Error!;
        }
        return found.Values.ToList();
    }

    /// <summary>
    /// Runs a COQL select (without its <c>limit</c>) page by page, at most 200 rows a call and 10,000 in all (zoho.md
    /// §2), and hands each row to <paramref name="onRow"/> in the order Zoho answers.
    /// </summary>
    private async Task<Result> SelectAsync(string orgId, string select, Action<JsonElement> onRow, CancellationToken ct)
    {
        for (var offset = 0; offset < CoqlRowsInAll; offset += CoqlRowsPerCall)
        {
            var query = $"{select} limit {offset}, {CoqlRowsPerCall}";
            var response = await zoho.SendAsync(orgId, HttpMethod.Post, "/crm/v8/coql", ct, json: new JsonObject { ["select_query"] = query });
            if (response.IsFailure) return response.Error!;
            if (ZohoRecords.IsEmptyAnswer(response.Value)) break;
            if (response.Value.Status != HttpStatusCode.OK) return Refused(response.Value);

            using var json = ZohoRecords.Parse(response.Value);
            if (json is null || !TryData(json.RootElement, out var data)) return ZohoApiErrors.Unavailable;
            foreach (var row in data.EnumerateArray()) onRow(row);
            if (!Paging(json.RootElement).More) break;
        }
        return Result.Success();
    }

    /// <summary>
    /// A COQL string literal. Zoho escapes a quote inside one with a backslash (inferred: zoho.md says nothing, and
    /// Zoho's COQL page only asks to escape special characters), so backslashes are doubled first.
    /// </summary>
    internal static string Quoted(string value)
    {
        var text = new StringBuilder("'");
        foreach (var c in value)
        {
            if (c is '\\' or '\'') text.Append('\\');
            text.Append(c);
        }
        return text.Append('\'').ToString();
    }

    /// <summary>The fields to ask for: always id, Modified_Time, Tag and the Notes UNID field, then the caller's; ≤ 50.</summary>
    private static Result<string> Selection(IReadOnlyList<string> fields, ZohoModuleFields known)
    {
        var names = new List<string> { "id", "Modified_Time", "Tag", known.NotesUnid };
        foreach (var field in fields)
        {
            // Api names are letters, digits and underscores: anything else would change the query it is written into.
            if (!ApiName().IsMatch(field)) return ZohoCrmErrors.InvalidFieldName(field);
            var apiName = field == ZohoRecords.NotesUnidKey ? known.NotesUnid : field;
            if (!names.Contains(apiName, StringComparer.Ordinal)) names.Add(apiName);
        }
        return names.Count <= FieldsPerRead ? string.Join(',', names) : ZohoCrmErrors.TooManyFields(names.Count);
    }

    /// <summary>
    /// Zoho takes <c>If-Modified-Since</c> as ISO 8601 with an offset (zoho.md §2), not the RFC 1123 date HttpClient's
    /// typed header would write (the simulator refuses that form): the header is written raw, to the second, with the
    /// offset given. Truncating the fraction can only bring back a record already seen, never miss one.
    /// </summary>
    private static Action<HttpRequestHeaders>? IfModifiedSince(DateTimeOffset? since) =>
        since is { } at ? headers => headers.TryAddWithoutValidation("If-Modified-Since", ZohoRecords.Iso(at)) : null;

    private static bool TryData(JsonElement root, out JsonElement data)
    {
        data = default;
        return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out data) && data.ValueKind == JsonValueKind.Array;
    }

    private static (bool More, string? NextPageToken) Paging(JsonElement root) =>
        root.TryGetProperty("info", out var info) && info.ValueKind == JsonValueKind.Object
            ? (info.TryGetProperty("more_records", out var more) && more.ValueKind == JsonValueKind.True, ZohoRecords.Text(info, "next_page_token"))
            : (false, null);

    /// <summary>A refused call: Zoho's code when it sent one (a 4xx), else the CRM is not answering properly.</summary>
    private static Error Refused(ZohoResponse response)
    {
        if ((int)response.Status >= 500) return ZohoApiErrors.Unavailable;
        var (code, message) = ZohoRecords.Refusal(response);
        return code is null ? ZohoApiErrors.Unavailable : ZohoCrmErrors.Refused(code, message);
    }

    private static string ModuleName(SyncModule module) => module switch
    {
        SyncModule.Contacts => "Contacts",
        SyncModule.Tasks => "Tasks",
        SyncModule.Events => "Events",
        _ => throw new ArgumentOutOfRangeException(nameof(module), module, "Not a synced module."),
    };

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex ApiName();

    /// <summary>
    /// The page of a list to ask for next: by number while page × per_page ≤ 2,000, then by the page token of the
    /// answer before (zoho.md §2: the two cannot be combined, and a token is bound to the other parameters).
    /// </summary>
    private readonly record struct ListPosition(int Page, string? Token)
    {
        public static ListPosition First => new(1, null);

        public string Query => Token is null ? $"page={Page}" : $"page_token={Uri.EscapeDataString(Token)}";

        /// <summary>Null when Zoho said there are more records but gave no token to reach them.</summary>
        public ListPosition? Next(string? nextPageToken) =>
            Token is null && (Page + 1) * PageSize <= DiscretePagingLimit ? this with { Page = Page + 1 }
            : nextPageToken is null ? null
            : this with { Token = nextPageToken };
    }

    /// <summary>
    /// Where a walk is: the last Modified_Time handed out and the records handed out at that second, so that a walk
    /// resumed in a window starting at that second leaves them out.
    /// </summary>
    private sealed class WalkEdge
    {
        private readonly HashSet<string> _idsAtTime = new(StringComparer.Ordinal);

        public DateTimeOffset? Time { get; private set; }

        public bool IsNew(ZohoRecord record)
        {
            if (record.ModifiedTime == Time) return _idsAtTime.Add(record.Id);
            if (Time is null || record.ModifiedTime > Time)
            {
                Time = record.ModifiedTime;
                _idsAtTime.Clear();
                _idsAtTime.Add(record.Id);
            }
            return true;
        }
    }
}

internal static class ZohoCrmErrors
{
    public static Error NotPrepared(SyncModule module) => Error.Unprocessable("zoho-not-prepared",
        $"Zoho CRM's {module} have no Notes UNID field yet: NotesSync prepares the CRM before it syncs.");

    public static Error UpsertUnsupported(SyncModule module) => Error.Validation("zoho-upsert-unsupported",
        $"Zoho CRM upserts Contacts only; {module} are written with create and update.");

    public static Error NotesUnidNotUnique(SyncModule module) => Error.Unprocessable("zoho-notes-unid-not-unique",
        $"The Notes UNID field of Zoho CRM's {module} is not unique (the module had no room for another unique field), so it cannot upsert on it.");

    public static Error TooManyFields(int count) => Error.Validation("zoho-too-many-fields",
        $"Zoho CRM returns at most 50 fields a call; {count} were asked for.");

    public static Error InvalidFieldName(string name) => Error.Validation("zoho-invalid-field-name",
        $"'{name}' is not a Zoho CRM field api name.");

    public static Error AccountNameMissing => Error.Validation("zoho-account-name-missing", "A Zoho CRM Account needs a name.");

    public static Error AccountRefused(string name, string code, string? message)
    {
        var refused = Error.Unprocessable("zoho-account-refused",
            $"Zoho CRM did not create the Account '{name}' ({code}{(message is null ? "" : $": {message}")}).");
        return refused with { Extensions = new Dictionary<string, object?> { ["zohoCode"] = code } };
    }

    public static Error NoPageToken => Refused("NO_PAGE_TOKEN", "more records but no next_page_token");

    public static Error Refused(string code, string? message)
    {
        var refused = Error.Unprocessable("zoho-request-refused", $"Zoho CRM refused the request ({code}{(message is null ? "" : $": {message}")}).");
        return refused with { Extensions = new Dictionary<string, object?> { ["zohoCode"] = code } };
    }
}
