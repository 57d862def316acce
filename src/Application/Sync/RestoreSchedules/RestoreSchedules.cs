using Ardalis.Specification;
using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Sync.RestoreSchedules;

/// <summary>
/// A node starts: the sweep of abandoned runs and every user's automatic sync are scheduled again from the saved
/// settings. In-memory job storage forgets them at each restart, and settings are otherwise only scheduled when
/// saved; with shared storage this re-adds what is there already (a recurring job is added or updated by its name).
/// </summary>
public sealed record RestoreSchedules : ICommand<int>;

public sealed class RestoreSchedulesHandler(IReadRepository<SyncProfile> profiles, ISyncScheduler scheduler)
    : ICommandHandler<RestoreSchedules, int>
{
    public async ValueTask<int> Handle(RestoreSchedules command, CancellationToken ct)
    {
        scheduler.ScheduleSweep();
        var scheduled = 0;
        foreach (var profile in await profiles.ListAsync(new EveryProfile(), ct))
        {
            if (profile.Settings.AutoSyncMinutes is not { } minutes) continue;
            scheduler.Schedule(profile.OrgId, profile.UserId, minutes);
            scheduled++;
        }

        return scheduled;
    }

    /// <summary>Every organisation's profiles, without their checkpoints: only the settings are read.</summary>
    private sealed class EveryProfile : Specification<SyncProfile>;
}
