using System.Text.RegularExpressions;

namespace NotesSync.Simulators.Domino.Knobs;

/// <summary>A glob over a decoded request path: <c>*</c> matches anything (slashes included), matching ignores case.</summary>
public sealed class PathPattern
{
    private readonly Regex _regex;

    public PathPattern(string glob)
    {
        Glob = glob;
        var body = string.Join(".*", glob.Split('*').Select(Regex.Escape));
        _regex = new Regex($"^{body}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Glob { get; }

    public bool Matches(string path) => _regex.IsMatch(path);

    public override string ToString() => Glob;
}
