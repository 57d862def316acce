using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotesSync.ReferenceCheck;

/// <summary>One way a value breaks its schema; <see cref="Pointer"/> is a JSON pointer into the checked value.</summary>
internal sealed record SchemaError(string Pointer, string Keyword, string Message)
{
    public override string ToString() => $"{(Pointer.Length == 0 ? "/" : Pointer)}: {Message}";
}

/// <summary>
/// A pragmatic subset of JSON Schema, as OpenAPI 2 and 3 use it: <c>$ref</c>, <c>type</c> (with OpenAPI 3's
/// <c>nullable</c>), <c>enum</c>, <c>required</c>, <c>properties</c>, <c>items</c>, <c>maxItems</c>/<c>minItems</c>,
/// <c>maxLength</c>/<c>minLength</c>, <c>pattern</c>, <c>minimum</c>/<c>maximum</c>, <c>allOf</c>, and
/// <c>oneOf</c>/<c>anyOf</c> (both read as "at least one": crm-oas uses oneOf for alternatives that overlap), plus
/// doc-limits.json's <c>x-csvMaxItems</c>.
/// Not checked: <c>format</c>, <c>additionalProperties</c> (IBM's <c>document</c> declares every item an object,
/// yet every DAS example writes strings and arrays), <c>uniqueItems</c>, <c>multipleOf</c>, <c>not</c>,
/// <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>, <c>readOnly</c>/<c>writeOnly</c>, <c>discriminator</c>.
/// </summary>
internal sealed class SchemaValidator(SchemaFiles files, Func<SchemaError, bool>? waived = null)
{
    public List<SchemaError> Validate(JsonNode? value, Schema schema)
    {
        var errors = new List<SchemaError>();
        Check(value, schema, "", errors);
        return errors;
    }

    private void Check(JsonNode? value, Schema schema, string pointer, List<SchemaError> errors)
    {
        if (files.Resolve(schema) is not { Node: JsonObject rules } resolved) return;
        var file = resolved.File;

        if (value is null)
        {
            if (rules["type"] is not null && rules["nullable"]?.GetValue<bool>() != true)
                Add(errors, pointer, "type", $"null where {rules["type"]!.ToJsonString()} is expected");
            return;
        }

        if (rules["type"]?.GetValue<string>() is { } type && !IsOfType(value, type))
        {
            Add(errors, pointer, "type", $"{Describe(value)} where {type} is expected");
            return;
        }

        if (rules["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
            Add(errors, pointer, "enum", $"{Describe(value)} is not one of {allowed.ToJsonString()}");

        switch (value)
        {
            case JsonObject obj:
                CheckObject(obj, rules, file, pointer, errors);
                break;
            case JsonArray array:
                CheckArray(array, rules, file, pointer, errors);
                break;
            default:
                CheckScalar(value, rules, pointer, errors);
                break;
        }

        if (rules["allOf"] is JsonArray all)
            foreach (var part in all) Check(value, new Schema(part!, file), pointer, errors);
        foreach (var keyword in (string[])["oneOf", "anyOf"])
        {
            if (rules[keyword] is not JsonArray alternatives) continue;
            var misses = alternatives.Select(a => Validate(value, new Schema(a!, file), pointer)).ToList();
            if (misses.All(m => m.Count > 0))
                Add(errors, pointer, keyword, $"matches none of its {alternatives.Count} {keyword} alternatives " +
                    $"({string.Join("; ", misses.Select(m => m[0].ToString()))})");
        }
    }

    private List<SchemaError> Validate(JsonNode? value, Schema schema, string pointer)
    {
        var errors = new List<SchemaError>();
        Check(value, schema, pointer, errors);
        return errors;
    }

    private void CheckObject(JsonObject obj, JsonObject rules, string file, string pointer, List<SchemaError> errors)
    {
        if (rules["required"] is JsonArray required)
            foreach (var name in required.Select(r => r!.GetValue<string>()).Where(n => !obj.ContainsKey(n)))
                Add(errors, $"{pointer}/{name}", "required", $"required member '{name}' is missing");
        if (rules["properties"] is not JsonObject properties) return;
        foreach (var (name, member) in obj)
            if (properties[name] is { } memberSchema)
                Check(member, new Schema(memberSchema, file), $"{pointer}/{name}", errors);
    }

    private void CheckArray(JsonArray array, JsonObject rules, string file, string pointer, List<SchemaError> errors)
    {
        if (Number(rules, "maxItems") is { } max && array.Count > max)
            Add(errors, pointer, "maxItems", $"{array.Count} items, at most {max} allowed");
        if (Number(rules, "minItems") is { } min && array.Count < min)
            Add(errors, pointer, "minItems", $"{array.Count} items, at least {min} required");
        if (rules["items"] is { } items)
            for (var i = 0; i < array.Count; i++) Check(array[i], new Schema(items, file), $"{pointer}/{i}", errors);
    }

    private void CheckScalar(JsonNode value, JsonObject rules, string pointer, List<SchemaError> errors)
    {
        if (value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            if (Number(rules, "maxLength") is { } max && text.Length > max)
                Add(errors, pointer, "maxLength", $"{text.Length} characters, at most {max} allowed");
            if (Number(rules, "minLength") is { } min && text.Length < min)
                Add(errors, pointer, "minLength", $"{text.Length} characters, at least {min} required");
            if (rules["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
                Add(errors, pointer, "pattern", $"\"{text}\" does not match {pattern}");
            if (Number(rules, "x-csvMaxItems") is { } most && text.Split(',').Length > most)
                Add(errors, pointer, "x-csvMaxItems", $"{text.Split(',').Length} comma-separated values, at most {most} allowed");
        }
        if (value.GetValueKind() == JsonValueKind.Number)
        {
            var number = value.GetValue<double>();
            if (Number(rules, "maximum") is { } max && number > max)
                Add(errors, pointer, "maximum", $"{number.ToString(CultureInfo.InvariantCulture)} is above the maximum {max}");
            if (Number(rules, "minimum") is { } min && number < min)
                Add(errors, pointer, "minimum", $"{number.ToString(CultureInfo.InvariantCulture)} is below the minimum {min}");
        }
    }

    private void Add(List<SchemaError> errors, string pointer, string keyword, string message)
    {
        var error = new SchemaError(pointer, keyword, message);
        if (waived?.Invoke(error) != true) errors.Add(error);
    }

    private static double? Number(JsonObject rules, string keyword) => rules[keyword]?.GetValue<double>();

    private static bool IsOfType(JsonNode value, string type) => (type, value.GetValueKind()) switch
    {
        ("object", JsonValueKind.Object) or ("array", JsonValueKind.Array) or ("string", JsonValueKind.String) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) or ("number", JsonValueKind.Number) => true,
        ("integer", JsonValueKind.Number) => value.GetValue<double>() is var d && d == Math.Floor(d),
        // Swagger 2's "file" (a multipart part) is not a JSON shape: nothing to check.
        ("file", _) => true,
        _ => false,
    };

    private static string Describe(JsonNode value) =>
        value.GetValueKind() switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            _ => value.ToJsonString(),
        };
}
