using System.Text.Json.Nodes;

namespace NotesSync.ReferenceCheck;

/// <summary>
/// What IBM's DAS files say in prose or leave out, made checkable: limits from the DAS code (the reference README:
/// "count ≤ 100 and the …Z form of since come from the DAS code (das.md)"), and one parameter that needs another.
/// </summary>
internal static class DasProseRules
{
    private static readonly (string Operation, string Parameter, string Schema, string Source)[] Limits =
    [
        ("GET /{folder}/{database}/api/data/collections/name/{viewName}", "count", """{"maximum":100}""",
            "das.md §1.3 'max page': count > 100 answers 400 'Limit exceeded' (MAX_VIEW_COUNT) unless notes.ini raises it"),
        ("GET /{folder}/{database}/api/data/collections/unid/{viewUnid}", "count", """{"maximum":100}""",
            "das.md §1.3 'max page' (MAX_VIEW_COUNT)"),
        ("GET /{folder}/{database}/api/calendar/events", "count", """{"minimum":1,"maximum":100}""",
            "das.md §2.1 GET /api/calendar/events: count 1..100"),
        ("GET /{folder}/{database}/api/data/documents", "since", """{"pattern":"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$"}""",
            "das.md §1.6: since is ISO-8601 UTC with a trailing Z (the code rewrites the Z to ' GMT')"),
    ];

    /// <summary>
    /// data.yaml, <c>computewithform</c>: "When <c>true</c>, runs the associated form formulas against the request data
    /// before posting the data. You must identify the form." Checked wherever an operation defines both parameters.
    /// </summary>
    public const string ComputeWithFormNeedsForm = "data.json computeParam: \"You must identify the form.\"";

    public static void AddLimits(IReadOnlyList<Operation> operations)
    {
        foreach (var (key, name, schema, source) in Limits)
        {
            var operation = operations.FirstOrDefault(o => o.Key == key)
                ?? throw new InvalidDataException($"das.md limit for '{key}', which IBM's files do not define.");
            operation.Parameter("query", name).Schemas.Add((new Schema(JsonNode.Parse(schema)!, "das.md"), $"das.md: {source}"));
        }
    }

    public static IEnumerable<string> MissingDependencies(Operation operation, IReadOnlyCollection<(string Name, string Value)> query)
    {
        var defines = operation.Parameters.ContainsKey(("query", "computewithform")) && operation.Parameters.ContainsKey(("query", "form"));
        if (defines && query.Any(q => q is { Name: "computewithform", Value: "true" }) && !query.Any(q => q.Name == "form" && q.Value.Length > 0))
            yield return $"computewithform=true without form ({ComputeWithFormNeedsForm})";
    }
}
