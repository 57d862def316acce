using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using NotesSync.Application.Notes;
using NotesSync.Domain.Common;
using Polly.Timeout;

namespace NotesSync.Infrastructure.Domino;

/// <summary>One answer of a DAS call, read whole: DAS answers are small pages, never streams.</summary>
internal sealed record DasResponse(
    HttpStatusCode Status, string? MediaType, string Body, string? LastModified, Uri? Location,
    string? ContentRange = null, DateTimeOffset? Date = null)
{
    public bool IsJson => MediaType is null ? Body.TrimStart().StartsWith('{') || Body.TrimStart().StartsWith('[')
        : MediaType.Contains("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>A session-authentication server answers 200 with its HTML login form instead of 401 (das.md §5).</summary>
    public bool IsLoginPage => (int)Status < 300 && MediaType is not null
        && MediaType.Contains("html", StringComparison.OrdinalIgnoreCase);

    public JsonElement Json() => string.IsNullOrWhiteSpace(Body) ? default : JsonDocument.Parse(Body).RootElement;

    /// <summary>The <c>message</c> of a DAS error body, when there is one (the server-level 403 may have none).</summary>
    public string? ErrorMessage()
    {
        if (!IsJson || string.IsNullOrWhiteSpace(Body)) return null;
        try
        {
            return Json() is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("message", out var m) ? m.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// Sends DAS requests with HTTP Basic authentication and turns transport failures into the codes the user can act
/// on: unknown host, TLS, timeout, private network. What a status means depends on the call, so callers read it.
/// </summary>
internal sealed class DasClient(HttpClient http)
{
    public const string HttpClientName = "das";

    public async Task<Result<DasResponse>> SendAsync(
        NotesCredentials credentials, HttpMethod method, string pathAndQuery, CancellationToken ct,
        object? json = null, Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(credentials.Server, pathAndQuery));
        // Domino reads Basic credentials as UTF-8 on current releases (inferred for older ones, which used Latin-1).
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.UserName}:{credentials.Password}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        headers?.Invoke(request.Headers);
        if (json is not null)
            request.Content = new StringContent(JsonSerializer.Serialize(json, DasJson.Options), Encoding.UTF8, "application/json");

        try
        {
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return new DasResponse(
                response.StatusCode, response.Content.Headers.ContentType?.MediaType, body,
                // NonValidated keeps the header byte for byte: If-Unmodified-Since must repeat it exactly (das.md "Checked" 11).
                response.Content.Headers.NonValidated.TryGetValues("Last-Modified", out var lm) ? lm.FirstOrDefault() : null,
                response.Headers.Location,
                response.Content.Headers.NonValidated.TryGetValues("Content-Range", out var range) ? range.FirstOrDefault() : null,
                response.Headers.Date);
        }
        catch (Exception ex) when (Classify(ex, ct) is { } error)
        {
            return error;
        }
    }

    private static Error? Classify(Exception ex, CancellationToken ct) => ex switch
    {
        _ when ct.IsCancellationRequested => null,
        TimeoutRejectedException or TaskCanceledException => NotesErrors.Timeout,
        HttpRequestException { InnerException: PrivateNetworkException } => NotesErrors.PrivateNetwork,
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => NotesErrors.TlsError,
        HttpRequestException { InnerException: AuthenticationException } => NotesErrors.TlsError,
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError } => NotesErrors.ServerUnreachable,
        HttpRequestException => NotesErrors.ServerUnreachable,
        _ => null,
    };
}

internal static class DasJson
{
    public static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
}
