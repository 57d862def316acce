using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Notes.GetDiagnostics;

/// <summary>Runs every DAS check again with the stored credentials (after an admin fixed a switch, say).</summary>
public sealed record GetDiagnostics : IQuery<Result<Diagnostics>>, ILicensedRequest;

public sealed record Diagnostics(IReadOnlyList<CheckView> Checks);

public sealed class GetDiagnosticsHandler(
    IReadRepository<SyncProfile> profiles, IDominoGateway domino, ISecretProtector secrets, ICurrentUser me)
    : IQueryHandler<GetDiagnostics, Result<Diagnostics>>
{
    public async ValueTask<Result<Diagnostics>> Handle(GetDiagnostics query, CancellationToken ct)
    {
        var profile = await profiles.FirstOrDefaultAsync(new ProfileOfUser(me.OrgId, me.UserId), ct);
        if (profile?.Notes is not { } notes) return NotesErrors.NotConnected;

        var checks = await domino.DiagnoseAsync(NotesProfiles.CredentialsOf(profile, notes, secrets), notes.MailFile, ct);
        return checks.IsSuccess ? new Diagnostics(CheckView.Of(checks.Value, me.Locale)) : checks.Error!;
    }
}
