using NotesSync.Application.Notes;
using NotesSync.Domain.Common;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// Reads Notes documents for the engine. DAS reads no documents in bulk, so a first sync is one GET per document,
/// and those calls are waiting, not work: up to <see cref="Ahead"/> reads are started ahead of the one being taken,
/// the mailbox holds what reaches Domino to Notes:MaxConcurrency, and the documents are handed back one by one, in
/// order, on the caller's flow, so that what the caller does with them (its dictionaries, the run's heartbeat on
/// the unit of work) stays sequential.
/// </summary>
internal static class NotesReads
{
    /// <summary>
    /// Reads on their way at once: more than Notes:MaxConcurrency (whose default is 4), so that the mailbox always
    /// has the next read waiting when one ends, and few enough that the documents held here stay a handful.
    /// </summary>
    public const int Ahead = 16;

    /// <summary>
    /// Reads every document of <paramref name="unids"/> and gives each to <paramref name="onRead"/> (null: not there).
    /// The first failure stops the reads still in flight and is returned.
    /// </summary>
    public static async Task<Result> ForEachAsync(
        INotesMailbox mailbox, IEnumerable<string> unids, Func<string, NotesDocument?, Task> onRead, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var window = new Queue<(string Unid, Task<Result<NotesDocument?>> Read)>();
        try
        {
            using var next = unids.GetEnumerator();
            while (true)
            {
                while (window.Count < Ahead && next.MoveNext())
                    window.Enqueue((next.Current, mailbox.GetDocumentAsync(next.Current, stop.Token)));
                if (!window.TryDequeue(out var head)) return Result.Success();

                var read = await head.Read;
                if (read.IsFailure) return read.Error!;
                await onRead(head.Unid, read.Value);
            }
        }
        finally
        {
            // Whatever ended the loop, no read outlives it.
            await stop.CancelAsync();
            foreach (var (_, read) in window)
            {
                try
                {
                    await read;
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }
}
