using NotesSync.Simulators.Domino.Notes;

namespace NotesSync.Simulators.Domino.DataService;

/// <summary>One row of a view as DAS lists it: a document entry or a category entry.</summary>
internal sealed record ViewRow(
    string Position,
    NotesDocument? Document,
    IReadOnlyDictionary<string, IReadOnlyList<object>> Columns,
    object? SortKey,
    int Siblings,
    int Children = 0,
    int Descendants = 0)
{
    public bool IsCategory => Document is null;
}

/// <summary>
/// Builds a view's rows: selection, "show multiple values as separate entries" (a document can appear more
/// than once), sorting, and category rows for categorized views. Positions are what paging counts, so an
/// edit between two page reads shifts later pages, as on a real server.
/// </summary>
internal static class ViewNavigator
{
    public static (List<ViewRow> Rows, int TopLevelCount) Build(NotesView view, IEnumerable<NotesDocument> documents,
        string? resortColumn, bool descending)
    {
        var columns = view.Columns;
        var expanded = new List<(NotesDocument Doc, Dictionary<string, IReadOnlyList<object>> Values)>();
        foreach (var doc in documents.Where(view.Includes))
        {
            var values = columns.ToDictionary(c => c.ProgrammaticName, c => c.Value(doc), StringComparer.Ordinal);
            var split = columns.FirstOrDefault(c => c.MultipleValuesAsSeparateEntries || c.Categorized);
            if (split is not null && values[split.ProgrammaticName].Count > 1)
            {
                foreach (var single in values[split.ProgrammaticName])
                    expanded.Add((doc, new Dictionary<string, IReadOnlyList<object>>(values) { [split.ProgrammaticName] = [single] }));
            }
            else
            {
                expanded.Add((doc, values));
            }
        }

        var sortColumns = columns.Where(c => c.Sort != ViewSort.None).ToList();
        var resort = resortColumn is null ? null
            : columns.FirstOrDefault(c => c.Resortable && string.Equals(c.ProgrammaticName, resortColumn, StringComparison.OrdinalIgnoreCase));
        // DAS ignores a sortcolumn the view cannot re-sort by, silently.
        if (resort is not null) sortColumns = [resort with { Sort = descending ? ViewSort.Descending : ViewSort.Ascending }];

        expanded.Sort((a, b) =>
        {
            foreach (var column in sortColumns)
            {
                var result = NotesCollation.CompareValues(First(a.Values[column.ProgrammaticName]), First(b.Values[column.ProgrammaticName]));
                if (result != 0) return column.Sort == ViewSort.Descending ? -result : result;
            }
            return a.Doc.NoteId.CompareTo(b.Doc.NoteId);
        });

        var keyColumn = sortColumns.Count > 0 ? sortColumns[0] : columns.Count > 0 ? columns[0] : null;
        object? KeyOf(Dictionary<string, IReadOnlyList<object>> values) => keyColumn is null ? null : First(values[keyColumn.ProgrammaticName]);

        var category = columns.FirstOrDefault(c => c.Categorized);
        if (category is null)
        {
            var rows = expanded.Select((e, i) => new ViewRow((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                e.Doc, e.Values, KeyOf(e.Values), expanded.Count)).ToList();
            return (rows, rows.Count);
        }

        var groups = expanded.GroupBy(e => First(e.Values[category.ProgrammaticName])?.ToString() ?? "", StringComparer.OrdinalIgnoreCase).ToList();
        var result = new List<ViewRow>();
        for (var g = 0; g < groups.Count; g++)
        {
            var members = groups[g].ToList();
            var position = (g + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var categoryValues = new Dictionary<string, IReadOnlyList<object>>(StringComparer.Ordinal) { [category.ProgrammaticName] = [groups[g].Key] };
            result.Add(new ViewRow(position, null, categoryValues, groups[g].Key, groups.Count, members.Count, members.Count));
            for (var m = 0; m < members.Count; m++)
            {
                result.Add(new ViewRow($"{position}.{m + 1}", members[m].Doc, members[m].Values, KeyOf(members[m].Values), members.Count));
            }
        }
        return (result, groups.Count);
    }

    private static object? First(IReadOnlyList<object> values) => values.Count == 0 ? null : values[0];
}
