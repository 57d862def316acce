namespace NotesSync.ReferenceCheck;

public enum Vendor
{
    Domino,
    Zoho,
}

/// <summary>A query or header parameter: the vendor's schema, and any limit doc-limits.json (or das.md) adds to it.</summary>
internal sealed class ParameterRule(string name, string location)
{
    public string Name { get; } = name;

    /// <summary><c>query</c> or <c>header</c>.</summary>
    public string In { get; } = location;

    /// <summary>Who makes the parameter required (a vendor file, or doc-limits.json with its source); null when optional.</summary>
    public string? RequiredBy { get; set; }

    /// <summary>Every schema the value must meet, each with where it comes from (the vendor's file or a digest).</summary>
    public List<(Schema Schema, string Origin)> Schemas { get; } = [];
}

/// <summary>A member the doc-limits file excuses from a published <c>required</c> list, with its reason.</summary>
internal sealed record Waiver(string Keyword, string[] PointerPrefix, bool Direct, HashSet<string>? Members, string Reason)
{
    public bool Covers(SchemaError error)
    {
        if (error.Keyword != Keyword) return false;
        var segments = error.Pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length <= PointerPrefix.Length) return false;
        for (var i = 0; i < PointerPrefix.Length; i++)
            if (PointerPrefix[i] != "*" && PointerPrefix[i] != segments[i]) return false;
        if (Direct && segments.Length != PointerPrefix.Length + 1) return false;
        return Members is null || Members.Contains(segments[^1]);
    }
}

/// <summary>One operation of a vendor file: a method on a path template, what it accepts, and the limits added to it.</summary>
internal sealed class Operation
{
    public required string Method { get; init; }

    /// <summary>As the vendor file writes it, e.g. <c>/{folder}/{database}/api/data/documents</c>.</summary>
    public required string Template { get; init; }

    /// <summary>The template's segments to match; for DAS, those after the database (see <see cref="DatabaseScoped"/>).</summary>
    public required string[] Segments { get; init; }

    /// <summary>A DAS operation on a database: its template starts <c>/{folder}/{database}</c>.</summary>
    public bool DatabaseScoped { get; init; }

    public required string File { get; init; }

    public Dictionary<(string In, string Name), ParameterRule> Parameters { get; } = [];

    /// <summary>The JSON request body, when the operation takes one.</summary>
    public Schema? Body { get; set; }

    public bool BodyRequired { get; set; }

    /// <summary>doc-limits.json's schema for the whole body (e.g. at most 100 records), and its source.</summary>
    public (Schema Schema, string Origin)? DocumentedBody { get; set; }

    public List<Waiver> Waivers { get; } = [];

    public string Key => $"{Method} {Template}";

    /// <summary>Literal segments: where two templates match a path, the one with more literals is the operation meant.</summary>
    public int Literals => Segments.Count(s => !IsVariable(s));

    public bool Matches(string[] path)
    {
        if (path.Length != Segments.Length) return false;
        for (var i = 0; i < path.Length; i++)
        {
            if (IsVariable(Segments[i])) { if (path[i].Length == 0) return false; }
            else if (!Segments[i].Equals(path[i], StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    }

    public ParameterRule Parameter(string location, string name)
    {
        var key = (location, location == "header" ? name.ToLowerInvariant() : name);
        if (!Parameters.TryGetValue(key, out var rule)) Parameters[key] = rule = new ParameterRule(name, location);
        return rule;
    }

    private static bool IsVariable(string segment) => segment.StartsWith('{') && segment.EndsWith('}');
}
