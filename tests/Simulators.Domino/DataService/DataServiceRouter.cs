using NotesSync.Simulators.Domino.Http;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.DataService;

/// <summary>Routes <c>/api/data/…</c>; called under the state lock once the server-level switch allowed it.</summary>
internal sealed class DataServiceRouter(DominoState state)
{
    private readonly ViewResources _views = new(state);
    private readonly DocumentResources _documents = new(state);

    public DasResponse Handle(DasRequest req, NotesDatabase? db)
    {
        var rest = req.Segments.Skip(2).ToArray();
        if (db is null) return ServerScoped(req, rest);
        if (rest.Length == 0) return NotFound();

        switch (rest[0].ToLowerInvariant())
        {
            case "collections":
                return _views.Handle(req, db, rest[1..]);
            case "documents":
                return _documents.Handle(req, db, rest[1..]);
            default:
                return NotFound();
        }
    }

    private DasResponse ServerScoped(DasRequest req, string[] rest)
    {
        if (rest.Length == 0)
            return req.Method == "GET" ? DatabaseList(req) : MethodNotAllowed();
        var first = rest[0].ToLowerInvariant();
        if (first == "documents" || (first == "collections" && rest.Length == 1))
            return DasResponse.Error(400, "URI path must include a database.");
        if (first == "collections") return DasResponse.Error(404, "URI path must include a database.");
        return NotFound();
    }

    private DasResponse DatabaseList(DasRequest req)
    {
        var visible = state.DatabasesUnlocked.Where(d => d.CanBeOpenedBy(req.User!)).OrderBy(d => d.FilePath, StringComparer.Ordinal);
        return DasResponse.Json(DasJson.Array(w =>
        {
            foreach (var db in visible)
            {
                w.WriteStartObject();
                w.WriteString("@title", db.Title);
                w.WriteString("@filepath", db.FilePath);
                w.WriteString("@replicaid", db.ReplicaId);
                w.WriteString("@template", db.Template);
                w.WriteString("@href", $"/{db.FilePath}/api/data/collections");
                w.WriteEndObject();
            }
        }, req.QueryIsTrue("compact")));
    }

    /// <summary>The database switch: 0 refuses everything, 1 refuses what needs documents (S-Abstract).</summary>
    public static DasResponse? CheckDatabase(NotesDatabase db, DataServiceAccess needed)
    {
        if (db.Access == DataServiceAccess.Never)
            return DasResponse.Error(403, "The Domino data service is not enabled for this database.");
        if (needed == DataServiceAccess.ViewsAndDocuments && db.Access == DataServiceAccess.ViewsOnly)
            return DasResponse.Error(403, "Cannot access resource");
        return null;
    }

    public static DasResponse? CheckView(NotesView view) =>
        view.AllowsDataService ? null : DasResponse.Error(403, $"The Domino data service is not enabled for this view [{view.Name}].");

    public static DasResponse NotFound() => DasResponse.Error(404, "Resource not found");

    public static DasResponse MethodNotAllowed() => DasResponse.Empty(405);

    public static DasResponse UnsupportedMediaType() => DasResponse.Empty(415);
}
