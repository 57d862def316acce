using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>One CRM answer, read whole (a page is at most 200 records).</summary>
internal sealed record ZohoResponse(HttpStatusCode Status, string Body)
{
    /// <summary>The answer's Date header: the CRM's own clock when it answered, to the second.</summary>
    public DateTimeOffset? Date { get; init; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Body);

    public JsonElement Json() => IsEmpty ? default : JsonDocument.Parse(Body).RootElement;

    public string? Code() =>
        !IsEmpty && Body.TrimStart().StartsWith('{') && Json().TryGetProperty("code", out var code) ? code.GetString() : null;
}

/// <summary>
/// Calls an organisation's CRM API: its access token, its concurrency limit shared by all its users' syncs (on every
/// node, ADR 0006), one refresh on INVALID_TOKEN, and 429s absorbed (Retry-After honoured, else exponential back-off
/// with jitter) unless the day's credits are gone, which ends the run with a clear error rather than a retry loop,
/// or the 429s go on past <see cref="ZohoOptions.MaxThrottleRetries"/> or <see cref="ZohoOptions.MaxThrottleWait"/>.
/// </summary>
internal sealed class ZohoApi(HttpClient http, ZohoTokenProvider tokens, ZohoConcurrency limits, IOptions<ZohoOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "zoho-crm";

    public async Task<Result<ZohoResponse>> SendAsync(
        string orgId, HttpMethod method, string pathAndQuery, CancellationToken ct,
        object? json = null, Action<HttpRequestHeaders>? headers = null)
    {
        string? rejected = null;
        var throttled = 0;
        var throttledFor = TimeSpan.Zero;
        while (true)
        {
            var access = await tokens.GetAsync(orgId, rejected, ct);
            if (access.IsFailure) return access.Error!;

            ZohoResponse response;
            TimeSpan? retryAfter;
            await using (await limits.EnterAsync(orgId, ct))
            {
                using var request = new HttpRequestMessage(method, new Uri(access.Value.ApiDomain, pathAndQuery));
                request.Headers.Authorization = new AuthenticationHeaderValue("Zoho-oauthtoken", access.Value.AccessToken);
                headers?.Invoke(request.Headers);
                if (json is not null)
                    request.Content = new StringContent(JsonSerializer.Serialize(json), Encoding.UTF8, "application/json");
                try
                {
                    using var answer = await http.SendAsync(request, ct);
                    response = new ZohoResponse(answer.StatusCode, await answer.Content.ReadAsStringAsync(ct)) { Date = answer.Headers.Date };
                    if (answer.StatusCode == HttpStatusCode.TooManyRequests && CreditsGone(answer)) return ZohoApiErrors.CreditsExhausted;
                    retryAfter = answer.Headers.RetryAfter?.Delta
                        ?? (answer.Headers.RetryAfter?.Date is { } date ? date - clock.GetUtcNow() : null);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested && ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException)
                {
                    return ZohoApiErrors.Unavailable;
                }
            }

            if (response.Status == HttpStatusCode.Unauthorized && response.Code() == "INVALID_TOKEN" && rejected is null)
            {
                rejected = access.Value.AccessToken;
                continue;
            }

            if (response.Status == HttpStatusCode.TooManyRequests)
            {
                var pause = Backoff(++throttled, retryAfter);
                throttledFor += pause;
                if (throttled > options.Value.MaxThrottleRetries || throttledFor > options.Value.MaxThrottleWait) return ZohoApiErrors.Throttled;
                await Task.Delay(pause, clock, ct);
                continue;
            }

            if (response.Status == HttpStatusCode.Unauthorized) return Application.Zoho.ZohoErrors.NotConnected;
            return response;
        }
    }

    /// <summary>Zoho sends X-API-CREDITS-REMAINING once half the day's credits are used; 0 with a 429 means none left.</summary>
    private static bool CreditsGone(HttpResponseMessage answer) =>
        answer.Headers.TryGetValues("X-API-CREDITS-REMAINING", out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining)
        && remaining <= 0;

    private static TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } told && told > TimeSpan.Zero) return told < TimeSpan.FromMinutes(2) ? told : TimeSpan.FromMinutes(2);
        var exponential = TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt - 1));
        return exponential + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250));
    }
}
