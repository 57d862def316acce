namespace NotesSync.Application.Sync;

/// <summary>Automatic sync: a recurring job per user (Hangfire in Infrastructure), added, changed or removed with the settings.</summary>
public interface ISyncScheduler
{
    /// <summary>Runs the user's sync every <paramref name="everyMinutes"/> minutes, or never when null.</summary>
    void Schedule(string orgId, string userId, int? everyMinutes);

    /// <summary>Keeps the periodic sweep of abandoned runs scheduled (idempotent; called at start-up).</summary>
    void ScheduleSweep();

    /// <summary>Removes every automatic sync of the organisation (uninstall).</summary>
    void UnscheduleOrganisation(string orgId, IEnumerable<string> userIds);
}

/// <summary>Hands a queued run to the job engine (Hangfire in Infrastructure): whichever node's worker takes it runs it.</summary>
public interface ISyncJobQueue
{
    void Enqueue(Guid runId);

    /// <summary>Hands the run to the job engine again, a little later (Jobs:SyncDeferral): its worker is free meanwhile.</summary>
    void Defer(Guid runId);

    /// <summary>
    /// Whether runs wait in the queue for a free worker now (the nodes are busy): a queued run no worker has seen for
    /// a while may then be waiting its turn rather than lost.
    /// </summary>
    bool RunsAreWaiting();
}

/// <summary>A link as the database holds it: the version its next save is checked against.</summary>
public sealed record StoredLink(Domain.Links.RecordLink Link, int StoredVersion);

/// <summary>What one save of a run's links carries: links new to the database, changed, and gone.</summary>
public sealed record LinkBatch(
    IReadOnlyList<Domain.Links.RecordLink> Added, IReadOnlyList<StoredLink> Changed, IReadOnlyList<StoredLink> Removed);

/// <summary>
/// The record links of a running sync (EF Core in Infrastructure). Loaded untracked and saved a batch at a time, so
/// that a save's cost depends on its batch, not on every link the run has seen.
/// </summary>
public interface IRecordLinkStore
{
    /// <summary>The user's links of one module, none of them tracked.</summary>
    Task<IReadOnlyList<Domain.Links.RecordLink>> LoadAsync(
        string orgId, string userId, Domain.Profiles.SyncModule module, CancellationToken ct);

    /// <summary>
    /// Saves <paramref name="batch"/> in the unit of work of the run (the run's counts, conflicts and failures, and
    /// the profile's checkpoints are saved with it); afterwards none of its links is tracked. A link another run
    /// changed meanwhile fails the save with <c>PersistenceConflictException</c>.
    /// </summary>
    Task SaveAsync(LinkBatch batch, CancellationToken ct);
}

/// <summary>
/// The heartbeat of a running sync, written outside the run's unit of work (its own connection), so that a run
/// throttled for minutes still looks alive and a run swept as dead learns it before it writes again.
/// </summary>
public interface IRunHeartbeat
{
    /// <summary>Records that the run is alive now; false when it is no longer running (swept, or ended elsewhere).</summary>
    Task<bool> BeatAsync(Guid runId, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// A user's first finished sync marks their seat (Manage users then refuses to remove them), written on its own
    /// rather than through the organisation's account: every colleague's run ending at the same moment marks the same
    /// account, and a run that saved the whole account would lose that race and its own end with it. The account's
    /// version still moves, so a removal of the user decided before the mark fails as a conflict.
    /// </summary>
    Task MarkUserSyncedAsync(string orgId, string userId, CancellationToken ct);
}
