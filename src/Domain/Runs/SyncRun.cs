using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Domain.Runs;

public enum RunStatus
{
    Queued,
    Running,
    Succeeded,
    PartiallySucceeded,
    Failed,

    /// <summary>A preview that read and decided everything and wrote nothing (its plan is kept).</summary>
    Previewed,
}

public enum RunTrigger
{
    Manual,
    Scheduled,
}

/// <summary>One sync of one user: its progress while it runs and, after, what it did (the dashboard).</summary>
public sealed class SyncRun : AggregateRoot
{
    private Dictionary<SyncModule, ModuleCounts> _modules = [];
    private List<ConflictEntry> _conflicts = [];
    private List<RecordFailure> _failures = [];
    private List<SkippedItem> _skipped = [];
    private List<RecordFailure> _warnings = [];

    private SyncRun() { }

    public string UserId { get; private set; } = "";
    public RunStatus Status { get; private set; }
    public RunTrigger Trigger { get; private set; }
    public DateTimeOffset QueuedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public DateTimeOffset? HeartbeatAt { get; private set; }
    public int ProgressDone { get; private set; }
    public int ProgressTotal { get; private set; }
    public RunError? Error { get; private set; }

    /// <summary>A preview: reads both sides and decides every pair as a run would, and writes nothing anywhere.</summary>
    public bool IsPreview { get; private set; }

    /// <summary>The preview this run applies ("Apply this preview"): it re-reads and re-decides, and counts what changed.</summary>
    public Guid? AppliesPreview { get; private set; }

    /// <summary>Of an applying run: how many of its actions differ from the preview's (the data moved in between).</summary>
    public int? DifferencesFromPreview { get; private set; }

    /// <summary>
    /// Set while the run is queued or running, null after. A unique index on it is how the database, not a lock
    /// in one process, keeps each user to one active run across every node.
    /// </summary>
    public string? ActiveUserKey { get; private set; }

    public IReadOnlyDictionary<SyncModule, ModuleCounts> Modules => _modules;
    public IReadOnlyList<ConflictEntry> Conflicts => _conflicts;
    public IReadOnlyList<RecordFailure> Failures => _failures;
    public IReadOnlyList<SkippedItem> Skipped => _skipped;

    /// <summary>Records synced all the same, with something the user should know (a value shortened): no failure.</summary>
    public IReadOnlyList<RecordFailure> Warnings => _warnings;

    public bool IsActive => Status is RunStatus.Queued or RunStatus.Running;

    public static string ActiveKeyOf(string orgId, string userId) => $"{orgId}/{userId}";

    public static SyncRun Queue(
        string orgId, string userId, RunTrigger trigger, DateTimeOffset now, bool preview = false, Guid? applies = null) => new()
    {
        OrgId = Guard.NotBlank(orgId, nameof(orgId), 64),
        UserId = Guard.NotBlank(userId, nameof(userId), 64),
        Status = RunStatus.Queued,
        Trigger = trigger,
        QueuedAt = now,
        ActiveUserKey = ActiveKeyOf(orgId, userId),
        IsPreview = preview,
        AppliesPreview = preview ? null : applies,
    };

    public void DifferedFromPreview(int differences)
    {
        DifferencesFromPreview = differences;
        Touch();
    }

    public void Start(DateTimeOffset now)
    {
        if (Status != RunStatus.Queued) throw new InvalidOperationException($"A {Status} run cannot start.");
        Status = RunStatus.Running;
        StartedAt = now;
        HeartbeatAt = now;
        Touch();
    }

    public void Progress(int done, int total, DateTimeOffset now)
    {
        ProgressDone = Math.Max(0, done);
        ProgressTotal = Math.Max(ProgressDone, total);
        HeartbeatAt = now;
        Touch();
    }

    public void Count(SyncModule module, Func<ModuleCounts, ModuleCounts> change)
    {
        _modules[module] = change(_modules.GetValueOrDefault(module, ModuleCounts.Empty));
        _modules = new Dictionary<SyncModule, ModuleCounts>(_modules);
        Touch();
    }

    public void RecordConflict(ConflictEntry conflict)
    {
        _conflicts = [.. _conflicts, conflict];
        Touch();
    }

    public void RecordFailure(RecordFailure failure)
    {
        _failures = [.. _failures, failure];
        Touch();
    }

    /// <summary>An item left alone for a reason the user can act on; it does not make the run partial.</summary>
    public void RecordSkipped(SkippedItem skipped)
    {
        _skipped = [.. _skipped, skipped];
        Touch();
    }

    public void RecordWarning(RecordFailure warning)
    {
        _warnings = [.. _warnings, warning];
        Touch();
    }

    /// <summary>Everything was attempted: any per-record failure makes the run partial, not failed; a preview is previewed.</summary>
    public void Finish(DateTimeOffset now)
    {
        EnsureActive();
        Status = IsPreview ? RunStatus.Previewed : _failures.Count == 0 ? RunStatus.Succeeded : RunStatus.PartiallySucceeded;
        Close(now);
    }

    /// <summary>A whole side failed: the run stops and says why.</summary>
    public void Fail(string code, string message, DateTimeOffset now)
    {
        EnsureActive();
        Error = new RunError(code, message);
        Status = RunStatus.Failed;
        Close(now);
    }

    /// <summary>
    /// A worker took the queued run and put it back for later (its organisation holds its share of the node's sync
    /// workers). The run stays queued; its heartbeat says a worker saw it, so the sweep does not take it for lost.
    /// </summary>
    public void Defer(DateTimeOffset now)
    {
        if (Status != RunStatus.Queued) throw new InvalidOperationException($"A {Status} run cannot be deferred.");
        HeartbeatAt = now;
        Touch();
    }

    /// <summary>
    /// A queued run no worker has seen for longer than <paramref name="grace"/> since it was queued or last deferred:
    /// its job was lost (an in-memory queue on a node that stopped).
    /// </summary>
    public bool IsLostInQueue(DateTimeOffset now, TimeSpan grace) =>
        Status == RunStatus.Queued && (HeartbeatAt ?? QueuedAt) + grace < now;

    /// <summary>Whether the process running this run has stopped beating for longer than <paramref name="grace"/>.</summary>
    public bool IsAbandoned(DateTimeOffset now, TimeSpan grace) =>
        Status == RunStatus.Running && HeartbeatAt + grace < now;

    public void MarkInterrupted(DateTimeOffset now) =>
        Fail("interrupted", "The server running this sync stopped; the next run resumes where it left off.", now);

    private void EnsureActive()
    {
        if (!IsActive) throw new InvalidOperationException($"The run has already ended ({Status}).");
    }

    private void Close(DateTimeOffset now)
    {
        FinishedAt = now;
        ActiveUserKey = null;
        Touch();
    }
}
