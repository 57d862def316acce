using Microsoft.AspNetCore.DataProtection;
using NotesSync.Application.Common;

namespace NotesSync.Infrastructure.Security;

/// <summary>Secrets at rest through ASP.NET Core Data Protection, one purpose string per kind of secret.</summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    public string Protect(SecretPurpose purpose, string secret) => Protector(purpose).Protect(secret);

    public string Unprotect(SecretPurpose purpose, string protectedSecret) => Protector(purpose).Unprotect(protectedSecret);

    private IDataProtector Protector(SecretPurpose purpose) => provider.CreateProtector($"NotesSync.{purpose}");
}
