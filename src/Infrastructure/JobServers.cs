using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Infrastructure.Jobs;

namespace NotesSync.Infrastructure;

public static class JobServers
{
    /// <summary>
    /// The node's two Hangfire servers on the shared storage (Jobs:Storage): one for sync runs, with
    /// <see cref="JobsOptions.SyncWorkers"/> workers (syncs wait on Domino and Zoho, so many run at once), and a small
    /// one for short jobs, so that a sweep or a user's scheduled turn never waits behind a queue of syncs.
    /// </summary>
    public static IServiceCollection AddJobServers(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Jobs").Get<JobsOptions>() ?? new JobsOptions();
        // A deferred run is a scheduled job: the servers look for due ones at least as often as runs are deferred
        // (Hangfire's default, 15 s, at most; a tenth of a second at least, for the tests' short deferrals).
        var schedulePolling = TimeSpan.FromMilliseconds(Math.Clamp(options.SyncDeferral.TotalMilliseconds, 100, 15_000));
        services.AddHangfireServer(o =>
        {
            // Hangfire adds the process id and a unique suffix: the name only tells the two servers apart on a dashboard.
            o.ServerName = $"{Environment.MachineName}:sync";
            o.Queues = [JobsOptions.SyncQueue];
            o.WorkerCount = Math.Max(1, options.SyncWorkers);
            o.SchedulePollingInterval = schedulePolling;
        });
        services.AddHangfireServer(o =>
        {
            o.ServerName = $"{Environment.MachineName}:short";
            o.Queues = [JobsOptions.ShortQueue];
            o.WorkerCount = Math.Max(1, options.ShortJobWorkers);
            o.SchedulePollingInterval = schedulePolling;
        });
        return services;
    }
}
