using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using NotesSync.Application.Common;

namespace NotesSync.Web.Authentication;

public sealed class MarketplaceSignatureOptions : AuthenticationSchemeOptions
{
    /// <summary>HMAC key shared with the Marketplace (configuration <c>Marketplace:HookSecret</c>).</summary>
    public string? HookSecret { get; set; }

    /// <summary>How far a hook's timestamp may be from our clock (api.md: 5 minutes).</summary>
    public TimeSpan AllowedSkew { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Verifies a Marketplace hook: <c>X-NotesSync-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))</c>
/// with <c>X-NotesSync-Timestamp</c> in unix seconds, close to now. The body stays readable for the endpoint.
/// </summary>
public sealed class MarketplaceSignatureHandler(
    IOptionsMonitor<MarketplaceSignatureOptions> options, ILoggerFactory logger, UrlEncoder encoder, TimeProvider clock)
    : AuthenticationHandler<MarketplaceSignatureOptions>(options, logger, encoder)
{
    public const string SchemeName = "MarketplaceSignature";
    private const int MaxBodyBytes = 64 * 1024;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (string.IsNullOrEmpty(Options.HookSecret))
            return AuthenticateResult.Fail("Marketplace:HookSecret is not configured; every hook is refused.");

        var signature = Request.Headers["X-NotesSync-Signature"].ToString();
        var timestamp = Request.Headers["X-NotesSync-Timestamp"].ToString();
        if (!signature.StartsWith("sha256=", StringComparison.Ordinal) || string.IsNullOrEmpty(timestamp))
            return AuthenticateResult.Fail("The hook is not signed.");

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - seconds) > Options.AllowedSkew.TotalSeconds)
            return AuthenticateResult.Fail("The hook's timestamp is missing or stale.");

        if (Request.ContentLength > MaxBodyBytes) return AuthenticateResult.Fail("The hook's body is too large.");
        Request.EnableBuffering(MaxBodyBytes);
        var body = await ReadBodyAsync();
        if (body is null) return AuthenticateResult.Fail("The hook's body is too large.");

        byte[] signed = [.. Encoding.UTF8.GetBytes(timestamp + "."), .. body];
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Options.HookSecret), signed);
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature["sha256=".Length..]);
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("The hook's signature is not hexadecimal.");
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, given))
            return AuthenticateResult.Fail("The hook's signature does not match.");

        // A signed hook counts once: the same call sent again within its window (a captured /licenses) is refused.
        var replays = Context.RequestServices.GetRequiredService<IHookReplayGuard>();
        if (!await replays.IsFirstDeliveryAsync(Convert.ToHexStringLower(given),
                DateTimeOffset.FromUnixTimeSeconds(seconds) + Options.AllowedSkew, Context.RequestAborted))
            return AuthenticateResult.Fail("The hook was delivered already.");

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "zoho-marketplace")], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private async Task<byte[]?> ReadBodyAsync()
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await Request.Body.ReadAsync(chunk, Context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes) return null;
        }

        Request.Body.Position = 0;
        return buffer.ToArray();
    }
}
