using System.Globalization;

namespace NotesSync.Simulators.Domino.Notes;

/// <summary>View sorting the way Notes collates by default: case- and accent-insensitive text, empty values first.</summary>
internal sealed class NotesCollation : IComparer<object?>
{
    public static readonly NotesCollation Instance = new();

    private static readonly CompareInfo Compare = CultureInfo.InvariantCulture.CompareInfo;
    private const CompareOptions Options = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;

    int IComparer<object?>.Compare(object? x, object? y) => CompareValues(x, y);

    public static int CompareValues(object? x, object? y)
    {
        var (rankX, rankY) = (Rank(x), Rank(y));
        if (rankX != rankY) return rankX.CompareTo(rankY);
        return (x, y) switch
        {
            (double a, double b) => a.CompareTo(b),
            (NotesDateTime a, NotesDateTime b) => a.Value.CompareTo(b.Value),
            (string a, string b) => Compare.Compare(a, b, Options),
            _ => 0,
        };
    }

    public static bool TextEquals(string a, string b) => Compare.Compare(a, b, Options) == 0;

    public static bool TextStartsWith(string text, string prefix) => Compare.IsPrefix(text, prefix, Options);

    private static int Rank(object? value) => value switch
    {
        null => 0,
        string { Length: 0 } => 0,
        double => 1,
        NotesDateTime => 2,
        _ => 3,
    };
}
