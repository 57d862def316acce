using System.Text.Json.Nodes;

namespace NotesSync.ReferenceCheck;

/// <summary>
/// Reads a folder of vendor files into operations: IBM's DAS specs are Swagger 2.0 (parameters carry their own
/// type; the body is an <c>in: body</c> parameter), Zoho's crm-oas files OpenAPI 3.0 (<c>schema</c>,
/// <c>requestBody</c>). Every <c>*.json</c> of the folder is read, so a converted spec dropped in takes part.
/// </summary>
internal static class DefinitionLoader
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];
    private const string DatabasePrefix = "/{folder}/{database}";
    public const string DocLimitsFile = "doc-limits.json";

    public static (SchemaFiles Files, List<Operation> Operations) Load(string folder)
    {
        var roots = Directory.EnumerateFiles(folder, "*.json")
            .Where(f => Path.GetFileName(f) != DocLimitsFile)
            .ToDictionary(f => Path.GetFileName(f), f => JsonNode.Parse(File.ReadAllText(f))!, StringComparer.Ordinal);
        if (roots.Count == 0) throw new FileNotFoundException($"No vendor definitions (*.json) in {folder}.");
        var files = new SchemaFiles(roots);
        var operations = new List<Operation>();
        foreach (var (file, root) in roots.OrderBy(r => r.Key, StringComparer.Ordinal))
            foreach (var (template, pathItem) in root["paths"]!.AsObject())
                foreach (var method in Methods)
                    if (pathItem![method] is JsonObject op)
                        operations.Add(Read(files, file, template, method, pathItem["parameters"] as JsonArray, op));
        return (files, operations);
    }

    private static Operation Read(SchemaFiles files, string file, string template, string method, JsonArray? shared, JsonObject op)
    {
        var scoped = template.StartsWith(DatabasePrefix + "/", StringComparison.Ordinal);
        var operation = new Operation
        {
            Method = method.ToUpperInvariant(),
            Template = template,
            Segments = (scoped ? template[DatabasePrefix.Length..] : template).Split('/', StringSplitOptions.RemoveEmptyEntries),
            DatabaseScoped = scoped,
            File = file,
        };
        var declared = (shared ?? []).Concat(op["parameters"] as JsonArray ?? []);
        foreach (var reference in declared)
        {
            if (files.Resolve(new Schema(reference!, file)) is not { Node: JsonObject parameter } resolved) continue;
            var location = parameter["in"]!.GetValue<string>();
            if (location == "body")
            {
                operation.Body = new Schema(parameter["schema"]!, resolved.File);
                operation.BodyRequired = parameter["required"]?.GetValue<bool>() == true;
                continue;
            }
            if (location is not ("query" or "header")) continue; // path parameters are matched by the template; formData is not JSON
            var rule = operation.Parameter(location, parameter["name"]!.GetValue<string>());
            if (parameter["required"]?.GetValue<bool>() == true) rule.RequiredBy ??= file;
            // OpenAPI 3 nests the schema; Swagger 2 writes type, enum and limits on the parameter itself.
            rule.Schemas.Add((new Schema(parameter["schema"] ?? parameter, resolved.File), file));
        }

        if (op["requestBody"] is { } body && files.Resolve(new Schema(body, file)) is { Node: JsonObject requestBody } resolvedBody)
        {
            var content = requestBody["content"] as JsonObject;
            var json = content?["application/json"] ?? content?.FirstOrDefault().Value;
            if (json?["schema"] is { } schema)
            {
                operation.Body = new Schema(schema, resolvedBody.File);
                operation.BodyRequired = requestBody["required"]?.GetValue<bool>() == true;
            }
        }
        return operation;
    }

    /// <summary>
    /// doc-limits.json: per operation ("METHOD template"), parameters it makes required or limits further, a schema for
    /// the whole body, and waivers of the published files' response-shaped <c>required</c> lists.
    /// </summary>
    public static void AddDocLimits(string path, IReadOnlyList<Operation> operations)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        foreach (var (key, limits) in root["operations"]!.AsObject())
        {
            var operation = operations.FirstOrDefault(o => o.Key == key)
                ?? throw new InvalidDataException($"{DocLimitsFile} names '{key}', which no vendor file defines.");
            var source = limits!["source"]?.GetValue<string>() ?? DocLimitsFile;
            foreach (var (name, parameter) in limits["parameters"] as JsonObject ?? [])
            {
                var rule = operation.Parameter(parameter!["in"]?.GetValue<string>() ?? "query", name);
                if (parameter["required"]?.GetValue<bool>() == true)
                    rule.RequiredBy ??= $"doc-limits: {parameter["source"]?.GetValue<string>() ?? source}";
                if (parameter["schema"] is { } schema)
                    rule.Schemas.Add((new Schema(schema, DocLimitsFile), $"doc-limits: {parameter["source"]?.GetValue<string>() ?? source}"));
            }
            if (limits["body"]?["schema"] is { } bodySchema)
                operation.DocumentedBody = (new Schema(bodySchema, DocLimitsFile), $"doc-limits: {source}");
            foreach (var waiver in limits["waive"] as JsonArray ?? [])
                operation.Waivers.Add(new Waiver(
                    waiver!["keyword"]!.GetValue<string>(),
                    waiver["pointer_prefix"]!.GetValue<string>().Split('/', StringSplitOptions.RemoveEmptyEntries),
                    waiver["direct"]?.GetValue<bool>() == true,
                    waiver["members"] is JsonArray members ? [.. members.Select(m => m!.GetValue<string>())] : null,
                    waiver["reason"]!.GetValue<string>()));
        }
    }

    /// <summary>The prefix every CRM call's Authorization must start with (doc-limits.json "security").</summary>
    public static string? AuthorizationPrefix(string path) =>
        JsonNode.Parse(File.ReadAllText(path))!["security"]?["prefix"]?.GetValue<string>();
}
