using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesSync.Application.Common;
using NotesSync.Application.Zoho;
using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>An access token and the organisation's API domain, as the token endpoint answered.</summary>
internal sealed record ZohoTokenAnswer(string AccessToken, string? RefreshToken, Uri? ApiDomain, TimeSpan Lifetime);

/// <summary>
/// The accounts server's OAuth endpoints: authorize URL, code exchange, refresh (zoho.md §1); what a new grant
/// opens and its revocation are in <c>ZohoOAuthClient.Grant.cs</c>.
/// </summary>
internal sealed partial class ZohoOAuthClient(
    HttpClient http, IOptions<ZohoOptions> options, IServiceScopeFactory scopes, ISecretProtector secrets, TimeProvider clock,
    ILogger<ZohoOAuthClient> logger)
    : IZohoAuthorization
{
    public const string HttpClientName = "zoho-accounts";

    private ZohoOptions Options => options.Value;

    public Uri AuthorizeUrl(string state)
    {
        var query = string.Join('&',
            "response_type=code",
            $"client_id={Uri.EscapeDataString(Options.ClientId)}",
            $"scope={Uri.EscapeDataString(ZohoOptions.Scopes)}",
            $"redirect_uri={Uri.EscapeDataString(Options.RedirectUri?.ToString() ?? "")}",
            "access_type=offline",
            // Without prompt=consent a second connection gets no refresh token.
            "prompt=consent",
            $"state={Uri.EscapeDataString(state)}");
        return new Uri(Options.AccountsUrl, $"/oauth/v2/auth?{query}");
    }

    public Result<Uri> TrustedAccountsServer(string? accountsServer)
    {
        // The redirect may omit it (single data centre clients): the configured server then issued the code.
        if (string.IsNullOrWhiteSpace(accountsServer)) return Root(Options.AccountsUrl);
        if (!Uri.TryCreate(accountsServer, UriKind.Absolute, out var uri)) return ZohoErrors.UntrustedAccountsServer;

        var isDataCentre = uri.Scheme == Uri.UriSchemeHttps
            && ZohoOptions.DataCentreAccountsHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase);
        var isConfigured = Uri.Compare(Root(uri), Root(Options.AccountsUrl), UriComponents.SchemeAndServer,
            UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
        return isDataCentre || isConfigured ? Root(uri) : ZohoErrors.UntrustedAccountsServer;
    }

    public async Task<Result<ZohoGrant>> ExchangeCodeAsync(Uri accountsServer, string code, CancellationToken ct)
    {
        var answer = await TokenAsync(accountsServer, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = Options.ClientId,
            ["client_secret"] = Options.ClientSecret,
            ["redirect_uri"] = Options.RedirectUri?.ToString() ?? "",
            ["code"] = code,
        }, ct);
        if (answer.IsFailure) return answer.Error!;
        if (answer.Value.RefreshToken is null || answer.Value.ApiDomain is null)
            return Error.Unprocessable("zoho-no-refresh-token", "Zoho granted no offline access: connect again and accept.");

        return new ZohoGrant(answer.Value.RefreshToken, answer.Value.AccessToken, answer.Value.Lifetime, accountsServer,
            Root(answer.Value.ApiDomain));
    }

    public async Task KeepAccessTokenAsync(string orgId, ZohoGrant grant, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var cache = scope.ServiceProvider.GetRequiredService<ZohoTokenStore>();
        await cache.StoreAsync(orgId, secrets.Protect(SecretPurpose.ZohoAccessToken, SecretOwner.Organisation(orgId), grant.AccessToken),
            clock.GetUtcNow() + grant.AccessTokenLifetime, ct);
    }

    /// <summary>A new access token for a refresh token; <c>zoho-not-connected</c> when Zoho no longer honours it.</summary>
    public Task<Result<ZohoTokenAnswer>> RefreshAsync(Uri accountsServer, string refreshToken, CancellationToken ct) =>
        TokenAsync(accountsServer, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = Options.ClientId,
            ["client_secret"] = Options.ClientSecret,
            ["refresh_token"] = refreshToken,
        }, ct);

    /// <summary>
    /// The token endpoint answers errors with HTTP 200 and an <c>error</c> member, and its throttle answers 200 or 400
    /// with a possibly localised text: success is the presence of <c>access_token</c>, nothing else (zoho.md §1).
    /// </summary>
    private async Task<Result<ZohoTokenAnswer>> TokenAsync(Uri accountsServer, Dictionary<string, string> form, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(new Uri(accountsServer, "/oauth/v2/token"), new FormUrlEncodedContent(form), ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException
                                   && !ct.IsCancellationRequested)
        {
            return ZohoApiErrors.Unavailable;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            JsonElement json;
            try
            {
                json = JsonDocument.Parse(body).RootElement;
            }
            catch (JsonException)
            {
                return ZohoApiErrors.Unavailable;
            }

            if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("access_token", out var access) && access.GetString() is { Length: > 0 } token)
                return new ZohoTokenAnswer(token, Text(json, "refresh_token"),
                    Text(json, "api_domain") is { } domain && Uri.TryCreate(domain, UriKind.Absolute, out var api) ? api : null,
                    Lifetime(json));

            var error = Text(json, "error") ?? "";
            // invalid_code is also what a revoked or unknown refresh token gets.
            return error is "invalid_code" or "invalid_client" or "invalid_client_secret" or "access_denied" && form["grant_type"] == "refresh_token"
                ? ZohoErrors.NotConnected
                : response.IsSuccessStatusCode || error.Length > 0
                    ? Error.Unprocessable("zoho-token-refused", $"Zoho refused the token request ({error}).")
                    : ZohoApiErrors.Unavailable;
        }
    }

    /// <summary>Some answers add <c>expires_in_sec</c>, and then <c>expires_in</c> is in milliseconds (zoho.md §1).</summary>
    private static TimeSpan Lifetime(JsonElement json)
    {
        if (json.TryGetProperty("expires_in_sec", out var seconds) && seconds.TryGetInt64(out var s)) return TimeSpan.FromSeconds(s);
        if (json.TryGetProperty("expires_in", out var value) && value.TryGetInt64(out var v)) return TimeSpan.FromSeconds(v > 86_400 ? v / 1000 : v);
        return TimeSpan.FromHours(1);
    }

    private static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static Uri Root(Uri uri) => new UriBuilder(uri.Scheme, uri.Host, uri.Port).Uri;
}

public static class ZohoApiErrors
{
    public static readonly Error Unavailable =
        Error.Unprocessable("zoho-unavailable", "Zoho CRM did not answer properly; the sync will try again later.").OfWholeSide();

    /// <summary>Zoho kept refusing for concurrency (429) past the retries and the wait allowed: the run stops rather than hangs.</summary>
    public static readonly Error Throttled =
        Error.Unprocessable("zoho-throttled", "Zoho CRM kept refusing calls as too many at once; the sync will try again later.").OfWholeSide();

    public static readonly Error CreditsExhausted =
        Error.Unprocessable("zoho-credits-exhausted", "The organisation has used all of today's Zoho API credits; syncs resume when Zoho grants more.").OfWholeSide();
}
