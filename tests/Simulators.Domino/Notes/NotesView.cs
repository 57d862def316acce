namespace NotesSync.Simulators.Domino.Notes;

public enum ViewSort
{
    None,
    Ascending,
    Descending,
}

/// <summary>
/// A view column. Field columns carry the item name, which is then also their programmatic name; formula
/// columns have programmatic names like <c>$8</c>, and DAS keys entry values by the programmatic name.
/// </summary>
internal sealed record ViewColumn(
    string ProgrammaticName,
    string Title,
    Func<NotesDocument, IReadOnlyList<object>> Value,
    bool IsField = false,
    ViewSort Sort = ViewSort.None,
    bool Resortable = false,
    bool Categorized = false,
    bool MultipleValuesAsSeparateEntries = false,
    int Width = 10)
{
    public static ViewColumn Field(string itemName, string title, ViewSort sort = ViewSort.None, bool resortable = false) =>
        new(itemName, title, d => d.Item(itemName)?.Values ?? [], IsField: true, Sort: sort, Resortable: resortable);

    public static ViewColumn Formula(string programmaticName, string title, Func<NotesDocument, object?> value,
        ViewSort sort = ViewSort.None, bool resortable = false, bool categorized = false) =>
        new(programmaticName, title, d => value(d) is { } v ? [v] : [], Sort: sort, Resortable: resortable, Categorized: categorized);
}

/// <summary>A view or folder: a selection, columns, and its own "Allow Domino Data Service operations" flag.</summary>
internal sealed class NotesView(string name, IReadOnlyList<string> aliases, string unid, bool isFolder,
    Func<NotesDocument, bool> selection, IReadOnlyList<ViewColumn> columns, DateTimeOffset modified)
{
    public string Name { get; } = name;
    public IReadOnlyList<string> Aliases { get; } = aliases;
    public string Unid { get; } = unid;
    public bool IsFolder { get; } = isFolder;
    public Func<NotesDocument, bool> Selection { get; } = selection;
    public IReadOnlyList<ViewColumn> Columns { get; } = columns;
    public DateTimeOffset Modified { get; } = modified;

    /// <summary>The letter <c>A</c> in the view note's <c>$WebFlags</c>.</summary>
    public bool AllowsDataService { get; set; }

    public HashSet<string> FolderMembers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool Includes(NotesDocument doc) => IsFolder ? FolderMembers.Contains(doc.Unid) : Selection(doc);

    /// <summary>Domino finds a view by its name or any alias, ignoring case.</summary>
    public bool IsCalled(string nameOrAlias) =>
        string.Equals(Name, nameOrAlias, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(a => string.Equals(a, nameOrAlias, StringComparison.OrdinalIgnoreCase));
}
