namespace NotesSync.Simulators.Domino.Notes;

public enum NotesItemType
{
    Text,
    Number,
    DateTime,
    RichText,
}

/// <summary>
/// One item of a Notes document. Values are <see cref="string"/> (text, rich text as HTML), <see cref="double"/>
/// (number) or <see cref="NotesDateTime"/>; a list of one value is what Notes calls a single value.
/// </summary>
public sealed record NotesItem(string Name, NotesItemType Type, IReadOnlyList<object> Values)
{
    public bool IsHidden => Name.StartsWith('$');

    /// <summary>Notes has no empty list: an item holding only "" is empty, and DAS leaves it out.</summary>
    public bool IsEmpty => Values.Count == 0 || Values.All(v => v is string s && s.Length == 0);

    public static NotesItem Text(string name, params string[] values) => new(name, NotesItemType.Text, values);

    public static NotesItem Number(string name, double value) => new(name, NotesItemType.Number, [value]);

    public static NotesItem Date(string name, params NotesDateTime[] values) =>
        new(name, NotesItemType.DateTime, values.Cast<object>().ToArray());

    public static NotesItem RichText(string name, string html) => new(name, NotesItemType.RichText, [html]);

    public object? FirstValue => Values.Count > 0 ? Values[0] : null;

    public string FirstText => Values.Count == 0 ? "" : Values[0] switch
    {
        string s => s,
        double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        NotesDateTime dt => dt.ToDasString(),
        var other => other.ToString() ?? "",
    };
}
