using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NotesSync.Application.Zoho;
using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>What a new grant opens, and the end of a grant.</summary>
internal sealed partial class ZohoOAuthClient
{
    /// <summary>
    /// <c>GET {api_domain}/crm/v8/org</c> with the grant's own access token, sent directly: the grant is not the
    /// organisation's yet, so neither its token cache nor its concurrency limit are involved.
    /// </summary>
    public async Task<Result<ZohoOrganisationIds>> ReadOrganisationAsync(ZohoGrant grant, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(grant.ApiDomain, "/crm/v8/org"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Zoho-oauthtoken", grant.AccessToken);
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode) return ZohoApiErrors.Unavailable;
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
            if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("org", out var orgs)
                || orgs.ValueKind != JsonValueKind.Array || orgs.GetArrayLength() == 0)
                return ZohoApiErrors.Unavailable;
            var org = orgs[0];
            return new ZohoOrganisationIds(Identifier(org, "id"), Identifier(org, "zgid"));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException
                                       or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            return ZohoApiErrors.Unavailable;
        }
    }

    /// <summary>
    /// <c>POST {accounts}/oauth/v2/token/revoke</c>, the token in the query as zoho.md's table shows it and in the form
    /// as Zoho's SDK sends it (zoho.md §1). Success is HTTP 200: an unknown token is not an error worth retrying.
    /// </summary>
    public async Task<bool> RevokeAsync(Uri accountsServer, string refreshToken, CancellationToken ct)
    {
        try
        {
            var url = new Uri(accountsServer, $"/oauth/v2/token/revoke?token={Uri.EscapeDataString(refreshToken)}");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = refreshToken });
            using var response = await http.PostAsync(url, form, ct);
            if (response.IsSuccessStatusCode) return true;
            logger.LogWarning("Zoho answered {Status} to the revocation of a refresh token at {AccountsServer}", (int)response.StatusCode, accountsServer);
            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            logger.LogWarning(ex, "A refresh token could not be revoked at {AccountsServer}", accountsServer);
            return false;
        }
    }

    /// <summary>Ids are JSON strings in v8; a number is accepted too, read as its digits.</summary>
    private static string? Identifier(JsonElement org, string name) =>
        org.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
