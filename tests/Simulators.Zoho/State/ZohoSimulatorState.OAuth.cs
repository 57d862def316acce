using System.Text.Json.Nodes;

namespace NotesSync.Simulators.Zoho;

internal enum TokenCheck
{
    Valid,
    Missing,
    Invalid,
}

public sealed partial class ZohoSimulatorState
{
    private readonly Lock _oauthGate = new();
    private readonly Dictionary<string, GrantCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshTokenGrant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessTokenGrant> _accessTokens = new(StringComparer.Ordinal);

    /// <summary>Tokens as if the user had consented and the code had been exchanged: for tests that skip the OAuth dance.</summary>
    public ZohoTokenSet IssueTokens(ZohoUser user, ZohoOAuthClient? client = null, string scope = DefaultScopes, bool offline = true)
    {
        client ??= user.Org.Client;
        lock (_oauthGate)
        {
            var refresh = offline ? NewRefreshToken(client, user, scope) : null;
            var access = MintAccessToken(user, scope, refresh);
            return new ZohoTokenSet(access.Token, refresh?.Token, access.ExpiresAt, scope);
        }
    }

    /// <summary>Revokes a refresh token (and every access token it minted) or a single access token.</summary>
    public bool RevokeToken(string token)
    {
        lock (_oauthGate)
        {
            if (_refreshTokens.TryGetValue(token, out var refresh))
            {
                refresh.Revoked = true;
                foreach (var access in refresh.AccessTokens) access.Revoked = true;
                return true;
            }
            if (_accessTokens.TryGetValue(token, out var single))
            {
                single.Revoked = true;
                return true;
            }
            return false;
        }
    }

    /// <summary>What an admin removing the app's connection in Zoho does: every token of the org dies.</summary>
    public int RevokeAllTokens(ZohoOrg org)
    {
        lock (_oauthGate)
        {
            var count = 0;
            foreach (var refresh in _refreshTokens.Values.Where(r => r.User.Org == org && !r.Revoked))
            {
                refresh.Revoked = true;
                count++;
            }
            foreach (var access in _accessTokens.Values.Where(a => a.User.Org == org)) access.Revoked = true;
            return count;
        }
    }

    /// <summary>Ends the life of access tokens now, so the next call gets INVALID_TOKEN and the client must refresh.</summary>
    public int ExpireAccessTokens(ZohoOrg? org = null)
    {
        lock (_oauthGate)
        {
            var now = Now;
            var count = 0;
            foreach (var access in _accessTokens.Values.Where(a => (org is null || a.User.Org == org) && a.ExpiresAt > now))
            {
                access.ExpiresAt = now;
                count++;
            }
            return count;
        }
    }

    public int AliveAccessTokens(string refreshToken)
    {
        lock (_oauthGate)
        {
            var now = Now;
            return _refreshTokens.TryGetValue(refreshToken, out var refresh) ? refresh.AccessTokens.Count(a => a.IsAlive(now)) : 0;
        }
    }

    /// <summary>Every refresh token issued to a user of the org, oldest first, and whether it was revoked since.</summary>
    public IReadOnlyList<ZohoRefreshTokenState> RefreshTokens(ZohoOrg org)
    {
        lock (_oauthGate)
            return [.. _refreshTokens.Values.Where(r => r.User.Org == org).OrderBy(r => r.CreatedAt)
                .Select(r => new ZohoRefreshTokenState(r.Token, r.User.Id, r.Revoked))];
    }

    public bool IsRefreshTokenValid(string refreshToken)
    {
        lock (_oauthGate) return _refreshTokens.TryGetValue(refreshToken, out var refresh) && !refresh.Revoked;
    }

    internal string CreateGrantCode(ZohoOAuthClient client, ZohoUser user, string scope, string redirectUri, bool offline)
    {
        lock (_oauthGate)
        {
            var code = new GrantCode
            {
                Code = ZohoTokens.NewToken(),
                Client = client,
                User = user,
                Scope = scope,
                RedirectUri = redirectUri,
                Offline = offline,
                ExpiresAt = Now + Options.GrantCodeLifetime,
            };
            _codes[code.Code] = code;
            return code.Code;
        }
    }

    /// <summary>grant_type=authorization_code. Errors are answered with HTTP 200 and an <c>error</c> member.</summary>
    internal (int Status, JsonObject Body) ExchangeCode(string? clientId, string? clientSecret, string? redirectUri, string? code)
    {
        lock (_oauthGate)
        {
            var client = clientId is null ? null : FindClient(clientId);
            if (client is null) return (200, OAuthError("invalid_client"));
            if (client.ClientSecret != clientSecret) return (200, OAuthError("invalid_client_secret"));
            if (code is null || !_codes.TryGetValue(code, out var grant) || grant.Used || grant.ExpiresAt <= Now || grant.Client != client)
                return (200, OAuthError("invalid_code"));
            // Not in zoho.md: the error name for a redirect_uri that differs from the authorize request is a guess.
            if (!string.Equals(redirectUri, grant.RedirectUri, StringComparison.Ordinal)) return (200, OAuthError("invalid_redirect_uri"));
            grant.Used = true;
            var refresh = grant.Offline ? NewRefreshToken(client, grant.User, grant.Scope) : null;
            var access = MintAccessToken(grant.User, grant.Scope, refresh);
            var body = new JsonObject { ["access_token"] = access.Token };
            if (refresh is not null) body["refresh_token"] = refresh.Token;
            body["scope"] = grant.Scope;
            AddTokenTail(body);
            return (200, body);
        }
    }

