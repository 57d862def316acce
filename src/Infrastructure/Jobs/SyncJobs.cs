using Hangfire;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesSync.Application.Sync;
using NotesSync.Application.Sync.ExecuteSyncRun;
using NotesSync.Application.Sync.StartScheduledSyncRun;
using NotesSync.Application.Sync.SweepAbandonedRuns;

namespace NotesSync.Infrastructure.Jobs;

/// <summary>What Hangfire runs: a queued sync, and a user's automatic sync turn. Each job gets its own scope.</summary>
public sealed class SyncJobs(IServiceScopeFactory scopes, ILogger<SyncJobs> logger)
{
    // A run resumes from its checkpoints after a crash, so Hangfire must not replay the job itself: the run would
    // already be marked interrupted and a fresh one is the user's (or the schedule's) to start.
    // Its own queue and workers (JobServers): many syncs at once, and never in the way of the short jobs below.
    [AutomaticRetry(Attempts = 0)]
    [Queue(JobsOptions.SyncQueue)]
    public async Task ExecuteAsync(Guid runId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ExecuteSyncRun(runId), ct);
    }

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SweepAbandonedRuns(), ct);
    }

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task StartScheduledAsync(string orgId, string userId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new StartScheduledSyncRun(orgId, userId), ct);
        if (result.Error is { Code: var code })
            logger.LogInformation("Automatic sync of {OrgId}/{UserId} not started: {Code}", orgId, userId, code);
    }
}

internal sealed class HangfireSyncJobQueue(IBackgroundJobClient jobs, JobStorage storage, IOptions<JobsOptions> options) : ISyncJobQueue
{
    public void Enqueue(Guid runId) => jobs.Enqueue<SyncJobs>(j => j.ExecuteAsync(runId, CancellationToken.None));

    /// <summary>A new job, due after Jobs:SyncDeferral, then queued behind whatever was queued meanwhile.</summary>
    public void Defer(Guid runId) =>
        jobs.Schedule<SyncJobs>(j => j.ExecuteAsync(runId, CancellationToken.None), options.Value.SyncDeferral);

    /// <summary>Runs in the sync queue that no worker has taken yet, on any node (the queue is the storage's).</summary>
    public bool RunsAreWaiting() => storage.GetMonitoringApi().EnqueuedCount(JobsOptions.SyncQueue) > 0;
}

/// <summary>One recurring Hangfire job per user with automatic sync on, named after the user.</summary>
internal sealed class HangfireSyncScheduler(IRecurringJobManager recurring) : ISyncScheduler
{
    public static string JobId(string orgId, string userId) => $"auto-sync:{orgId}:{userId}";

    /// <summary>The sweep of abandoned runs, every minute, once per cluster (Hangfire runs a recurring job once).</summary>
    public void ScheduleSweep() =>
        recurring.AddOrUpdate<SyncJobs>("sweep-abandoned-runs", j => j.SweepAsync(CancellationToken.None), Hangfire.Cron.Minutely());

    public void Schedule(string orgId, string userId, int? everyMinutes)
    {
        if (everyMinutes is not { } minutes)
        {
            recurring.RemoveIfExists(JobId(orgId, userId));
            return;
        }

        recurring.AddOrUpdate<SyncJobs>(JobId(orgId, userId), j => j.StartScheduledAsync(orgId, userId, CancellationToken.None), Cron(minutes));
    }

    public void UnscheduleOrganisation(string orgId, IEnumerable<string> userIds)
    {
        foreach (var userId in userIds) recurring.RemoveIfExists(JobId(orgId, userId));
    }

    /// <summary>
    /// Every N minutes as cron. Cron steps restart each hour (or day), so an N that does not divide 60 (or 1,440)
    /// runs on the nearest regular grid: "*/25" fires at :00, :25, :50. Over an hour, the whole hours are used.
    /// </summary>
    internal static string Cron(int minutes) => minutes switch
    {
        < 60 => $"*/{minutes} * * * *",
        >= 1440 => "0 0 * * *",
        _ => $"0 */{Math.Max(1, (int)Math.Round(minutes / 60.0))} * * *",
    };
}
