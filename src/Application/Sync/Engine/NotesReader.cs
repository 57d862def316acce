using NotesSync.Application.Notes;
using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Common;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// Reads the Notes side of a module: the module's list says what exists (deletions are never reported by DAS),
/// the data service's <c>since</c> what changed, and each changed document is read with one GET, several at once.
/// </summary>
internal sealed class NotesReader(SyncModuleDefinition module, INotesRecords notes, SyncContext ctx, LinkStore links)
{
    /// <summary>
    /// Reads on their way at once: more than Notes:MaxConcurrency (whose default is 4), so that the mailbox always has
    /// the next read waiting when one ends, and few enough that the documents held here stay a handful.
    /// </summary>
    private const int ReadsAhead = 16;

    public async Task<Result> ReadChangesAsync(SideReads reads, DateTimeOffset? since, CancellationToken ct)
    {
        var listed = await notes.ListAsync(ct);
        if (listed.IsFailure) return listed.Error!;
        reads.NotesListed = listed.Value.ToHashSet(StringComparer.Ordinal);
        reads.NotesDeleted.UnionWith(links.All.Select(l => l.NotesUnid).Where(unid => !reads.NotesListed.Contains(unid)));

        // Every document read from here on was read after this time, on Domino's clock.
        reads.NotesUnambiguousBefore = LinkVersions.NotesUnambiguousBefore(notes.ServerTime, ctx.StartedAt);
        IEnumerable<string> toRead = reads.NotesListed;
        if (since is { } from)
        {
            var changes = await notes.ChangedSinceAsync(from - Checkpoints.Overlap, ct);
            if (changes.IsFailure) return changes.Error!;
            // A document still at the version its link holds (read, or written by the last run) has not changed since:
            // the checkpoint's overlap and the last run's own writes bring such documents back, and they are not read.
            toRead = changes.Value
                .Where(c => reads.NotesListed.Contains(c.Unid) && !IsLinkedVersion(c, reads.NotesUnambiguousBefore))
                .Select(c => c.Unid)
                .Concat(Checkpoints.NotesToRetry(ctx.Profile, module.Module).Where(reads.NotesListed.Contains))
                .Distinct(StringComparer.Ordinal).ToList();
            reads.NotesNewest = changes.Value.Count > 0 ? changes.Value.Max(c => c.Modified) : null;
        }

        var firstRead = since is null;
        return await ReadAsync(toRead, (unid, document) =>
        {
            if (document is null) return;
            reads.Notes[unid] = NotesSide.Read(document, module);
            if (firstRead && (reads.NotesNewest is null || document.Modified > reads.NotesNewest)) reads.NotesNewest = document.Modified;
        }, ct);
    }

    /// <summary>Reads each document of <paramref name="unids"/> and gives it to <paramref name="onRead"/> (null: not there).</summary>
    public Task<Result> ReadAsync(IEnumerable<string> unids, Action<string, NotesRecord?> onRead, CancellationToken ct) =>
        Ordered.ForEachAsync(unids, ReadsAhead, Ordered.OnStop.CancelInFlight,
            (unid, token) => notes.GetAsync(unid, token),
            (unid, read) =>
            {
                if (read.IsFailure) return Task.FromResult<Result>(read.Error!);
                onRead(unid, read.Value);
                return Task.FromResult(Result.Success());
            },
            ct);

    /// <summary>
    /// The change list shows the document at the very version its link holds: the one last read (the link keeps only
    /// times that name one version), or the one NotesSync last wrote, whose time the link now keeps in its place when
    /// it names that version alone.
    /// </summary>
    private bool IsLinkedVersion(NotesChange change, DateTimeOffset unambiguousBefore)
    {
        if (links.ByUnid(change.Unid) is not { } link || !link.HoldsNotesVersion(change.Modified)) return false;
        links.NotesVersionSeen(link, LinkVersions.UnambiguousBefore(change.Modified, unambiguousBefore));
        return true;
    }
}
