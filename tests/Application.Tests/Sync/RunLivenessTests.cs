using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NotesSync.Application.Sync;
using NotesSync.Application.Sync.Engine;
using NotesSync.Application.Sync.SweepAbandonedRuns;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Tests.Sync;

/// <summary>
/// A run that is alive looks alive, whatever it is doing; a run whose process is gone is ended within two minutes;
/// a run that was ended while it ran stops before it writes again.
/// </summary>
public class RunLivenessTests
{
    private sealed class RecordingHeartbeat(bool running = true) : IRunHeartbeat
    {
        private int _beats;

        public int Beats => Volatile.Read(ref _beats);

        public Task<bool> BeatAsync(Guid runId, DateTimeOffset now, CancellationToken ct)
        {
            Interlocked.Increment(ref _beats);
            return Task.FromResult(running);
        }

        public Task MarkUserSyncedAsync(string orgId, string userId, CancellationToken ct) => Task.CompletedTask;
    }

    [Fact]
    public async Task The_heartbeat_is_written_every_fifteen_seconds_without_the_run_doing_anything()
    {
        var clock = new FakeTimeProvider();
        var heartbeat = new RecordingHeartbeat();
        await using var liveness = new RunLiveness(heartbeat, Guid.NewGuid(), clock);

        for (var beat = 1; beat <= 3; beat++)
        {
            clock.Advance(TimeSpan.FromSeconds(15));
            await Eventually.HoldsAsync(() => heartbeat.Beats == beat, $"beat {beat}", TimeSpan.FromSeconds(10));
        }

        clock.Advance(TimeSpan.FromSeconds(14));
        await liveness.EnsureStillCurrentAsync(default);
        Assert.Equal(4, heartbeat.Beats); // three by the timer, one by the check before a write batch
    }

    [Fact]
    public async Task A_run_that_was_swept_stops_before_its_next_write_batch()
    {
        await using var liveness = new RunLiveness(new RecordingHeartbeat(running: false), Guid.NewGuid(), new FakeTimeProvider());

        await Assert.ThrowsAsync<RunNoLongerCurrentException>(() => liveness.EnsureStillCurrentAsync(default));
    }

    [Fact]
    public async Task A_run_whose_process_stopped_beating_is_interrupted_after_a_minute_and_not_before()
    {
        await using var host = new ApplicationHost();
        var run = await StartedRunAsync(host);

        host.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await host.SendAsync(new SweepAbandonedRuns()));

        host.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await host.SendAsync(new SweepAbandonedRuns()));
        var swept = await host.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == run));
        Assert.Equal((RunStatus.Failed, "interrupted"), (swept.Status, swept.Error?.Code));
    }

    [Fact]
    public async Task A_running_run_that_keeps_beating_is_never_swept_however_long_it_waits()
    {
        await using var host = new ApplicationHost();
        var run = await StartedRunAsync(host);
        var heartbeat = host.Service<IRunHeartbeat>();

        for (var i = 0; i < 20; i++) // five minutes, a Zoho throttle's worth
        {
            host.Clock.Advance(RunLiveness.Every);
            Assert.True(await heartbeat.BeatAsync(run, host.Clock.GetUtcNow(), default));
            Assert.Equal(0, await host.SendAsync(new SweepAbandonedRuns()));
        }

        host.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await host.SendAsync(new SweepAbandonedRuns()));
        Assert.False(await heartbeat.BeatAsync(run, host.Clock.GetUtcNow(), default)); // the run, ended, learns it
    }

    [Fact]
    public async Task A_queued_run_waits_for_a_worker_for_five_minutes_before_it_is_taken_for_lost()
    {
        await using var host = new ApplicationHost();
        var run = SyncRun.Queue("org-1", "u1", RunTrigger.Manual, host.Clock.GetUtcNow());
        await host.WithDbAsync(async db => { db.SyncRuns.Add(run); return await db.SaveChangesAsync(); });

        host.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, await host.SendAsync(new SweepAbandonedRuns()));
        host.Clock.Advance(TimeSpan.FromMinutes(1.1));
        Assert.Equal(1, await host.SendAsync(new SweepAbandonedRuns()));
    }

    [Fact]
    public async Task A_queued_run_is_not_taken_for_lost_while_runs_wait_in_the_queue_for_a_worker()
    {
        await using var host = new ApplicationHost();
        var run = SyncRun.Queue("org-1", "u1", RunTrigger.Manual, host.Clock.GetUtcNow());
        await host.WithDbAsync(async db => { db.SyncRuns.Add(run); return await db.SaveChangesAsync(); });
        // This host has no workers: what is enqueued waits, as behind a long queue on busy nodes.
        host.Service<ISyncJobQueue>().Enqueue(run.Id);

        host.Clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(0, await host.SendAsync(new SweepAbandonedRuns()));
        var waiting = await host.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id));
        Assert.Equal(RunStatus.Queued, waiting.Status);
    }

    private static async Task<Guid> StartedRunAsync(ApplicationHost host)
    {
        var run = SyncRun.Queue("org-1", "u1", RunTrigger.Manual, host.Clock.GetUtcNow());
        run.Start(host.Clock.GetUtcNow());
        await host.WithDbAsync(async db => { db.SyncRuns.Add(run); return await db.SaveChangesAsync(); });
        return run.Id;
    }
}
