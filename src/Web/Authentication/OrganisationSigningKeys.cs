using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.Tokens;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;

namespace NotesSync.Web.Authentication;

/// <summary>The key that checks an organisation's widget tokens; null when the organisation is not installed.</summary>
public interface IOrganisationSigningKeys
{
    Task<SecurityKey?> KeyOfAsync(string orgId, CancellationToken ct);

    /// <summary>A token failed its check: the key is read again next time (the organisation may have been re-installed).</summary>
    void Forget(string orgId);
}

/// <summary>
/// The signing secret as stored: read and decrypted. A database that does not answer is
/// <see cref="SigningKeyUnavailableException"/> (503, try again); a secret that no longer decrypts is no key (401).
/// </summary>
internal sealed class StoredSigningKeys(
    IReadRepository<SyncAccount> accounts, ISecretProtector secrets, ILogger<StoredSigningKeys> logger) : IOrganisationSigningKeys
{
    public async Task<SecurityKey?> KeyOfAsync(string orgId, CancellationToken ct)
    {
        SyncAccount? account;
        try
        {
            account = await accounts.FirstOrDefaultAsync(new AccountByOrg(orgId), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new SigningKeyUnavailableException(e);
        }

        if (account is null) return null;
        try
        {
            return WidgetToken.KeyFor(secrets.Unprotect(SecretPurpose.OrgSigningSecret, OwnerOf(account), account.ProtectedSigningSecret));
        }
        catch (CryptographicException e)
        {
            logger.LogError(e, "The signing secret of {OrgId} does not decrypt: its tokens are refused", orgId);
            return null;
        }
    }

    public void Forget(string orgId)
    {
        // Nothing is kept here: every call reads the row.
    }

    private static SecretOwner OwnerOf(SyncAccount account) => SecretOwner.Organisation(account.OrgId);
}

/// <summary>
/// Every widget call checks its token with the organisation's key: a node keeps each key for a minute instead of
/// reading and decrypting it per call. A token that fails its check drops the key, so a re-installed organisation's
/// new key is read at the next call.
/// </summary>
internal sealed class CachedSigningKeys(IOrganisationSigningKeys stored, IMemoryCache cache) : IOrganisationSigningKeys
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public async Task<SecurityKey?> KeyOfAsync(string orgId, CancellationToken ct)
    {
        if (cache.TryGetValue(CacheKey(orgId), out SecurityKey? key)) return key;
        key = await stored.KeyOfAsync(orgId, ct);
        if (key is not null) cache.Set(CacheKey(orgId), key, Lifetime);
        return key;
    }

    public void Forget(string orgId) => cache.Remove(CacheKey(orgId));

    private static string CacheKey(string orgId) => $"widget-signing-key:{orgId}";
}

/// <summary>The organisation's key could not be read (the database did not answer): the caller may try again.</summary>
public sealed class SigningKeyUnavailableException(Exception inner)
    : Exception("The organisation's signing key could not be read.", inner);

public static class OrganisationSigningKeysRegistration
{
    /// <summary>The stored keys, each kept a minute in memory by the decorator.</summary>
    public static IServiceCollection AddOrganisationSigningKeys(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<IOrganisationSigningKeys, StoredSigningKeys>();
        services.Decorate<IOrganisationSigningKeys, CachedSigningKeys>();
        return services;
    }
}
