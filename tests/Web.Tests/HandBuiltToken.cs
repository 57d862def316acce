using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NotesSync.Web.Tests;

/// <summary>
/// A widget token built the way the extension's Deluge function builds it (api.md "Who is calling"): the base64url
/// of a JSON header and of the JSON claims, joined by a dot, then the base64url of their HMAC-SHA256 keyed with the
/// UTF-8 bytes of the organisation's signing secret. Deliberately not the host's own minting code: a token made with
/// the host's key function would agree with the host's validation even if both derived the key wrongly.
/// </summary>
public static class HandBuiltToken
{
    private const string Header = """{"alg":"HS256","typ":"JWT"}""";

    /// <summary>
    /// The claims api.md lists (<c>org</c>, <c>sub</c>, <c>email</c>, <c>name</c>, <c>locale</c>, <c>exp</c>) and, only
    /// when given, <c>nbf</c>; the function sends no other.
    /// </summary>
    public static string For(
        string secret, string orgId, string userId, DateTimeOffset expires,
        DateTimeOffset? notBefore = null, string locale = "en", string? email = null, string? name = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["org"] = orgId,
            ["sub"] = userId,
            ["email"] = email ?? $"{userId}@{orgId}.example",
            ["name"] = name ?? userId,
            ["locale"] = locale,
            ["exp"] = expires.ToUnixTimeSeconds(),
        };
        if (notBefore is { } nbf) claims["nbf"] = nbf.ToUnixTimeSeconds();
        return Sign(secret, JsonSerializer.Serialize(claims));
    }

    /// <summary>Signs exactly the claims JSON given, for tokens the helper above would not write.</summary>
    public static string Sign(string secret, string claimsJson)
    {
        var signed = $"{Base64Url(Encoding.UTF8.GetBytes(Header))}.{Base64Url(Encoding.UTF8.GetBytes(claimsJson))}";
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signed));
        return $"{signed}.{Base64Url(mac)}";
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
