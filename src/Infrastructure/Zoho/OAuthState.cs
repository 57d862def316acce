using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using NotesSync.Application.Zoho;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>
/// The OAuth state as a time-limited Data Protection payload: encrypted, authenticated, valid 10 minutes, readable
/// by every node (the key ring is shared through the database), and carrying the browser's nonce, so no two are
/// alike and each is worth something only with the cookie of the browser it was issued to.
/// </summary>
internal sealed class OAuthState(IDataProtectionProvider provider, TimeProvider clock) : IOAuthState
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private ITimeLimitedDataProtector Protector =>
        provider.CreateProtector("NotesSync.ZohoOAuthState").ToTimeLimitedDataProtector();

    public IssuedOAuthState Issue(string orgId, string userId)
    {
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        return new IssuedOAuthState(Protector.Protect($"{orgId}\n{userId}\n{nonce}", clock.GetUtcNow() + Lifetime), nonce);
    }

    public OAuthStateContent? Read(string state)
    {
        try
        {
            var parts = Protector.Unprotect(state).Split('\n');
            return parts.Length == 3 ? new OAuthStateContent(parts[0], parts[1], parts[2]) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
