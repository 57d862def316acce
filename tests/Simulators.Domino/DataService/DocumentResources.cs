using System.Globalization;
using NotesSync.Simulators.Domino.Http;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.DataService;

/// <summary><c>/api/data/documents…</c>: the modified-since list, create, and one document's GET/PUT/PATCH/DELETE.</summary>
internal sealed class DocumentResources(DominoState state)
{
    public DasResponse Handle(DasRequest req, NotesDatabase db, string[] rest)
    {
        if (rest.Length == 0)
        {
            return req.Method switch
            {
                "GET" => DataServiceRouter.CheckDatabase(db, DataServiceAccess.ViewsOnly) ?? List(req, db),
                "POST" => DataServiceRouter.CheckDatabase(db, DataServiceAccess.ViewsAndDocuments) ?? Create(req, db),
                _ => DataServiceRouter.MethodNotAllowed(),
            };
        }
        if (rest.Length != 2 || !rest[0].Equals("unid", StringComparison.OrdinalIgnoreCase))
            return rest[0].Equals("unid", StringComparison.OrdinalIgnoreCase)
                ? DataServiceRouter.NotFound()
                : DasResponse.Error(404, $"The query method {rest[0]} not supported");

        if (DataServiceRouter.CheckDatabase(db, DataServiceAccess.ViewsAndDocuments) is { } refused) return refused;
        var unid = rest[1];
        return req.Method switch
        {
            "GET" => Read(req, db, unid),
            "PUT" => Update(req, db, unid, replace: true),
            "PATCH" => Update(req, db, unid, replace: false),
            "DELETE" => Delete(req, db, unid),
            _ => DataServiceRouter.MethodNotAllowed(),
        };
    }

