using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Profiles;
using NotesSync.Infrastructure.Security;

namespace NotesSync.Infrastructure.Tests;

/// <summary>Secrets stored before ciphertexts were bound to their row are re-protected, bound, by the migration step.</summary>
public class SecretRebindingTests
{
    [Fact]
    public async Task Secrets_protected_for_their_purpose_only_are_bound_to_their_organisation_and_user()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var scope = database.Scope())
        {
            // As the protector wrote them before: the purpose, nothing of the row.
            var keys = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>();
            string Unbound(SecretPurpose purpose, string secret) => keys.CreateProtector($"NotesSync.{purpose}").Protect(secret);
            var db = database.Context(scope);
            db.Accounts.Add(SyncAccount.Install("org-1", "Org 1", new ZohoUser("jane", "jane@org-1.example", "Jane"), 3,
                Unbound(SecretPurpose.OrgSigningSecret, "signing-secret"), DateTimeOffset.UtcNow));
            var profile = SyncProfile.Create("org-1", "jane");
            profile.ConnectNotes(NotesConnection.Create("https://mail.org-1.example/", "Jane Doe", "mail/jane.nsf",
                Unbound(SecretPurpose.NotesPassword, "notes-password"), DateTimeOffset.UtcNow));
            db.Profiles.Add(profile);
            await db.SaveChangesAsync();
        }

        await using (var scope = database.Scope())
            Assert.Equal(2, await SecretRebinding.RebindUnboundSecretsAsync(scope.ServiceProvider, CancellationToken.None));

        await using (var scope = database.Scope())
        {
            var secrets = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
            var db = database.Context(scope);
            var account = await db.Accounts.SingleAsync();
            var notes = (await db.Profiles.SingleAsync()).Notes!;
            Assert.Equal("signing-secret",
                secrets.Unprotect(SecretPurpose.OrgSigningSecret, SecretOwner.Organisation("org-1"), account.ProtectedSigningSecret));
            Assert.Equal("notes-password",
                secrets.Unprotect(SecretPurpose.NotesPassword, SecretOwner.User("org-1", "jane"), notes.ProtectedPassword));
            // Once bound, a second run finds nothing to do.
            Assert.Equal(0, await SecretRebinding.RebindUnboundSecretsAsync(scope.ServiceProvider, CancellationToken.None));
        }
    }
}
