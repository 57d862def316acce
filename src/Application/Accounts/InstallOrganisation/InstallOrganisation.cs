using System.Security.Cryptography;
using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Common;

namespace NotesSync.Application.Accounts.InstallOrganisation;

public sealed record Installer(string UserId, string Email, string Name);

public sealed record InstallOrganisation(string OrgId, string OrgName, Installer Installer, int Seats)
    : ICommand<Result<Installed>>;

/// <summary>The secret the extension signs its widget tokens with; handed over once per install.</summary>
public sealed record Installed(string OrgSigningSecret);

public sealed class InstallOrganisationHandler(
    IRepository<SyncAccount> accounts, ISecretProtector secrets, TimeProvider clock)
    : ICommandHandler<InstallOrganisation, Result<Installed>>
{
    public async ValueTask<Result<Installed>> Handle(InstallOrganisation command, CancellationToken ct)
    {
        // The Marketplace may deliver the hook twice: the second delivery gets the same account and secret.
        if (await accounts.FirstOrDefaultAsync(new AccountByOrg(command.OrgId), ct) is { } existing)
            return new Installed(secrets.Unprotect(SecretPurpose.OrgSigningSecret, SecretOwner.Organisation(command.OrgId), existing.ProtectedSigningSecret));

        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var installer = new ZohoUser(command.Installer.UserId, command.Installer.Email, command.Installer.Name);
        var account = SyncAccount.Install(
            command.OrgId, command.OrgName, installer, command.Seats,
            secrets.Protect(SecretPurpose.OrgSigningSecret, SecretOwner.Organisation(command.OrgId), secret), clock.GetUtcNow());

        try
        {
            await accounts.AddAsync(account, ct);
        }
        catch (PersistenceConflictException)
        {
            // Two deliveries raced and the other one inserted first: answer with its secret.
            var winner = await accounts.FirstOrDefaultAsync(new AccountByOrg(command.OrgId), ct);
            return new Installed(secrets.Unprotect(SecretPurpose.OrgSigningSecret, SecretOwner.Organisation(command.OrgId), winner!.ProtectedSigningSecret));
        }

        return new Installed(secret);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
