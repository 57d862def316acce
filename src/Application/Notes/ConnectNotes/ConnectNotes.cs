using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Notes.ConnectNotes;

/// <summary>The user signs in to their Domino server from the widget.</summary>
public sealed record ConnectNotes(string ServerName, string UserName, string Password, string? MailFile)
    : ICommand<Result<NotesConnected>>, ILicensedRequest
{
    public override string ToString() => $"ConnectNotes {{ ServerName = {ServerName}, UserName = {UserName}, MailFile = {MailFile} }}";
}

public sealed record NotesConnected(string MailFile, IReadOnlyList<CheckView> Checks);

public sealed class ConnectNotesHandler(
    IRepository<SyncProfile> profiles, IDominoGateway domino, ISecretProtector secrets, ICurrentUser me, TimeProvider clock)
    : ICommandHandler<ConnectNotes, Result<NotesConnected>>
{
    public async ValueTask<Result<NotesConnected>> Handle(ConnectNotes command, CancellationToken ct)
    {
        var server = domino.ParseServer(command.ServerName);
        if (server.IsFailure) return server.Error!;
        var credentials = new NotesCredentials(server.Value, command.UserName.Trim(), command.Password);

        var mailFile = await domino.FindMailFileAsync(credentials, command.MailFile, ct);
        if (mailFile.IsFailure) return NotesProfiles.WithFix(mailFile.Error!, command.MailFile ?? "", me.Locale);
        var checks = await domino.DiagnoseAsync(credentials, mailFile.Value.Path, ct);
        if (checks.IsFailure) return checks.Error!;

        // Nothing is stored until Domino let us in and every switch the chosen modules need is on.
        var profile = await NotesProfiles.LoadOrCreateAsync(profiles, me, ct);
        if (NotesProfiles.BlockingCheck(checks.Value, profile.Settings, me.Locale) is { } blocked) return blocked;

        profile.ConnectNotes(NotesConnection.Create(
            server.Value.ToString(), credentials.UserName, mailFile.Value.Path,
            secrets.Protect(SecretPurpose.NotesPassword, SecretOwner.User(me.OrgId, me.UserId), command.Password), clock.GetUtcNow()));
        await profiles.SaveChangesAsync(ct);
        return new NotesConnected(mailFile.Value.Path, CheckView.Of(checks.Value, me.Locale));
    }
}
