using System.Globalization;
using System.Text.Json;
using NotesSync.Simulators.Domino.Http;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.DataService;

/// <summary><c>/api/data/collections…</c>: the view list, view entries with paging, view design, entry writes.</summary>
internal sealed class ViewResources(DominoState state)
{
    private const int DefaultCount = 10;
    private const int AllSystemColumns = 0xFFFF;

    // A Domino server keeps each view's index and pages through it; building the view again for every page would
    // make a 10,000-document view cost the simulator tens of milliseconds a page. A view is built again once a
    // document of its database was added, removed or changed (called under the state lock, like every request).
    private readonly Dictionary<(NotesDatabase Db, NotesView View, string? Resort, bool Descending), (DatabaseRevision At, (List<ViewRow> Rows, int TopLevel) Built)> _built = [];

    private readonly record struct DatabaseRevision(int Documents, long NoteIds, long Revisions)
    {
        public static DatabaseRevision Of(NotesDatabase db)
        {
            long noteIds = 0, revisions = 0;
            foreach (var doc in db.Documents.Values)
            {
                noteIds += doc.NoteId;
                revisions += doc.Revision;
            }
            return new DatabaseRevision(db.Documents.Count, noteIds, revisions);
        }
    }

    private (List<ViewRow> Rows, int TopLevel) Navigate(NotesDatabase db, NotesView view, string? resort, bool descending)
    {
        var at = DatabaseRevision.Of(db);
        var key = (db, view, resort, descending);
        if (_built.TryGetValue(key, out var known) && known.At == at) return known.Built;
        var built = ViewNavigator.Build(view, db.Documents.Values, resort, descending);
        _built[key] = (at, built);
        return built;
    }

    public DasResponse Handle(DasRequest req, NotesDatabase db, string[] rest)
    {
        if (DataServiceRouter.CheckDatabase(db, rest.Length == 0 || req.Method == "GET" ? DataServiceAccess.ViewsOnly : DataServiceAccess.ViewsAndDocuments) is { } refused)
            return refused;
        if (rest.Length == 0)
            return req.Method == "GET" ? ViewList(req, db) : DataServiceRouter.MethodNotAllowed();
        if (rest.Length < 2)
            return DasResponse.Error(404, "The URI must refer to an existing view.");

        var method = rest[0].ToLowerInvariant();
        NotesView? view = method switch
        {
            "name" => db.FindView(rest[1]),
            "unid" => db.FindViewByUnid(rest[1]),
            _ => null,
        };
        if (method is not ("name" or "unid"))
            return DasResponse.Error(404, $"The query method {rest[0]} not supported");
        if (view is null) return DasResponse.Error(404, "The URI must refer to an existing view.");
        if (DataServiceRouter.CheckView(view) is { } viewRefused) return viewRefused;

        var viewHref = $"{req.DatabasePrefix}/api/data/collections/{rest[0]}/{rest[1]}";
        var tail = rest[2..];
        return (tail.Length, req.Method) switch
        {
            (0, "GET") => Entries(req, db, view, viewHref),
            (0, "POST") => CreateThroughView(req, db, view),
            (1, "GET") when tail[0].Equals("design", StringComparison.OrdinalIgnoreCase) => Design(req, view),
            (2, "PUT" or "PATCH") when tail[0].Equals("unid", StringComparison.OrdinalIgnoreCase) => UpdateThroughView(req, db, view, tail[1]),
            (2, "DELETE") when tail[0].Equals("unid", StringComparison.OrdinalIgnoreCase) => DeleteThroughView(db, tail[1]),
            (2, "GET") when tail[0].Equals("unid", StringComparison.OrdinalIgnoreCase) => EntryDocument(req, db, tail[1]),
            _ => DataServiceRouter.MethodNotAllowed(),
        };
    }

