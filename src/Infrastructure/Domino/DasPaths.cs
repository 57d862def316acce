namespace NotesSync.Infrastructure.Domino;

/// <summary>URL pieces of DAS (das.md §0): database-scoped calls are <c>/{path/to/db}.nsf/api/...</c>.</summary>
internal static class DasPaths
{
    public const string Directory = "names.nsf";
    public const string ContactsView = "($Contacts)";
    public const string ToDoView = "($ToDo)";

    /// <summary>
    /// A mail file path as Domino's Person document or a user may write it ("mail\jdoe", "/mail/jdoe.nsf"), in the
    /// form DAS URLs need: forward slashes, no leading slash, ".nsf" at the end.
    /// </summary>
    public static string NormaliseMailFile(string path)
    {
        var p = path.Trim().Replace('\\', '/').Trim('/');
        return p.EndsWith(".nsf", StringComparison.OrdinalIgnoreCase) ? p : p + ".nsf";
    }

    /// <summary>The database prefix of a URL, each segment escaped ("mail/j doe.nsf" → "/mail/j%20doe.nsf").</summary>
    public static string Database(string mailFile) =>
        "/" + string.Join('/', NormaliseMailFile(mailFile).Split('/').Select(Uri.EscapeDataString));

    public static string Segment(string value) => Uri.EscapeDataString(value);
}
