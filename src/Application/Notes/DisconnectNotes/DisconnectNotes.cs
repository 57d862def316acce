using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Notes.DisconnectNotes;

/// <summary>Forgets the stored Notes credentials; links and history stay for a later reconnection.</summary>
public sealed record DisconnectNotes : ICommand, ILicensedRequest;

public sealed class DisconnectNotesHandler(IRepository<SyncProfile> profiles, ICurrentUser me) : ICommandHandler<DisconnectNotes>
{
    public async ValueTask<Unit> Handle(DisconnectNotes command, CancellationToken ct)
    {
        var profile = await profiles.FirstOrDefaultAsync(new ProfileOfUser(me.OrgId, me.UserId), ct);
        if (profile?.Notes is null) return Unit.Value;
        profile.DisconnectNotes();
        await profiles.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
