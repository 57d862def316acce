using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage;

namespace NotesSync.MultiNode.Tests;

/// <summary>One Hangfire job as the shared storage recorded it: what it ran, and on which servers it was processed.</summary>
internal sealed record JobExecution(string JobId, string Method, string? FirstArgument, string State, IReadOnlyList<string> ProcessedBy);

/// <summary>
/// The nodes' shared queue, read and triggered from outside as an operator's dashboard does: which recurring jobs
/// exist, "Trigger now" on one, and every job's history (each Processing state names the server that took it).
/// </summary>
internal sealed class SharedJobs(string connectionString)
{
    private readonly PostgreSqlStorage _storage = Storage(connectionString);

    /// <summary>Fires a recurring job now, as its schedule would: it is queued, and whichever node is free runs it.</summary>
    public string? Trigger(string recurringJobId) => new RecurringJobManager(_storage).TriggerJob(recurringJobId);

    /// <summary>The job's current state (Enqueued, Processing, Succeeded, Failed…).</summary>
    public string? StateOf(string jobId) => _storage.GetMonitoringApi().JobDetails(jobId)?.History is [var current, ..] ? current.StateName : null;

    /// <summary>The jobs being processed now, with the server processing each (a dead server's stay listed).</summary>
    public IReadOnlyList<(string? FirstArgument, string ServerId)> Processing() =>
        [.. _storage.GetMonitoringApi().ProcessingJobs(0, 1_000).Select(j => (j.Value.Job is { Args: [var first, ..] } ? first?.ToString() : null, j.Value.ServerId))];

    public IReadOnlyList<string> RecurringJobIds()
    {
        using var connection = _storage.GetConnection();
        return [.. connection.GetRecurringJobs().Select(j => j.Id)];
    }

    /// <summary>Every job of <see cref="Infrastructure.Jobs.SyncJobs"/> named <paramref name="method"/>, whatever its state.</summary>
    public IReadOnlyList<JobExecution> Executions(string method)
    {
        var api = _storage.GetMonitoringApi();
        // Every job by its id (PostgreSQL numbers them in order), whatever its state: the dashboard's lists by state
        // leave out some (a job a dead node held, put back in the queue).
        var ids = new List<string>();
        for (var (id, missing) = (1, 0); missing < 50; id++)
        {
            var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (api.JobDetails(key) is null)
            {
                missing++;
                continue;
            }
            ids.Add(key);
            missing = 0;
        }
        var executions = new List<JobExecution>();
        foreach (var id in ids)
        {
            var details = api.JobDetails(id);
            if (details?.Job is not { } job || job.Method.Name != method) continue;
            var processedBy = details.History
                .Where(s => s.StateName == "Processing")
                .Select(s => s.Data.TryGetValue("ServerId", out var server) ? server : "?")
                .ToList();
            var state = details.History is [var current, ..] ? current.StateName : "?";
            executions.Add(new JobExecution(id, method, job.Args is [var first, ..] ? first?.ToString() : null, state, processedBy));
        }
        return executions;
    }

    private static PostgreSqlStorage Storage(string connectionString)
    {
        // The nodes made the schema; this reader changes nothing of it.
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}
