using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// The links of one module of one run: loaded once, found by either side's id, changed only through here, and
/// saved explicitly a batch at a time (<see cref="SaveAsync"/>). Links are loaded untracked and each save hands the
/// store only what changed since the last one, so a save costs what its batch holds, not what the run has seen
/// (a 10,000-contact run once compared every link it tracked at every save).
/// </summary>
internal sealed class LinkStore(IRecordLinkStore store, string orgId, string userId, SyncModule module)
{
    private readonly Dictionary<string, RecordLink> _byUnid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RecordLink> _byCrmId = new(StringComparer.Ordinal);

    // The version each link has in the database: the concurrency check of its next save.
    private readonly Dictionary<Guid, int> _storedVersion = [];
    private readonly List<RecordLink> _added = [];
    private readonly Dictionary<Guid, RecordLink> _changed = [];
    private readonly List<RecordLink> _removed = [];

    public int Count => _byUnid.Count;
    public IEnumerable<RecordLink> All => _byUnid.Values;
    public int Unsaved => _added.Count + _changed.Count + _removed.Count;

    public async Task LoadAsync(CancellationToken ct)
    {
        foreach (var link in await store.LoadAsync(orgId, userId, module, ct))
        {
            _byUnid[link.NotesUnid] = link;
            _byCrmId[link.CrmId] = link;
            _storedVersion[link.Id] = link.Version;
        }
    }

    public RecordLink? ByUnid(string unid) => _byUnid.GetValueOrDefault(unid);
    public RecordLink? ByCrmId(string crmId) => _byCrmId.GetValueOrDefault(crmId);

    public RecordLink Add(
        string unid, string crmId, SyncedVersion synced, DateTimeOffset? notesModified, DateTimeOffset? crmModified,
        DateTimeOffset now, DateTimeOffset? notesWrittenAt)
    {
        var link = RecordLink.Link(orgId, userId, module, unid, crmId, synced, notesModified, crmModified, now, notesWrittenAt);
        _byUnid[unid] = link;
        _byCrmId[crmId] = link;
        _added.Add(link);
        return link;
    }

    /// <summary>Both sides now hold <paramref name="synced"/>, at these versions.</summary>
    public void Resync(
        RecordLink link, SyncedVersion synced, DateTimeOffset? notesModified, DateTimeOffset? crmModified,
        DateTimeOffset now, DateTimeOffset? notesWrittenAt)
    {
        link.Resynced(synced, notesModified, crmModified, now, notesWrittenAt);
        MarkChanged(link);
    }

    /// <summary>The version NotesSync wrote is now known by its own modification time.</summary>
    public void NotesVersionSeen(RecordLink link, DateTimeOffset? modified)
    {
        var before = link.Version;
        link.NotesVersionSeen(modified);
        if (link.Version != before) MarkChanged(link);
    }

    public void Remove(RecordLink link)
    {
        if (_byUnid.GetValueOrDefault(link.NotesUnid) == link) _byUnid.Remove(link.NotesUnid);
        if (_byCrmId.GetValueOrDefault(link.CrmId) == link) _byCrmId.Remove(link.CrmId);
        _changed.Remove(link.Id);
        if (!_added.Remove(link)) _removed.Add(link);
    }

    /// <summary>
    /// Saves what changed since the last save, with the run's report in the same unit of work (the store's port
    /// says so): a run that dies loses at most one batch of links, and the next run adopts what that batch wrote.
    /// </summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        var batch = new LinkBatch(
            [.. _added],
            [.. _changed.Values.Select(l => new StoredLink(l, _storedVersion[l.Id]))],
            [.. _removed.Select(l => new StoredLink(l, _storedVersion[l.Id]))]);
        await store.SaveAsync(batch, ct);

        foreach (var link in _added.Concat(_changed.Values)) _storedVersion[link.Id] = link.Version;
        foreach (var link in _removed) _storedVersion.Remove(link.Id);
        _added.Clear();
        _changed.Clear();
        _removed.Clear();
    }

    private void MarkChanged(RecordLink link)
    {
        // A link added since the last save is saved whole with the batch anyway.
        if (_storedVersion.ContainsKey(link.Id)) _changed[link.Id] = link;
    }
}
