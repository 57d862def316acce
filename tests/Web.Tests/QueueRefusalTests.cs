using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NotesSync.Application.Sync;

namespace NotesSync.Web.Tests;

/// <summary>
/// The job store refusing a sync's job (its database out of connections, as 200 users pressing "Start sync" at once
/// on PostgreSQL did in the many-users benchmark) answers 503, and leaves no queued run behind to block the user's
/// next press until the sweep gave up on it.
/// </summary>
public class QueueRefusalTests
{
    private sealed class StoreOutOfConnections : DbException
    {
        public override bool IsTransient => true;
    }

    /// <summary>The host's own queue, refusing while <see cref="Down"/>.</summary>
    private sealed class FlakyQueue(ISyncJobQueue inner) : ISyncJobQueue
    {
        public static volatile bool Down;

        public void Enqueue(Guid runId)
        {
            if (Down) throw new StoreOutOfConnections();
            inner.Enqueue(runId);
        }

        public void Defer(Guid runId) => inner.Defer(runId);
        public bool RunsAreWaiting() => inner.RunsAreWaiting();
    }

    [Fact]
    public async Task A_start_the_job_store_refuses_is_a_503_and_the_next_start_runs_the_sync()
    {
        await using var h = await SyncHarness.StartAsync(testServices: services =>
        {
            var host = services.Single(d => d.ServiceType == typeof(ISyncJobQueue));
            services.Replace(ServiceDescriptor.Singleton<ISyncJobQueue>(provider =>
                new FlakyQueue((ISyncJobQueue)ActivatorUtilities.CreateInstance(provider, host.ImplementationType!))));
        });
        await h.SettingsAsync("twoWay", tasks: false);
        h.AddNotesContact("Zoë", "Dupont", "zoe@example.fr");

        FlakyQueue.Down = true;
        HttpResponseMessage refused;
        try
        {
            refused = await h.Admin.PostAsync(new Uri("/api/sync/runs", UriKind.Relative), null);
        }
        finally
        {
            FlakyQueue.Down = false;
        }

        await ProblemAssert.IsProblem(refused, HttpStatusCode.ServiceUnavailable, "service-unavailable");
        var runs = await h.Admin.GetFromJsonAsync<JsonElement>(new Uri("/api/sync/runs", UriKind.Relative));
        Assert.DoesNotContain(runs.EnumerateArray(), r => r.GetProperty("status").GetString() is "queued" or "running");

        var run = await h.SyncAsync();
        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal(1, SyncHarness.Count(run, "contacts", "toCrm.created"));
    }
}
