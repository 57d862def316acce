namespace NotesSync.Infrastructure.Jobs;

/// <summary>Configuration section <c>Jobs</c>: the node's Hangfire workers (<c>Jobs:Storage</c> is read on its own).</summary>
public sealed class JobsOptions
{
    /// <summary>Hangfire's queue of sync runs, served by <see cref="SyncWorkers"/> workers on every node.</summary>
    public const string SyncQueue = "sync";

    /// <summary>The queue of short jobs: the sweep, users' scheduled turns (which only queue a run).</summary>
    public const string ShortQueue = "default";

    /// <summary>
    /// Syncs one node runs at once. A sync spends nearly all its time waiting on Domino and Zoho, not on the CPU, so
    /// many fit on a small node; the limits that matter are Domino's (Notes:MaxConcurrencyPerServer) and Zoho's.
    /// </summary>
    public int SyncWorkers { get; set; } = 20;

    /// <summary>Workers of the short jobs' own server, so that a sweep never waits behind syncs.</summary>
    public int ShortJobWorkers { get; set; } = 2;

    /// <summary>
    /// Of this node's <see cref="SyncWorkers"/>, how many one organisation's runs may hold at once: the rest stay free
    /// for the other organisations. Per node (see <see cref="NodeOrganisationSyncSlots"/>). An installation that serves
    /// one organisation sets it to <see cref="SyncWorkers"/>.
    /// </summary>
    public int MaxSyncsPerOrganisation { get; set; } = 10;

    /// <summary>How long a run over its organisation's share waits before a worker looks at it again.</summary>
    public TimeSpan SyncDeferral { get; set; } = TimeSpan.FromSeconds(15);
}
