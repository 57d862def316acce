using Microsoft.AspNetCore.DataProtection;
using NotesSync.Application.Common;

namespace NotesSync.Infrastructure.Security;

/// <summary>
/// Secrets at rest through ASP.NET Core Data Protection. The purpose chain names the kind of secret, then its
/// organisation and user: a ciphertext decrypts only for the row it was written for.
/// </summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    public string Protect(SecretPurpose purpose, SecretOwner owner, string secret) => Protector(provider, purpose, owner).Protect(secret);

    public string Unprotect(SecretPurpose purpose, SecretOwner owner, string protectedSecret) =>
        Protector(provider, purpose, owner).Unprotect(protectedSecret);

    internal static IDataProtector Protector(IDataProtectionProvider provider, SecretPurpose purpose, SecretOwner owner) =>
        provider.CreateProtector(PurposeOf(purpose), $"org:{owner.OrgId}", $"user:{owner.UserId}");

    /// <summary>The purpose alone, as ciphertexts were protected before they were bound to their row.</summary>
    internal static IDataProtector UnboundProtector(IDataProtectionProvider provider, SecretPurpose purpose) =>
        provider.CreateProtector(PurposeOf(purpose));

    private static string PurposeOf(SecretPurpose purpose) => $"NotesSync.{purpose}";
}
