using System.Globalization;
using NotesSync.Simulators.Domino.Notes;

namespace NotesSync.Simulators.Domino.Http;

/// <summary>
/// A request split the way Domino reads it: an optional database path ending in <c>.nsf</c>, then
/// <c>/api/{service}/…</c>.
/// </summary>
internal sealed class DasRequest
{
    public required HttpContext Http { get; init; }

    /// <summary>The method served: X-HTTP-Method-Override on a POST replaces POST.</summary>
    public required string Method { get; init; }

    public required string Path { get; init; }

    /// <summary>The database path as the client wrote it (e.g. <c>mail/jdoe.nsf</c>); null for server-scoped calls.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>Path segments after the database, e.g. ["api","data","documents"].</summary>
    public required IReadOnlyList<string> Segments { get; init; }

    public NotesUser? User { get; set; }
    public string Body { get; init; } = "";

    public string DatabasePrefix => DatabasePath is null ? "" : "/" + DatabasePath;

    public string AbsoluteBase => $"{Http.Request.Scheme}://{Http.Request.Host}";

    public string? Query(string name)
    {
        var values = Http.Request.Query[name];
        return values.Count == 0 ? null : values[0];
    }

    public bool QueryIsTrue(string name) => string.Equals(Query(name), "true", StringComparison.OrdinalIgnoreCase);

    public string? Header(string name)
    {
        var values = Http.Request.Headers[name];
        return values.Count == 0 ? null : values[0];
    }

    public bool HasJsonBody =>
        Http.Request.ContentType is { } type
        && type.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Splits <c>/mail/jdoe.nsf/api/data/…</c> into the database path and the rest.</summary>
    public static (string? Database, string[] Segments) SplitPath(string path)
    {
        var index = path.IndexOf(".nsf", StringComparison.OrdinalIgnoreCase);
        while (index >= 0)
        {
            var end = index + 4;
            if (end == path.Length || path[end] == '/')
            {
                var database = path[1..end];
                var rest = path[end..].Split('/', StringSplitOptions.RemoveEmptyEntries);
                return (database, rest);
            }
            index = path.IndexOf(".nsf", end, StringComparison.OrdinalIgnoreCase);
        }
        return (null, path.Split('/', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// DAS's integer parameters: absent means the default; non-integer or negative answers
    /// 400 "Invalid parameter {name}: {value}".
    /// </summary>
    public bool TryInt(string name, int fallback, out int value, out DasResponse? error)
    {
        error = null;
        var text = Query(name);
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)) return true;
        error = DasResponse.Error(400, $"Invalid parameter {name}: {text}");
        return false;
    }
}
