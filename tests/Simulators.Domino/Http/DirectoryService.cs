using System.Globalization;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.Http;

/// <summary>
/// <c>GET /api/directory/lookup?names=&amp;exactmatches=&amp;count=</c> (IBM's directory.yaml). It reads Person
/// documents directly, so names.nsf's data-service switches do not matter to it.
/// </summary>
internal static class DirectoryService
{
    public static DasResponse Handle(DasRequest req, DominoState state)
    {
        var rest = req.Segments.Skip(2).ToArray();
        if (rest.Length != 1 || !rest[0].Equals("lookup", StringComparison.OrdinalIgnoreCase) || req.Method != "GET")
            return DasResponse.Error(404, "Resource not found");
        var names = req.Query("names");
        if (string.IsNullOrWhiteSpace(names)) return DasResponse.Error(400, "Missing names parameter.");
        if (!req.TryInt("count", 50, out var count, out var error)) return error!;
        if (count > 200) return DasResponse.Error(400, string.Create(CultureInfo.InvariantCulture, $"Invalid count parameter: {count}."));
        var exact = req.QueryIsTrue("exactmatches");

        var people = state.FindDatabaseUnlocked(DominoState.DirectoryPath)!.Documents.Values.Where(d => d.Form == "Person").ToList();
        var results = names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(name => (Name: name, Matches: people.Where(p => Matches(p, name, exact)).ToList()))
            .ToList();

        return DasResponse.Json(DasJson.Object(w =>
        {
            w.WriteNumber("totalCount", results.Sum(r => Math.Min(count, r.Matches.Count)));
            w.WriteNumber("totalAvailable", results.Sum(r => r.Matches.Count));
            w.WriteStartArray("results");
            foreach (var (name, matches) in results)
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteNumber("count", Math.Min(count, matches.Count));
                w.WriteNumber("available", matches.Count);
                if (count > 0)
                {
                    w.WriteStartArray("matches");
                    foreach (var person in matches.Take(count))
                    {
                        w.WriteStartObject();
                        w.WriteString("fullName", person.Item("FullName")?.FirstText ?? "");
                        w.WriteString("shortName", person.Text("ShortName"));
                        w.WriteString("type", "person");
                        w.WriteString("email", person.Text("InternetAddress"));
                        w.WriteString("mailServer", person.Text("MailServer"));
                        w.WriteString("mailFile", person.Text("MailFile"));
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }, compact: true));
    }

    private static bool Matches(NotesDocument person, string name, bool exact)
    {
        var candidates = (person.Item("FullName")?.Values ?? []).Select(v => v.ToString() ?? "")
            .Append(person.Text("ShortName")).Append(person.Text("InternetAddress")).Append(person.Text("LastName")).Append(person.Text("FirstName"))
            .Where(c => c.Length > 0)
            .ToList();
        // Abbreviated form (Jane Doe/Acme) is a name users type too.
        var canonical = person.Item("FullName")?.FirstText ?? "";
        if (canonical.StartsWith("CN=", StringComparison.OrdinalIgnoreCase))
            candidates.Add(canonical.Replace("CN=", "", StringComparison.OrdinalIgnoreCase).Replace("/O=", "/", StringComparison.OrdinalIgnoreCase).Replace("/OU=", "/", StringComparison.OrdinalIgnoreCase));
        return exact
            ? candidates.Any(c => NotesCollation.TextEquals(c, name))
            : candidates.Any(c => NotesCollation.TextStartsWith(c, name));
    }
}