    private static DasResponse ViewList(DasRequest req, NotesDatabase db) =>
        DasResponse.Json(DasJson.Array(w =>
        {
            foreach (var view in db.Views)
            {
                w.WriteStartObject();
                w.WriteString("@title", view.Name);
                w.WriteBoolean("@folder", view.IsFolder);
                w.WriteBoolean("@private", false);
                w.WriteString("@modified", DasFormats.DateTime(view.Modified));
                w.WriteString("@unid", view.Unid);
                w.WriteString("@href", $"{req.DatabasePrefix}/api/data/collections/unid/{view.Unid}");
                w.WriteEndObject();
            }
        }, req.QueryIsTrue("compact")));

    private DasResponse Entries(DasRequest req, NotesDatabase db, NotesView view, string viewHref)
    {
        if (!Paging(req, out var start, out var count, out var error)) return error!;
        var max = state.ServerUnlocked.MaxViewEntries;
        if (count > max)
            return DasResponse.Error(400, string.Create(CultureInfo.InvariantCulture, $"Limit exceeded.  Cannot read more than {max} entries."));
        if (!SystemColumns(req, out var system, out error)) return error!;

        var descending = string.Equals(req.Query("sortorder"), "descending", StringComparison.OrdinalIgnoreCase);
        var (rows, topLevel) = Navigate(db, view, req.Query("sortcolumn"), descending);

        // Precedence as in RestViewNavigatorFactory: search > keys > parentid > category > startkeys > plain.
        List<ViewRow> selected = rows;
        var total = topLevel;
        if (req.Query("search") is { Length: > 0 } search)
        {
            if (!db.FullTextIndexed) return DasResponse.NotesError(400, "Database is not full text indexed.");
            selected = [.. rows.Where(r => r.Document is { } d && d.Items.Values.Any(i => i.Values.Any(v => v.ToString()!.Contains(search, StringComparison.OrdinalIgnoreCase))))];
            total = selected.Count;
        }
        else if (req.Query("keys") is { } keys)
        {
            var exact = req.QueryIsTrue("keysexactmatch");
            selected = [.. rows.Where(r => !r.IsCategory && MatchesKey(r.SortKey, keys, exact))];
            total = selected.Count;
        }
        else if (req.Query("parentid") is { Length: > 0 } parent)
        {
            selected = [.. rows.Where(r => r.Document?.ParentUnid is { } p && p.Equals(parent, StringComparison.OrdinalIgnoreCase))];
            total = selected.Count;
        }
        else if (req.Query("category") is { } category)
        {
            selected = [.. rows.Where(r => !r.IsCategory && r.Columns.Values.Any(v => v.Any(x => NotesCollation.TextEquals(x.ToString() ?? "", category))))];
            total = selected.Count;
        }
        else if (req.Query("startkeys") is { } startKey)
        {
            selected = [.. rows.SkipWhile(r => NotesCollation.CompareValues(r.SortKey?.ToString() ?? "", startKey) < 0)];
            total = selected.Count;
        }

        var page = selected.Skip(start).Take(count).ToList();
        var userName = req.User!.CanonicalName;
        var body = DasJson.Array(w =>
        {
            foreach (var row in page) WriteEntry(w, row, system, viewHref, req.DatabasePrefix, userName);
        }, req.QueryIsTrue("compact"));

        var response = DasResponse.Json(body);
        var entryCount = !string.Equals(req.Query("entrycount"), "false", StringComparison.OrdinalIgnoreCase);
        if (entryCount && start < total && page.Count > 0)
            response.With("Content-Range", string.Create(CultureInfo.InvariantCulture, $"items {start}-{start + page.Count - 1}/{total}"));
        return response;
    }

