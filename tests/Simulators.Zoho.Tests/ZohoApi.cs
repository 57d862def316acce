using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace NotesSync.Simulators.Zoho.Tests;

internal sealed record ZohoResponse(HttpStatusCode Status, JsonNode? Json, string Text, HttpResponseMessage Message)
{
    public string? Header(string name) =>
        Message.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : Message.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues) : null;

    public JsonArray Data => Json!["data"]!.AsArray();
}

/// <summary>A bare-bones Zoho client for the tests: real HTTP, raw JSON, no retries, no redirects.</summary>
internal sealed class ZohoApi : IDisposable
{
    private readonly HttpClient _http;

    public ZohoApi(string apiDomain, string? accessToken = null)
    {
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 100 })
        {
            BaseAddress = new Uri(apiDomain + "/"),
        };
        AccessToken = accessToken;
    }

    public string? AccessToken { get; set; }

    public static ZohoApi For(ZohoSimulator simulator, ZohoUser user, string scope = ZohoSimulatorState.DefaultScopes) =>
        new(simulator.ApiDomain, simulator.State.IssueTokens(user, scope: scope).AccessToken);

    public Task<ZohoResponse> GetAsync(string url, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Get, url, null, headers);

    public Task<ZohoResponse> PostAsync(string url, JsonNode? body, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Post, url, body, headers);

    public Task<ZohoResponse> PutAsync(string url, JsonNode? body, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Put, url, body, headers);

    public Task<ZohoResponse> DeleteAsync(string url) => SendAsync(HttpMethod.Delete, url, null, []);

    public async Task<ZohoResponse> SendAsync(HttpMethod method, string url, JsonNode? body, (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, url);
        if (AccessToken is not null) request.Headers.TryAddWithoutValidation("Authorization", "Zoho-oauthtoken " + AccessToken);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await SendAsync(request);
    }

    public async Task<ZohoResponse> PostFormAsync(string url, params (string Name, string Value)[] form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))),
        };
        return await SendAsync(request);
    }

    private async Task<ZohoResponse> SendAsync(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var isJson = response.Content.Headers.ContentType?.MediaType == "application/json" && text.Length > 0;
        return new ZohoResponse(response.StatusCode, isJson ? JsonNode.Parse(text) : null, text, response);
    }

    public void Dispose() => _http.Dispose();
}

internal static class Json
{
    public static string? Str(this JsonNode? node) => node?.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : null;

    public static JsonObject Contact(string lastName, string? email = null, string? unid = null)
    {
        var contact = new JsonObject { ["Last_Name"] = lastName, ["First_Name"] = "Zoë" };
        if (email is not null) contact["Email"] = email;
        if (unid is not null) contact["Notes_UNID"] = unid;
        return contact;
    }

    public static JsonObject Data(params JsonNode[] records) => new() { ["data"] = new JsonArray(records), ["trigger"] = new JsonArray() };

    public static JsonObject Data(IEnumerable<JsonNode> records) => Data(records.ToArray());
}

internal static class Headers
{
    public static MediaTypeHeaderValue? ContentType(this ZohoResponse response) => response.Message.Content.Headers.ContentType;
}
