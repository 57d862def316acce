namespace NotesSync.Simulators.Domino.Notes;

/// <summary>The database property "Allow Domino Data Service", stored as <c>$AllowRESTDbAPI</c> 0/1/2.</summary>
public enum DataServiceAccess
{
    Never = 0,
    ViewsOnly = 1,
    ViewsAndDocuments = 2,
}

internal sealed class NotesDatabase(string filePath, string title, string replicaId, string template)
{
    // Notes note ids of data documents are multiples of 4; start where a fresh mail file's data notes do.
    private int _nextNoteId = 0x8FA;

    public string FilePath { get; } = filePath;
    public string Title { get; } = title;
    public string ReplicaId { get; } = replicaId;
    public string Template { get; } = template;
    public DataServiceAccess Access { get; set; } = DataServiceAccess.Never;
    public bool FullTextIndexed { get; set; }
    public OrderedDictionary<string, NotesDocument> Documents { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<NotesView> Views { get; } = [];

    /// <summary>Canonical names with at least reader access; null means every authenticated user.</summary>
    public HashSet<string>? Readers { get; set; }

    public bool CanBeOpenedBy(NotesUser user) => Readers is null || Readers.Contains(user.CanonicalName);

    public NotesDocument CreateDocument(string unid, DateTimeOffset created)
    {
        var doc = new NotesDocument(unid, _nextNoteId, created);
        _nextNoteId += 4;
        Documents.Add(unid, doc);
        return doc;
    }

    public NotesDocument? FindDocument(string unid) => Documents.TryGetValue(unid, out var doc) ? doc : null;

    public NotesView? FindView(string nameOrAlias) => Views.FirstOrDefault(v => v.IsCalled(nameOrAlias));

    public NotesView? FindViewByUnid(string unid) =>
        Views.FirstOrDefault(v => string.Equals(v.Unid, unid, StringComparison.OrdinalIgnoreCase));

    /// <summary>Paths are case-insensitive and Notes accepts either slash.</summary>
    public static string NormalizePath(string path)
    {
        var normalized = path.Replace('\\', '/').Trim('/');
        if (!normalized.EndsWith(".nsf", StringComparison.OrdinalIgnoreCase)) normalized += ".nsf";
        return normalized.ToLowerInvariant();
    }
}
