using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using NotesSync.Application.Zoho;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>
/// The OAuth state as a time-limited Data Protection payload: encrypted, authenticated, valid 10 minutes, readable
/// by every node (the key ring is shared through the database), and carrying a nonce so no two are alike.
/// </summary>
internal sealed class OAuthState(IDataProtectionProvider provider, TimeProvider clock) : IOAuthState
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private ITimeLimitedDataProtector Protector =>
        provider.CreateProtector("NotesSync.ZohoOAuthState").ToTimeLimitedDataProtector();

    public string Issue(string orgId, string userId) =>
        Protector.Protect($"{orgId}\n{userId}\n{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}", clock.GetUtcNow() + Lifetime);

    public (string OrgId, string UserId)? Read(string state)
    {
        try
        {
            var parts = Protector.Unprotect(state).Split('\n');
            return parts.Length == 3 ? (parts[0], parts[1]) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
