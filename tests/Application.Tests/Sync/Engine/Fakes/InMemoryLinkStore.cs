using NotesSync.Application.Common;
using NotesSync.Application.Sync;
using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Tests.Sync.Engine;

/// <summary>
/// The links as the database keeps them: only what a save handed over is stored, each save is kept in
/// <see cref="Saves"/> (to see what was saved, and when), and a change saved on a stale version fails as the real
/// store's concurrency check does.
/// </summary>
public sealed class InMemoryLinkStore : IRecordLinkStore
{
    private readonly Dictionary<Guid, (RecordLink Link, int Version)> _stored = [];

    /// <summary>Each save, in order: the pairs ("N1=C1") it added, changed and removed.</summary>
    public List<(string[] Added, string[] Changed, string[] Removed)> Saves { get; } = [];

    /// <summary>The pairs stored now, as "unid=crmId", sorted.</summary>
    public IReadOnlyList<string> Pairs(SyncModule module) =>
        [.. _stored.Values.Where(s => s.Link.Module == module).Select(s => PairOf(s.Link)).Order(StringComparer.Ordinal)];

    /// <summary>When set, saving throws: the process died (or lost its database) before the links were saved.</summary>
    public bool Unreachable { get; set; }

    public Task<IReadOnlyList<RecordLink>> LoadAsync(string orgId, string userId, SyncModule module, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<RecordLink>>(
            [.. _stored.Values.Select(s => s.Link).Where(l => l.OrgId == orgId && l.UserId == userId && l.Module == module)]);

    public Task SaveAsync(LinkBatch batch, CancellationToken ct)
    {
        if (Unreachable) throw new InvalidOperationException("The run died before its links were saved.");
        foreach (var stored in batch.Changed.Concat(batch.Removed))
            if (_stored[stored.Link.Id].Version != stored.StoredVersion)
                throw new PersistenceConflictException($"Link {PairOf(stored.Link)} changed meanwhile.", new InvalidOperationException());

        foreach (var removed in batch.Removed) _stored.Remove(removed.Link.Id);
        foreach (var link in batch.Added.Concat(batch.Changed.Select(c => c.Link))) _stored[link.Id] = (link, link.Version);
        Saves.Add(([.. batch.Added.Select(PairOf)], [.. batch.Changed.Select(c => PairOf(c.Link))], [.. batch.Removed.Select(r => PairOf(r.Link))]));
        return Task.CompletedTask;
    }

    private static string PairOf(RecordLink link) => $"{link.NotesUnid}={link.CrmId}";
}
