using System.Text.Json.Nodes;

namespace NotesSync.ReferenceCheck;

/// <summary>A schema and the file its <c>$ref</c>s are written against.</summary>
internal readonly record struct Schema(JsonNode Node, string File);

/// <summary>
/// The vendor files of one folder, by file name, and <c>$ref</c> resolution across them: <c>#/…</c> within a file;
/// crm-oas's absolute URLs (<c>https://raw.githubusercontent.com/…/v8.0/users.json#/components/…</c>) by the file
/// name at their end, which is how PROVENANCE.md says the copies map.
/// </summary>
internal sealed class SchemaFiles(IReadOnlyDictionary<string, JsonNode> files)
{
    private const int MaxHops = 32;

    public JsonNode Root(string file) => files[file];

    /// <summary>
    /// Follows <c>$ref</c> until a schema without one. Null when the target is in a file not kept here (crm-oas's
    /// response-only common.json and the like: PROVENANCE.md says no request reaches them).
    /// </summary>
    public Schema? Resolve(Schema schema)
    {
        for (var hop = 0; hop < MaxHops; hop++)
        {
            if (schema.Node is not JsonObject obj || obj["$ref"]?.GetValue<string>() is not { } reference) return schema;
            var hash = reference.IndexOf('#', StringComparison.Ordinal);
            var filePart = hash < 0 ? reference : reference[..hash];
            var pointer = hash < 0 ? "" : reference[(hash + 1)..];
            var file = filePart.Length == 0 ? schema.File : filePart[(filePart.LastIndexOf('/') + 1)..];
            if (!files.TryGetValue(file, out var root)) return null;
            var target = Follow(root, pointer)
                ?? throw new InvalidDataException($"{schema.File}: $ref '{reference}' points at nothing.");
            schema = new Schema(target, file);
        }
        throw new InvalidDataException($"{schema.File}: more than {MaxHops} $ref hops (a cycle?).");
    }

    private static JsonNode? Follow(JsonNode root, string pointer)
    {
        var node = root;
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node is JsonObject obj ? obj[name] : null;
            if (node is null) return null;
        }
        return node;
    }
}
