using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Notes.ChangeNotesPassword;

/// <summary>
/// The user's Notes password changed: the help page asks for the e-mail id and the new password. Domino must
/// accept them before they replace what is stored; a refusal leaves the old password in place.
/// </summary>
public sealed record ChangeNotesPassword(string Email, string NewPassword) : ICommand<Result>, ILicensedRequest
{
    public override string ToString() => $"ChangeNotesPassword {{ Email = {Email} }}";
}

public sealed class ChangeNotesPasswordHandler(
    IRepository<SyncProfile> profiles, IDominoGateway domino, ISecretProtector secrets, ICurrentUser me)
    : ICommandHandler<ChangeNotesPassword, Result>
{
    public async ValueTask<Result> Handle(ChangeNotesPassword command, CancellationToken ct)
    {
        var profile = await profiles.FirstOrDefaultAsync(new ProfileOfUser(me.OrgId, me.UserId), ct);
        if (profile?.Notes is not { } notes) return NotesErrors.NotConnected;

        var candidate = new NotesCredentials(new Uri(notes.ServerUrl), command.Email.Trim(), command.NewPassword);
        var verified = await domino.VerifyAsync(candidate, notes.MailFile, ct);
        if (verified.IsFailure) return verified;

        profile.ChangeNotesCredentials(candidate.UserName, secrets.Protect(SecretPurpose.NotesPassword, SecretOwner.User(me.OrgId, me.UserId), command.NewPassword));
        await profiles.SaveChangesAsync(ct);
        return Result.Success();
    }
}