    /// <summary>start/count, or ps/page/si, or a <c>Range: items=A-B</c> header that overrides both.</summary>
    private static bool Paging(DasRequest req, out int start, out int count, out DasResponse? error)
    {
        start = 0;
        count = DefaultCount;
        if (!req.TryInt("start", 0, out start, out error) || !req.TryInt("count", DefaultCount, out count, out error)) return false;
        if (req.Query("ps") is not null)
        {
            if (!req.TryInt("ps", DefaultCount, out var pageSize, out error)
                || !req.TryInt("page", 0, out var pageIndex, out error)
                || !req.TryInt("si", 0, out var startIndex, out error)) return false;
            count = pageSize;
            start = pageIndex * pageSize + startIndex;
        }
        if (req.Header("Range") is { } range && range.StartsWith("items=", StringComparison.OrdinalIgnoreCase))
        {
            var bounds = range[6..].Split('-');
            if (bounds.Length == 2
                && int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                && int.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                && last >= first)
            {
                start = first;
                count = last - first + 1;
            }
        }
        return true;
    }

    private static bool SystemColumns(DasRequest req, out int mask, out DasResponse? error)
    {
        error = null;
        mask = AllSystemColumns;
        var text = req.Query("systemcolumns");
        if (string.IsNullOrEmpty(text)) return true;
        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out mask)
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out mask);
        if (!ok) error = DasResponse.Error(400, $"Invalid parameter systemcolumns: {text}");
        return ok;
    }

    private static bool MatchesKey(object? sortKey, string key, bool exact)
    {
        var text = sortKey switch
        {
            null => "",
            NotesDateTime dt => dt.ToDasString(),
            double d => d.ToString(CultureInfo.InvariantCulture),
            _ => sortKey.ToString() ?? "",
        };
        return exact ? NotesCollation.TextEquals(text, key) : NotesCollation.TextStartsWith(text, key);
    }

    /// <summary>System members are written only when their bit is set and, for flags and counts, when true or non-zero.</summary>
    private static void WriteEntry(Utf8JsonWriter w, ViewRow row, int system, string viewHref, string dbPrefix, string userName)
    {
        bool On(int bit) => (system & bit) != 0;
        var doc = row.Document;
        w.WriteStartObject();
        if (doc is not null)
        {
            if (On(0x800)) w.WriteString("@href", $"{viewHref}/unid/{doc.Unid}");
            if (On(0x1000))
            {
                w.WriteStartObject("@link");
                w.WriteString("rel", "document");
                w.WriteString("href", $"{dbPrefix}/api/data/documents/unid/{doc.Unid}");
                w.WriteEndObject();
            }
        }
        // Inferred (das.md §14 vs data.yaml): category rows carry no @unid/@noteid at all rather than empty strings.
        w.WriteString("@entryid", $"{row.Position}-{doc?.Unid}");
        if (doc is not null && On(0x2)) w.WriteString("@unid", doc.Unid);
        if (doc is not null && On(0x1)) w.WriteString("@noteid", doc.NoteIdHex);
        if (On(0x4)) w.WriteString("@position", row.Position);
        if (On(0x8) && doc is not null && doc.ReadBy.Contains(userName)) w.WriteBoolean("@read", true);
        if (On(0x10) && row.Siblings > 0) w.WriteNumber("@siblings", row.Siblings);
        if (On(0x20) && row.Descendants > 0) w.WriteNumber("@descendants", row.Descendants);
        if (On(0x40) && row.Children > 0) w.WriteNumber("@children", row.Children);
        if (On(0x100) && doc is not null && doc.Form.Length > 0) w.WriteString("@form", doc.Form);
        if (On(0x200) && row.IsCategory) w.WriteBoolean("@category", true);
        if (On(0x400) && doc?.ParentUnid is not null) w.WriteBoolean("@response", true);
        foreach (var (name, values) in row.Columns) ItemJson.WriteValue(w, name, values);
        w.WriteEndObject();
    }

    private static DasResponse Design(DasRequest req, NotesView view) =>
        DasResponse.Json(DasJson.Array(w =>
        {
            for (var i = 0; i < view.Columns.Count; i++)
            {
                var c = view.Columns[i];
                w.WriteStartObject();
                w.WriteNumber("@columnnumber", i + 1);
                w.WriteString("@name", c.ProgrammaticName);
                w.WriteString("@title", c.Title);
                w.WriteNumber("@width", c.Width);
                w.WriteNumber("@alignment", 0);
                w.WriteBoolean("@hidden", false);
                w.WriteBoolean("@response", false);
                w.WriteBoolean("@twistie", c.Categorized);
                w.WriteBoolean("@field", c.IsField);
                w.WriteBoolean("@category", c.Categorized);
                w.WriteEndObject();
            }
        }, req.QueryIsTrue("compact")));

    /// <summary>
    /// Writing through a view maps JSON members named after field columns onto items; other members are
    /// dropped (S-ViewContent updateFields). The 201 answer is inferred from the documents resource.
    /// </summary>
    private DasResponse CreateThroughView(DasRequest req, NotesDatabase db, NotesView view)
    {
        if (!req.HasJsonBody) return DataServiceRouter.UnsupportedMediaType();
        if (!TryParse(req, out var body, out var error)) return error!;
        var doc = state.NewDocument(db, null);
        if (req.Query("form") is { Length: > 0 } form) doc.SetText("Form", form);
        ApplyFieldColumns(doc, view, body);
        if (req.QueryIsTrue("computewithform")) ComputeWithForm.Run(doc);
        state.Touch(doc, req.User);
        return DasResponse.Empty(201).With("Location", $"{req.AbsoluteBase}{req.DatabasePrefix}/api/data/documents/unid/{doc.Unid}");
    }

    private DasResponse UpdateThroughView(DasRequest req, NotesDatabase db, NotesView view, string unid)
    {
        if (!req.HasJsonBody) return DataServiceRouter.UnsupportedMediaType();
        var doc = db.FindDocument(unid);
        if (doc is null) return DasResponse.NotesError(404, "Invalid universal id");
        if (!TryParse(req, out var body, out var error)) return error!;
        if (req.Query("form") is { Length: > 0 } form) doc.SetText("Form", form);
        ApplyFieldColumns(doc, view, body);
        if (req.QueryIsTrue("computewithform")) ComputeWithForm.Run(doc);
        state.Touch(doc, req.User);
        return DasResponse.Empty(200);
    }

    private static DasResponse DeleteThroughView(NotesDatabase db, string unid) =>
        db.Documents.Remove(unid) ? DasResponse.Empty(200) : DasResponse.NotesError(404, "Invalid universal id");

    private static DasResponse EntryDocument(DasRequest req, NotesDatabase db, string unid)
    {
        var doc = db.FindDocument(unid);
        if (doc is null) return DasResponse.NotesError(404, "Invalid universal id");
        var options = new DocumentJsonOptions(false, false, true, false, null);
        return DasResponse.Json(DasJson.Write(w => DocumentJson.Write(w, doc, $"{req.DatabasePrefix}/api/data/documents/unid/{doc.Unid}", options),
            req.QueryIsTrue("compact"), asciiOnly: false));
    }

    private static void ApplyFieldColumns(NotesDocument doc, NotesView view, JsonElement body)
    {
        foreach (var property in body.EnumerateObject())
        {
            var column = view.Columns.FirstOrDefault(c => c.IsField && c.ProgrammaticName.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
            if (column is null || ItemWriter.IsIgnored(property.Name)) continue;
            doc.Set(ItemWriter.ToItem(column.ProgrammaticName, property.Value));
        }
    }

    private static bool TryParse(DasRequest req, out JsonElement body, out DasResponse? error)
    {
        error = null;
        try
        {
            body = ItemWriter.Parse(req.Body);
            return true;
        }
        catch (ItemWriter.InvalidBodyException e)
        {
            body = default;
            error = DasResponse.NotesError(400, e.Message);
            return false;
        }
    }
}
