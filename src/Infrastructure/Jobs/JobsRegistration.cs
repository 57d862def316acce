using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Application.Sync;

namespace NotesSync.Infrastructure.Jobs;

internal static class JobsRegistration
{
    /// <summary>
    /// Hangfire's storage (<c>Jobs:Storage</c>): in memory for the embedded default, SQL Server or PostgreSQL for
    /// production, where every node's workers share one queue in the database (its own schema, <c>hangfire</c>, beside
    /// NotesSync's tables). The worker itself is the web host's to start.
    /// </summary>
    public static void AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new RunTimeLimit(configuration.GetValue("Sync:MaxRunDuration", RunTimeLimit.Default.MaxDuration)));
        services.AddSingleton(new AbandonedRunGrace(configuration.GetValue("Sync:AbandonedRunGrace", AbandonedRunGrace.Default.Running)));
        var kind = configuration["Jobs:Storage"] ?? "InMemory";
        JobStorage storage = kind.ToUpperInvariant() switch
        {
            "SQLSERVER" => new SqlServerStorage(configuration.GetConnectionString("NotesSync"), new SqlServerStorageOptions
            {
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.FromSeconds(5),
            }),
            "POSTGRES" => PostgresStorage(configuration.GetConnectionString("NotesSync"),
                configuration.GetValue("Jobs:InvisibilityTimeout", TimeSpan.FromMinutes(5))),
            "INMEMORY" => new Hangfire.InMemory.InMemoryStorage(),
            _ => throw new InvalidOperationException(
                $"Jobs:Storage '{kind}' is not supported: use InMemory, SqlServer or Postgres."),
        };
        // Hangfire's default activator is the process-wide JobActivator.Current, which every host's configuration sets
        // in turn: with several hosts in one process (the functional tests run many at once), a host could take
        // another's, build its jobs from that container and run them against that database, leaving its own run
        // queued for ever. Each host builds its jobs from its own container (Hangfire only adds its default if none is).
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, config) =>
        {
            HangfireLogging.Use(provider.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>());
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseLogProvider(new HangfireLogging());
        });
        // Hangfire keeps a process-wide "current" storage; each host registers its own instance instead, so two
        // hosts in one process (the functional tests) never take each other's jobs.
        services.AddSingleton(storage);

        services.Configure<JobsOptions>(configuration.GetSection("Jobs"));
        services.AddSingleton<IOrganisationSyncSlots, NodeOrganisationSyncSlots>();
        services.AddTransient<SyncJobs>();
        services.AddSingleton<ISyncJobQueue, HangfireSyncJobQueue>();
        services.AddSingleton<ISyncScheduler, HangfireSyncScheduler>();
    }

    /// <summary>
    /// A job a node took from the queue stays hidden from the other nodes while that node keeps it alive (the sliding
    /// timeout); a node that dies between taking a sync's job and starting the run stops keeping it alive, and after
    /// <paramref name="invisibilityTimeout"/> another node takes it and runs the sync. Without it the job stayed hidden
    /// for Hangfire's 30 minutes, and the run queued until the sweep ended it, unrun, as interrupted.
    /// </summary>
    private static PostgreSqlStorage PostgresStorage(string? connectionString, TimeSpan invisibilityTimeout)
    {
        var options = new PostgreSqlStorageOptions
        {
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromSeconds(5),
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = invisibilityTimeout,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}
