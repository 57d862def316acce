using Ardalis.Specification;
using NotesSync.Application.Common;
using NotesSync.Application.Crm;
using NotesSync.Application.Notes;
using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Sync.Engine;

/// <summary>Everything one run's modules share: who, with what settings, both sides, and where to record.</summary>
public sealed class SyncContext(
    SyncRun run, SyncProfile profile, INotesMailbox mailbox, ICrmGateway crm, IRepository<RecordLink> links,
    IRepository<SyncRun> runs, TimeProvider clock)
{
    public SyncRun Run => run;
    public SyncProfile Profile => profile;
    public SyncSettings Settings => profile.Settings;
    public string OrgId => run.OrgId;
    public string UserId => run.UserId;
    public INotesMailbox Mailbox => mailbox;
    public ICrmGateway Crm => crm;
    public IRepository<RecordLink> Links => links;
    public TimeProvider Clock => clock;
    public DateTimeOffset StartedAt { get; } = clock.GetUtcNow();
    public RunProgress Progress { get; } = new(run, clock);

    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(30);
    private DateTimeOffset _lastSave = clock.GetUtcNow();

    /// <summary>Saves links, counts, progress and checkpoints together (one unit of work for the whole run).</summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        await runs.SaveChangesAsync(ct);
        _lastSave = clock.GetUtcNow();
    }

    /// <summary>
    /// While a long read goes on (a first sync GETs every document), the run still says it is alive, so that no
    /// sweep takes it for dead (<see cref="RunSweeper.Grace"/>).
    /// </summary>
    public async Task HeartbeatAsync(CancellationToken ct)
    {
        if (clock.GetUtcNow() - _lastSave < HeartbeatEvery) return;
        Progress.Advance(0);
        await SaveAsync(ct);
    }
}

/// <summary>The run's progress and heartbeat: what the dashboard polls, and what tells a live run from a dead one.</summary>
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

public sealed class LinksOfModule : Specification<RecordLink>
{
    public LinksOfModule(string orgId, string userId, SyncModule module) =>
        Query.Where(l => l.OrgId == orgId && l.UserId == userId && l.Module == module);
}
