using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotesSync.Simulators.Zoho.Http;

/// <summary>Zoho's error bodies and the JSON writing every endpoint shares.</summary>
internal static class ZohoJson
{
    // Zoho answers raw UTF-8 (names such as "Zoë" or "山田" are not \u-escaped).
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonSerializerOptions ControlOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    /// <summary>The four-member error object Zoho uses everywhere: code, details, message, status.</summary>
    public static JsonObject Error(string code, string message, JsonObject? details = null) => new()
    {
        ["code"] = code,
        ["details"] = details ?? new JsonObject(),
        ["message"] = message,
        ["status"] = "error",
    };

    public static JsonObject Details(params (string Key, JsonNode? Value)[] members)
    {
        var details = new JsonObject();
        foreach (var (key, value) in members) details[key] = value;
        return details;
    }

    /// <summary>Write requests wrap even request-level errors in <c>data[]</c> (Zoho's OpenAPI examples do).</summary>
    public static JsonObject WrappedError(string code, string message, JsonObject? details = null) =>
        new() { ["data"] = new JsonArray(Error(code, message, details)) };

    public static async Task WriteAsync(HttpContext context, int status, JsonNode? body)
    {
        context.Response.StatusCode = status;
        if (body is null) return;
        context.Response.ContentType = "application/json;charset=UTF-8";
        await context.Response.WriteAsync(body.ToJsonString(Options), context.RequestAborted);
    }

    public static JsonArray Array(IEnumerable<JsonNode?> items)
    {
        var array = new JsonArray();
        foreach (var item in items) array.Add(item);
        return array;
    }

    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
