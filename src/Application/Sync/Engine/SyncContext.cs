using NotesSync.Application.Common;
using NotesSync.Application.Crm;
using NotesSync.Application.Notes;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Sync.Engine;

/// <summary>Everything one run's modules share: who, with what settings, both sides, and where to record.</summary>
public sealed class SyncContext(
    SyncRun run, SyncProfile profile, INotesMailbox mailbox, ICrmRecords crm, IRecordLinkStore links,
    IRepository<SyncRun> runs, RunLiveness liveness, TimeProvider clock, RunPlan? plan = null)
{
    public SyncRun Run => run;

    /// <summary>Where a preview writes its plan, and a run that applies one compares its own (null: neither).</summary>
    public RunPlan? Plan => plan;
    public SyncProfile Profile => profile;
    public SyncSettings Settings => profile.Settings;
    public string OrgId => run.OrgId;
    public string UserId => run.UserId;
    public INotesMailbox Mailbox => mailbox;
    public ICrmRecords Crm => crm;
    public IRecordLinkStore Links => links;
    public TimeProvider Clock => clock;
    public DateTimeOffset StartedAt { get; } = clock.GetUtcNow();
    public RunProgress Progress { get; } = new(run, clock);

    /// <summary>
    /// Before each batch of writes: a run the sweep took for dead (its process seemed gone) must not write beside
    /// the run that may have replaced it. Throws <see cref="RunNoLongerCurrentException"/>.
    /// </summary>
    public Task EnsureStillCurrentAsync(CancellationToken ct) => liveness.EnsureStillCurrentAsync(ct);

    /// <summary>Saves the run's report and the profile's checkpoints (links are saved by their store).</summary>
    public Task SaveAsync(CancellationToken ct) => runs.SaveChangesAsync(ct);
}

/// <summary>The run's progress: what the dashboard polls.</summary>
public sealed class RunProgress(SyncRun run, TimeProvider clock)
{
    private int _done;
    private int _total;

    public void AddToTotal(int items)
    {
        _total += items;
        run.Progress(_done, _total, clock.GetUtcNow());
    }

    public void Advance(int items = 1)
    {
        _done += items;
        run.Progress(_done, _total, clock.GetUtcNow());
    }
}

/// <summary>The run was swept as dead (or ended elsewhere) while it ran: it stops without writing anything more.</summary>
public sealed class RunNoLongerCurrentException(Guid runId)
    : Exception($"Sync run {runId} is no longer running; it stops without writing more.");

/// <summary>
/// Keeps a running sync visibly alive: a timer writes its heartbeat every <see cref="Every"/> (a quarter of the
/// <see cref="AbandonedRunGrace"/>), whatever the run is doing (a first sync reading for minutes, Zoho throttling it),
/// so that the sweep, which ends runs whose heartbeat is older than that grace, only ever ends a run whose process is gone.
/// </summary>
public sealed class RunLiveness : IAsyncDisposable
{
    public static readonly TimeSpan Every = AbandonedRunGrace.Default.HeartbeatEvery;

    private readonly IRunHeartbeat _heartbeat;
    private readonly Guid _runId;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _every;
    private readonly Task _beating;
    private volatile bool _lost;

    public RunLiveness(IRunHeartbeat heartbeat, Guid runId, TimeProvider clock, TimeSpan? every = null)
    {
        (_heartbeat, _runId, _clock, _every) = (heartbeat, runId, clock, every ?? Every);
        _beating = BeatAsync(_stop.Token);
    }

    public async Task EnsureStillCurrentAsync(CancellationToken ct)
    {
        if (_lost || !await _heartbeat.BeatAsync(_runId, _clock.GetUtcNow(), ct))
        {
            _lost = true;
            throw new RunNoLongerCurrentException(_runId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _beating;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task BeatAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_every, _clock);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                if (!await _heartbeat.BeatAsync(_runId, _clock.GetUtcNow(), ct)) _lost = true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A missed beat (a database blip) is made up by the next one, well within the sweep's grace.
            }
        }
    }
}