    /// <summary>grant_type=refresh_token: a new access token, never a new refresh token.</summary>
    internal (int Status, JsonObject Body) Refresh(string? clientId, string? clientSecret, string? refreshToken)
    {
        lock (_oauthGate)
        {
            var client = clientId is null ? null : FindClient(clientId);
            if (client is null) return (200, OAuthError("invalid_client"));
            if (client.ClientSecret != clientSecret) return (200, OAuthError("invalid_client_secret"));
            if (refreshToken is null || !_refreshTokens.TryGetValue(refreshToken, out var refresh) || refresh.Revoked || refresh.Client != client)
                return (200, OAuthError("invalid_code"));
            var now = Now;
            if (Options.RefreshesPerTenMinutes > 0)
            {
                while (refresh.RecentRefreshes.Count > 0 && refresh.RecentRefreshes.Peek() <= now - TimeSpan.FromMinutes(10))
                    refresh.RecentRefreshes.Dequeue();
                if (refresh.RecentRefreshes.Count >= Options.RefreshesPerTenMinutes)
                {
                    // zoho.md: the throttle answers 200 or 400 with a (maybe localised) "Access Denied"; 400 is chosen here.
                    return (400, new JsonObject
                    {
                        ["error_description"] = "You have made too many requests continuously. Please try again after some time.",
                        ["error"] = "Access Denied",
                        ["status"] = "failure",
                    });
                }
                refresh.RecentRefreshes.Enqueue(now);
            }
            var access = MintAccessToken(refresh.User, refresh.Scope, refresh);
            var body = new JsonObject { ["access_token"] = access.Token, ["scope"] = refresh.Scope };
            AddTokenTail(body);
            return (200, body);
        }
    }

    internal TokenCheck Authenticate(string? accessToken, out AccessTokenGrant? grant)
    {
        grant = null;
        if (string.IsNullOrEmpty(accessToken)) return TokenCheck.Missing;
        lock (_oauthGate)
        {
            if (!_accessTokens.TryGetValue(accessToken, out var found) || !found.IsAlive(Now) || found.User.Status != "active")
                return TokenCheck.Invalid;
            grant = found;
            return TokenCheck.Valid;
        }
    }

    private void AddTokenTail(JsonObject body)
    {
        body["api_domain"] = ApiDomain;
        body["token_type"] = "Bearer";
        var seconds = (long)Options.AccessTokenLifetime.TotalSeconds;
        if (Options.LegacyExpiresInMilliseconds)
        {
            body["expires_in_sec"] = seconds;
            body["expires_in"] = seconds * 1000;
        }
        else
        {
            body["expires_in"] = seconds;
        }
    }

    /// <summary>Set by the host once Kestrel has bound its address.</summary>
    internal string ApiDomain { get; set; } = "http://127.0.0.1";

    private static JsonObject OAuthError(string error) => new() { ["error"] = error };

    private RefreshTokenGrant NewRefreshToken(ZohoOAuthClient client, ZohoUser user, string scope)
    {
        var refresh = new RefreshTokenGrant { Token = ZohoTokens.NewToken(), Client = client, User = user, Scope = scope, CreatedAt = Now };
        _refreshTokens[refresh.Token] = refresh;
        // zoho.md: at most 20 refresh tokens per user per client; the 21st silently revokes the oldest.
        var live = _refreshTokens.Values.Where(r => r.Client == client && r.User == user && !r.Revoked).OrderBy(r => r.CreatedAt).ToList();
        foreach (var stale in live.Take(Math.Max(0, live.Count - Options.RefreshTokensPerUserPerClient)))
        {
            stale.Revoked = true;
            foreach (var access in stale.AccessTokens) access.Revoked = true;
        }
        return refresh;
    }

    private AccessTokenGrant MintAccessToken(ZohoUser user, string scope, RefreshTokenGrant? parent)
    {
        var now = Now;
        var access = new AccessTokenGrant
        {
            Token = ZohoTokens.NewToken(),
            User = user,
            Scope = scope,
            IssuedAt = now,
            ExpiresAt = now + Options.AccessTokenLifetime,
            Parent = parent,
        };
        _accessTokens[access.Token] = access;
        if (parent is not null)
        {
            parent.AccessTokens.RemoveAll(a => !a.IsAlive(now));
            parent.AccessTokens.Add(access);
            // zoho.md: at most 15 access tokens alive per refresh token; the 16th kills the oldest.
            while (parent.AccessTokens.Count > Options.AliveAccessTokensPerRefreshToken)
            {
                parent.AccessTokens[0].Revoked = true;
                parent.AccessTokens.RemoveAt(0);
            }
        }
        return access;
    }
}
