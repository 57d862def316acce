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
}
