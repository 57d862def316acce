using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
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
/// The server is one a user named, so nothing it sends is trusted to be small or to end: an answer is read to at
/// most <see cref="DominoOptions.MaxAnswerBytes"/> (counted after decompression, so a compression bomb stops there
/// too) and within <see cref="DominoOptions.AttemptTimeout"/> of its headers (an endless or trickling body).
/// Every call, with its retries and the read of its answer, holds a slot of its server's gate (<see cref="DominoServerLimits"/>:
/// none without one, as in tests that build the client by hand).
/// </summary>
internal sealed class DasClient(HttpClient http, IOptions<DominoOptions> options, DominoServerLimits? serverLimits = null)
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
            using var slot = serverLimits is null ? null : await serverLimits.EnterAsync(credentials.Server, ct);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var body = await ReadBoundedAsync(response.Content, ct);
            if (body.IsFailure) return body.Error!;
            return new DasResponse(
                response.StatusCode, response.Content.Headers.ContentType?.MediaType, body.Value,
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

    private async Task<Result<string>> ReadBoundedAsync(HttpContent content, CancellationToken ct)
    {
        var limit = options.Value.MaxAnswerBytes;
        if (content.Headers.ContentLength > limit) return NotesErrors.AnswerTooLarge;

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.Value.AttemptTimeout);
        using var kept = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            await using var stream = await content.ReadAsStreamAsync(deadline.Token);
            int read;
            while ((read = await stream.ReadAsync(chunk, deadline.Token)) > 0)
            {
                if (kept.Length + read > limit) return NotesErrors.AnswerTooLarge;
                kept.Write(chunk, 0, read);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return NotesErrors.Timeout;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        kept.Position = 0;
        using var reader = new StreamReader(kept, CharsetOf(content), detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(ct);
    }

    private static Encoding CharsetOf(HttpContent content)
    {
        try
        {
            return content.Headers.ContentType?.CharSet is { Length: > 0 } charset
                ? Encoding.GetEncoding(charset.Trim('"'))
                : Encoding.UTF8;
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    private static Error? Classify(Exception ex, CancellationToken ct) => ex switch
    {
        _ when ct.IsCancellationRequested => null,
        TimeoutRejectedException or TaskCanceledException => NotesErrors.Timeout,
        HttpRequestException { InnerException: RefusedDestinationException refused } => refused.Refusal,
        // A certificate that fails validation is the user's to fix. A handshake that fails otherwise (the port speaks
        // something else than TLS) is told as "unreachable": which service listens on a port is not ours to reveal.
        HttpRequestException { InnerException: CertificateRefusedException } => NotesErrors.TlsError,
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => NotesErrors.ServerUnreachable,
        HttpRequestException => NotesErrors.ServerUnreachable,
        // The body broke off after the headers (the connection dropped mid-answer).
        IOException => NotesErrors.ServerUnreachable,
        _ => null,
    };
}

internal static class DasJson
{
    public static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
}