    /// <summary>
    /// Every document of the database, or those modified since <c>since</c> (getModifiedDocuments). Unpaged, and
    /// deletions never appear. Inferred: "since" is inclusive, so a document saved in the same second as the
    /// checkpoint is reported again rather than missed.
    /// </summary>
    private static DasResponse List(DasRequest req, NotesDatabase db)
    {
        IEnumerable<NotesDocument> docs = db.Documents.Values;
        if (req.Query("since") is { Length: > 0 } sinceText)
        {
            // DAS rewrites a trailing Z to " GMT" before Notes parses it; the simulator accepts exactly the Z form.
            if (!DateTimeOffset.TryParseExact(sinceText, ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFF'Z'"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var since))
                return DasResponse.NotesError(400, $"Invalid parameter since: {sinceText}");
            docs = docs.Where(d => d.Modified >= since);
        }
        if (req.Query("search") is { Length: > 0 } search)
        {
            if (!db.FullTextIndexed) return DasResponse.NotesError(400, "Database is not full text indexed.");
            docs = docs.Where(d => d.Items.Values.Any(i => i.Values.Any(v => v.ToString()!.Contains(search, StringComparison.OrdinalIgnoreCase))));
            if (!req.TryInt("searchmaxdocs", 0, out var max, out var error)) return error!;
            if (max > 0) docs = docs.Take(max);
        }

        var list = docs.OrderBy(d => d.Modified).ThenBy(d => d.NoteId).ToList();
        return DasResponse.Json(DasJson.Array(w =>
        {
            foreach (var doc in list)
            {
                w.WriteStartObject();
                w.WriteString("@modified", DasFormats.DateTime(doc.Modified));
                w.WriteString("@unid", doc.Unid);
                w.WriteString("@href", $"{req.DatabasePrefix}/api/data/documents/unid/{doc.Unid}");
                w.WriteEndObject();
            }
        }, req.QueryIsTrue("compact")));
    }

    private DasResponse Create(DasRequest req, NotesDatabase db)
    {
        if (!req.HasJsonBody) return DataServiceRouter.UnsupportedMediaType();
        System.Text.Json.JsonElement body;
        try
        {
            body = ItemWriter.Parse(req.Body);
        }
        catch (ItemWriter.InvalidBodyException e)
        {
            return DasResponse.NotesError(400, e.Message);
        }

        NotesDocument? parent = null;
        if (req.Query("parentid") is { Length: > 0 } parentId)
        {
            // DocumentCollectionResource turns the failed parent lookup into a 400, not a 404.
            parent = db.FindDocument(parentId);
            if (parent is null) return DasResponse.NotesError(400, "Invalid universal id");
        }

        var doc = state.NewDocument(db, null);
        try
        {
            if (req.Query("form") is { Length: > 0 } form) doc.SetText("Form", form);
            ItemWriter.Apply(doc, body, replace: false);
        }
        catch (ItemWriter.InvalidBodyException e)
        {
            db.Documents.Remove(doc.Unid);
            return DasResponse.NotesError(400, e.Message);
        }
        doc.ParentUnid = parent?.Unid;
        if (req.QueryIsTrue("computewithform")) ComputeWithForm.Run(doc);
        doc.MarkUpdatedBy(req.User!.CanonicalName);
        return DasResponse.Empty(201)
            .With("Location", $"{req.AbsoluteBase}{req.Http.Request.Path.Value!.TrimEnd('/')}/unid/{doc.Unid}");
    }

    private static DasResponse Read(DasRequest req, NotesDatabase db, string unid)
    {
        var doc = db.FindDocument(unid);
        if (doc is null) return DasResponse.NotesError(404, "Invalid universal id");

        var markRead = req.Query("markread");
        if (markRead is not null && !markRead.Equals("true", StringComparison.OrdinalIgnoreCase) && !markRead.Equals("false", StringComparison.OrdinalIgnoreCase))
            return DasResponse.Error(400, "Invalid parameter.");

        var lastModified = DasFormats.Http(doc.Modified);
        if (req.Header("If-Modified-Since") is { } ims)
        {
            // DocumentResource: the same text, or a parsed date at or after the modification time, means 304.
            if (ims.Equals(lastModified, StringComparison.OrdinalIgnoreCase)
                || (DasFormats.TryParseHttp(ims, out var since) && since >= doc.Modified))
                return DasResponse.Empty(304).With("Last-Modified", lastModified);
        }

        var fields = req.Query("fields") is { Length: > 0 } f
            ? new HashSet<string>(f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase)
            : null;
        var options = new DocumentJsonOptions(
            StrongType: req.QueryIsTrue("strongtype"),
            Hidden: req.QueryIsTrue("hidden"),
            Multipart: !string.Equals(req.Query("multipart"), "false", StringComparison.OrdinalIgnoreCase),
            LowercaseFields: req.QueryIsTrue("lowercasefields"),
            Fields: fields);
        var body = DasJson.Write(w => DocumentJson.Write(w, doc, $"{req.DatabasePrefix}/api/data/documents/unid/{doc.Unid}", options),
            req.QueryIsTrue("compact"), asciiOnly: false);

        // markread defaults to true: a sync that forgets markread=false marks the user's documents read.
        if (markRead is null || markRead.Equals("true", StringComparison.OrdinalIgnoreCase)) doc.ReadBy.Add(req.User!.CanonicalName);
        return DasResponse.Json(body).With("Last-Modified", lastModified);
    }

    /// <summary>PUT replaces every non-$ item; PATCH only touches what it sends. Neither answers a new Last-Modified.</summary>
    private DasResponse Update(DasRequest req, NotesDatabase db, string unid, bool replace)
    {
        if (!req.HasJsonBody) return DataServiceRouter.UnsupportedMediaType();
        var doc = db.FindDocument(unid);
        if (doc is null) return DasResponse.NotesError(404, "Invalid universal id");
        if (IsModifiedSince(doc, req.Header("If-Unmodified-Since"))) return DasResponse.Empty(412);

        System.Text.Json.JsonElement body;
        try
        {
            body = ItemWriter.Parse(req.Body);
        }
        catch (ItemWriter.InvalidBodyException e)
        {
            return DasResponse.NotesError(400, e.Message);
        }

        var before = doc.Items.Values.ToList();
        try
        {
            if (req.Query("form") is { Length: > 0 } form) doc.SetText("Form", form);
            ItemWriter.Apply(doc, body, replace);
        }
        catch (ItemWriter.InvalidBodyException e)
        {
            doc.RestoreItems(before);
            return DasResponse.NotesError(400, e.Message);
        }
        // Not refused without ?form=: data.yaml says "You must identify the form", but the DAS code (das.md §1.5) runs
        // computeWithForm on the document, whose Form item names it; what a server answers is unknown, so the check
        // against IBM's files (NotesSync.ReferenceCheck) is what holds the adapter to sending it.
        if (req.QueryIsTrue("computewithform")) ComputeWithForm.Run(doc);
        state.Touch(doc, req.User);
        return new DasResponse(200, "application/json");
    }

    private static DasResponse Delete(DasRequest req, NotesDatabase db, string unid)
    {
        var doc = db.FindDocument(unid);
        if (doc is null) return DasResponse.NotesError(404, "Invalid universal id");
        if (IsModifiedSince(doc, req.Header("If-Unmodified-Since"))) return DasResponse.Empty(412);
        db.Documents.Remove(unid);
        return DasResponse.Empty(200);
    }

    /// <summary>
    /// DocumentResource.ifUnmodifiedSince: the exact Last-Modified text passes; any other text is parsed and
    /// compared with the full-precision modification time (1/100 s), so a re-formatted copy of the same second
    /// fails, and so does anything unparsable.
    /// </summary>
    private static bool IsModifiedSince(NotesDocument doc, string? ifUnmodifiedSince)
    {
        if (ifUnmodifiedSince is null) return false;
        if (ifUnmodifiedSince.Equals(DasFormats.Http(doc.Modified), StringComparison.OrdinalIgnoreCase)) return false;
        if (!DasFormats.TryParseHttp(ifUnmodifiedSince, out var since)) return true;
        return doc.Modified > since;
    }
}
