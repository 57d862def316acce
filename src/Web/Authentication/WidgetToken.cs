using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NotesSync.Web.Authentication;

/// <summary>
/// The widget's bearer token: HS256, signed with the secret of the organisation named by its own <c>org</c>
/// claim. The key is looked up before validation and handed to the validator through the request, so a token
/// can only ever be checked against its own organisation's key.
/// </summary>
public static class WidgetToken
{
    public const string Algorithm = SecurityAlgorithms.HmacSha256;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);
    private static readonly object KeyItem = new();
    private static readonly object OrgItem = new();

    public static SymmetricSecurityKey KeyFor(string signingSecret) => new(Encoding.UTF8.GetBytes(signingSecret));

    public static void Configure(JwtBearerOptions options, IHttpContextAccessor http)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidAlgorithms = [Algorithm],
            ClockSkew = TimeSpan.FromMinutes(1),
            NameClaimType = "name",
            IssuerSigningKeyResolver = (_, _, _, _) =>
                http.HttpContext?.Items[KeyItem] is SecurityKey key ? [key] : [],
        };
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = LoadOrganisationKeyAsync,
            OnTokenValidated = RefuseLongLivedTokens,
            OnAuthenticationFailed = ForgetKeyAfterBadSignature,
        };
    }

    private static async Task LoadOrganisationKeyAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return;
        var raw = header["Bearer ".Length..].Trim();

        string? orgId;
        try
        {
            orgId = new JsonWebToken(raw).TryGetPayloadValue<string>("org", out var org) ? org : null;
        }
        catch (ArgumentException)
        {
            return; // not a JWT: the validator refuses it without a key
        }

        if (string.IsNullOrEmpty(orgId) || orgId.Length > 64) return;

        context.HttpContext.Items[OrgItem] = orgId;
        var key = await context.HttpContext.RequestServices.GetRequiredService<IOrganisationSigningKeys>()
            .KeyOfAsync(orgId, context.HttpContext.RequestAborted);
        if (key is not null) context.HttpContext.Items[KeyItem] = key;
    }

    /// <summary>A token its organisation's key did not verify: that key is read again at the next call.</summary>
    private static Task ForgetKeyAfterBadSignature(AuthenticationFailedContext context)
    {
        if (context.Exception is SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException
            && context.HttpContext.Items[OrgItem] is string orgId)
            context.HttpContext.RequestServices.GetRequiredService<IOrganisationSigningKeys>().Forget(orgId);
        return Task.CompletedTask;
    }

    /// <summary>Tokens are minted per page load: one that claims to live longer than an hour was not minted by us.</summary>
    private static Task RefuseLongLivedTokens(TokenValidatedContext context)
    {
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var token = context.SecurityToken as JsonWebToken;
        var skew = context.Options.TokenValidationParameters.ClockSkew;
        if (token is null || token.ValidTo > clock.GetUtcNow().UtcDateTime + MaxLifetime + skew)
            context.Fail("The token lives longer than an hour.");
        else if (string.IsNullOrEmpty(token.Subject))
            context.Fail("The token names no user.");
        return Task.CompletedTask;
    }

    /// <summary>Mints a widget token; used by the development-only endpoint and the tests.</summary>
    public static string Mint(
        string signingSecret, string orgId, string userId, string email, string name, string locale, DateTimeOffset expires)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["org"] = orgId, ["sub"] = userId, ["email"] = email, ["name"] = name, ["locale"] = locale,
            },
            Expires = expires.UtcDateTime,
            NotBefore = expires.UtcDateTime - MaxLifetime,
            IssuedAt = expires.UtcDateTime - MaxLifetime,
            SigningCredentials = new SigningCredentials(KeyFor(signingSecret), Algorithm),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
