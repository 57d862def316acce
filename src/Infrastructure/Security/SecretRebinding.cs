using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Infrastructure.Persistence;

namespace NotesSync.Infrastructure.Security;

/// <summary>
/// The data migration that comes with binding ciphertexts to their row: secrets protected before (for their purpose
/// only) are re-protected for their purpose, organisation and user. It runs with the schema's migrations (the
/// <c>migrate</c> command, or SQLite's start-up) and is idempotent: a bound ciphertext is left as it is, so after its
/// first run every later one only reads. A Zoho access token that is not bound is forgotten (the next CRM call
/// refreshes it). A ciphertext that decrypts neither way is left for its use to report.
/// </summary>
public static class SecretRebinding
{
    /// <summary>Re-protects every unbound secret in the database of <paramref name="services"/>' scope; answers how many.</summary>
    public static async Task<int> RebindUnboundSecretsAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<NotesSyncDbContext>();
        var keys = services.GetRequiredService<IDataProtectionProvider>();
        var rebound = 0;

        foreach (var account in await db.Accounts.ToListAsync(ct))
        {
            var owner = SecretOwner.Organisation(account.OrgId);
            if (Rebound(keys, SecretPurpose.OrgSigningSecret, owner, account.ProtectedSigningSecret) is { } signing)
            {
                db.Entry(account).Property(a => a.ProtectedSigningSecret).CurrentValue = signing;
                rebound++;
            }

            if (account.Zoho is { } zoho && Rebound(keys, SecretPurpose.ZohoRefreshToken, owner, zoho.ProtectedRefreshToken) is { } refresh)
            {
                account.ConnectZoho(ZohoConnection.Create(refresh, zoho.AccountsServer, zoho.ApiDomain, zoho.ConnectedBy, zoho.ConnectedAt));
                rebound++;
            }
        }

        foreach (var profile in await db.Profiles.ToListAsync(ct))
        {
            if (profile.Notes is not { } notes) continue;
            var owner = SecretOwner.User(profile.OrgId, profile.UserId);
            if (Rebound(keys, SecretPurpose.NotesPassword, owner, notes.ProtectedPassword) is not { } password) continue;
            profile.ChangeNotesCredentials(notes.UserName, password);
            rebound++;
        }

        foreach (var token in await db.ZohoAccessTokens.Where(t => t.ProtectedToken != null).ToListAsync(ct))
        {
            if (IsBound(keys, SecretPurpose.ZohoAccessToken, SecretOwner.Organisation(token.OrgId), token.ProtectedToken!)) continue;
            token.Forget();
            rebound++;
        }

        await db.SaveChangesAsync(ct);
        return rebound;
    }

    /// <summary>The ciphertext bound to <paramref name="owner"/>, or null when it is bound already or does not decrypt.</summary>
    private static string? Rebound(IDataProtectionProvider keys, SecretPurpose purpose, SecretOwner owner, string ciphertext)
    {
        if (IsBound(keys, purpose, owner, ciphertext)) return null;
        try
        {
            var secret = DataProtectionSecretProtector.UnboundProtector(keys, purpose).Unprotect(ciphertext);
            return DataProtectionSecretProtector.Protector(keys, purpose, owner).Protect(secret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static bool IsBound(IDataProtectionProvider keys, SecretPurpose purpose, SecretOwner owner, string ciphertext)
    {
        try
        {
            DataProtectionSecretProtector.Protector(keys, purpose, owner).Unprotect(ciphertext);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
