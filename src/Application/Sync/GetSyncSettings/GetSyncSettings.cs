using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Sync.GetSyncSettings;

public sealed record GetSyncSettings : IQuery<SettingsView>, ILicensedRequest;

public sealed class GetSyncSettingsHandler(IReadRepository<SyncProfile> profiles, ICurrentUser me)
    : IQueryHandler<GetSyncSettings, SettingsView>
{
    public async ValueTask<SettingsView> Handle(GetSyncSettings query, CancellationToken ct)
    {
        var profile = await profiles.FirstOrDefaultAsync(new ProfileOfUser(me.OrgId, me.UserId), ct);
        return SettingsView.Of(profile?.Settings ?? SyncSettings.Default);
    }
}
