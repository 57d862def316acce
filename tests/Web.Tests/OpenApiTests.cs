using System.Text.Json;

namespace NotesSync.Web.Tests;

/// <summary>The OpenAPI document the real host serves, fetched once for the class.</summary>
public sealed class OpenApiDocument : IAsyncLifetime
{
    private NotesSyncApp _app = null!;

    public JsonElement Root { get; private set; }

    public async Task InitializeAsync()
    {
        _app = new NotesSyncApp();
        Root = JsonDocument.Parse(await _app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The documented response of an operation for a status; fails naming the statuses it does document.</summary>
    public JsonElement Response(string method, string path, int status)
    {
        Assert.True(Root.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is not documented");
        Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is not documented");
        var responses = operation.GetProperty("responses");
        Assert.True(responses.TryGetProperty($"{status}", out var response),
            $"{method} {path} documents {string.Join(", ", responses.EnumerateObject().Select(r => r.Name))}, not {status}");
        return response;
    }

    /// <summary>The schema of a response's body in that media type, with a reference to a component followed.</summary>
    public JsonElement BodySchema(JsonElement response, string mediaType)
    {
        Assert.True(response.TryGetProperty("content", out var content), "the response documents no body");
        Assert.True(content.TryGetProperty(mediaType, out var media),
            $"the body is documented as {string.Join(", ", content.EnumerateObject().Select(c => c.Name))}, not {mediaType}");
        return Resolve(media.GetProperty("schema"));
    }

    /// <summary>The names of a schema's properties, its references followed.</summary>
    public HashSet<string> PropertiesOf(JsonElement schema) =>
        schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => p.Name).ToHashSet()
            : [];

    /// <summary>The members a schema says every body has.</summary>
    public HashSet<string> RequiredOf(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!).ToHashSet() : [];

    private JsonElement Resolve(JsonElement schema)
    {
        if (!schema.TryGetProperty("$ref", out var reference)) return schema;
        const string prefix = "#/components/schemas/";
        var name = reference.GetString()!;
        Assert.StartsWith(prefix, name);
        return Resolve(Root.GetProperty("components").GetProperty("schemas").GetProperty(name[prefix.Length..]));
    }
}

/// <summary>
/// Each endpoint declares what it answers, so the generated document shows a client every success body and
/// every problem it must handle (api.md), not just "200 OK".
/// </summary>
public class OpenApiTests(OpenApiDocument document) : IClassFixture<OpenApiDocument>
{
    private const string Json = "application/json";
    private const string Problem = "application/problem+json";

    [Fact]
    public void Reading_a_run_documents_the_run_with_its_status_and_modules_and_the_not_found_problem()
    {
        var run = document.BodySchema(document.Response("get", "/api/sync/runs/{runId}", 200), Json);
        Assert.Superset(new HashSet<string> { "runId", "status", "modules" }, document.PropertiesOf(run));
        // A run that has not failed carries no error member at all (null members are left out of the JSON).
        Assert.Contains("status", document.RequiredOf(run));
        Assert.DoesNotContain("error", document.RequiredOf(run));

        AssertProblem("get", "/api/sync/runs/{runId}", 404);
    }

    [Fact]
    public void Starting_a_run_documents_the_accepted_run_id_the_running_conflict_and_the_unprocessable_problem()
    {
        var accepted = document.BodySchema(document.Response("post", "/api/sync/runs", 202), Json);
        Assert.Contains("runId", document.PropertiesOf(accepted));

        AssertProblem("post", "/api/sync/runs", 409);
        AssertProblem("post", "/api/sync/runs", 422);
    }

    [Fact]
    public void Saving_the_settings_documents_the_saved_settings_and_the_field_errors()
    {
        var saved = document.BodySchema(document.Response("put", "/api/sync/settings", 200), Json);
        Assert.Superset(new HashSet<string> { "contacts", "direction", "autoSyncMinutes" }, document.PropertiesOf(saved));

        var invalid = AssertProblem("put", "/api/sync/settings", 400);
        Assert.Contains("errors", document.PropertiesOf(invalid));
    }

    [Fact]
    public void Every_widget_call_documents_the_missing_token_and_the_refused_caller()
    {
        foreach (var (method, path) in new[] { ("get", "/api/me"), ("post", "/api/sync/runs"), ("delete", "/api/users/{userId}") })
        {
            AssertProblem(method, path, 401);
            AssertProblem(method, path, 403);
        }
    }

    [Fact]
    public void Managing_users_documents_the_created_user_and_each_refusal()
    {
        var created = document.BodySchema(document.Response("post", "/api/users", 201), Json);
        Assert.Contains("userId", document.PropertiesOf(created));
        AssertProblem("post", "/api/users", 404);
        AssertProblem("post", "/api/users", 409);

        Assert.False(document.Response("delete", "/api/users/{userId}", 204).TryGetProperty("content", out _));
        AssertProblem("delete", "/api/users/{userId}", 409);
    }

    private JsonElement AssertProblem(string method, string path, int status)
    {
        var problem = document.BodySchema(document.Response(method, path, status), Problem);
        Assert.Superset(new HashSet<string> { "type", "title", "status", "detail", "code" }, document.PropertiesOf(problem));
        return problem;
    }
}
