using Mediator;
using NotesSync.Application.Common;
using NotesSync.Application.Notes;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Sync.ChangeSyncSettings;

/// <summary>The user saves the "Sync settings" dialog: the whole profile at once.</summary>
public sealed record ChangeSyncSettings(
    bool Contacts, bool Tasks, bool Events, EventRange? EventRange, SyncDirection? Direction,
    ConflictWinner? ConflictWinner, int? AutoSyncMinutes) : ICommand<Result<SettingsView>>, ILicensedRequest;

public sealed class ChangeSyncSettingsHandler(IRepository<SyncProfile> profiles, ISyncScheduler scheduler, ICurrentUser me)
    : ICommandHandler<ChangeSyncSettings, Result<SettingsView>>
{
    public async ValueTask<Result<SettingsView>> Handle(ChangeSyncSettings command, CancellationToken ct)
    {
        // The validator has made sure every choice is there.
        var settings = SyncSettings.Create(command.Contacts, command.Tasks, command.Events, command.EventRange!.Value,
            command.Direction!.Value, command.ConflictWinner!.Value, command.AutoSyncMinutes);
        if (settings.IsFailure) return settings.Error!;

        var profile = await NotesProfiles.LoadOrCreateAsync(profiles, me, ct);
        profile.ChangeSettings(settings.Value);
        await profiles.SaveChangesAsync(ct);
        scheduler.Schedule(me.OrgId, me.UserId, settings.Value.AutoSyncMinutes);
        return SettingsView.Of(settings.Value);
    }
}
