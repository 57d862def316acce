using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Sync.SweepAbandonedRuns;

/// <summary>
/// The periodic sweep (a recurring job on every node's shared queue): runs whose process died are marked
/// interrupted, so the dashboard says so even before their user starts another.
/// </summary>
public sealed record SweepAbandonedRuns : ICommand<int>;

public sealed class SweepAbandonedRunsHandler(IRepository<SyncRun> runs, ISyncJobQueue jobs, TimeProvider clock, AbandonedRunGrace grace)
    : ICommandHandler<SweepAbandonedRuns, int>
{
    public async ValueTask<int> Handle(SweepAbandonedRuns command, CancellationToken ct)
    {
        var ended = 0;
        var runsAreWaiting = jobs.RunsAreWaiting();
        foreach (var user in (await runs.ListAsync(new ActiveRuns(), ct)).Select(r => (r.OrgId, r.UserId)).Distinct().ToList())
            ended += await RunSweeper.EndAbandonedAsync(runs, user.OrgId, user.UserId, clock.GetUtcNow(), grace, runsAreWaiting, ct);
        return ended;
    }
}
