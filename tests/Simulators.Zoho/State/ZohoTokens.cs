using System.Security.Cryptography;

namespace NotesSync.Simulators.Zoho;

/// <summary>Tokens as an adapter received them from the token endpoint.</summary>
public sealed record ZohoTokenSet(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, string Scope);

/// <summary>A refresh token as the accounts server knows it: whom it was issued to, and whether it still holds.</summary>
public sealed record ZohoRefreshTokenState(string Token, string UserId, bool Revoked);

internal sealed class GrantCode
{
    public required string Code { get; init; }

    public required ZohoOAuthClient Client { get; init; }

    public required ZohoUser User { get; init; }

    public required string Scope { get; init; }

    public required string RedirectUri { get; init; }

    public required bool Offline { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public bool Used { get; set; }
}

internal sealed class RefreshTokenGrant
{
    public required string Token { get; init; }

    public required ZohoOAuthClient Client { get; init; }

    public required ZohoUser User { get; init; }

    public required string Scope { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public bool Revoked { get; set; }

    public List<AccessTokenGrant> AccessTokens { get; } = [];

    public Queue<DateTimeOffset> RecentRefreshes { get; } = new();
}

internal sealed class AccessTokenGrant
{
    public required string Token { get; init; }

    public required ZohoUser User { get; init; }

    public required string Scope { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; set; }

    public RefreshTokenGrant? Parent { get; init; }

    public bool Revoked { get; set; }

    public bool IsAlive(DateTimeOffset now) => !Revoked && ExpiresAt > now && Parent is not { Revoked: true };
}

/// <summary>Zoho-shaped random strings: "1000." + hex, and 30-character upper-case client ids.</summary>
internal static class ZohoTokens
{
    public static string NewToken() =>
        $"1000.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";

    public static string NewClientId() =>
        "1000." + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 30);

    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(21));
}
