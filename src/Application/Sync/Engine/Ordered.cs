using NotesSync.Domain.Common;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// Calls to a side that are waiting, not work (DAS has no bulk read or write: one GET or PATCH per document), run a
/// few at once, while what follows each (the run's links, counts, the re-decision after a 412) is taken one at a
/// time, in the items' order, on the caller's flow. The side's adapter still holds what reaches the server to its
/// own limit (Notes:MaxConcurrency); this bounds what is started ahead of the item being taken.
/// </summary>
internal static class Ordered
{
    /// <summary>What is done with the calls already started when an outcome stops the loop.</summary>
    public enum OnStop
    {
        /// <summary>Reads: cancel them, nothing they bring back is wanted.</summary>
        CancelInFlight,

        /// <summary>Writes: let them end and take their outcomes, so that what they wrote is linked.</summary>
        TakeInFlight,
    }

    /// <summary>
    /// Starts <paramref name="call"/> for each item, at most <paramref name="ahead"/> started and not yet taken, and
    /// gives each outcome to <paramref name="take"/> in order. The first failure <paramref name="take"/> answers stops
    /// the loop (no item is started after it) and is returned.
    /// </summary>
    public static async Task<Result> ForEachAsync<TItem, TOutcome>(
        IEnumerable<TItem> items, int ahead, OnStop onStop,
        Func<TItem, CancellationToken, Task<TOutcome>> call, Func<TItem, TOutcome, Task<Result>> take, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var window = new Queue<(TItem Item, Task<TOutcome> Call)>();
        Result? stopped = null;
        try
        {
            using var next = items.GetEnumerator();
            while (true)
            {
                while (stopped is null && window.Count < ahead && next.MoveNext())
                    window.Enqueue((next.Current, call(next.Current, stop.Token)));
                if (!window.TryDequeue(out var head)) return stopped ?? Result.Success();

                var outcome = await head.Call;
                if (stopped is not null) await take(head.Item, outcome); // a write already sent: linked, never stopping twice
                else if (await take(head.Item, outcome) is { IsFailure: true } failed)
                {
                    stopped = failed;
                    if (onStop == OnStop.CancelInFlight) return stopped;
                }
            }
        }
        finally
        {
            // Whatever ended the loop (a failure, the run cancelled), no call outlives it unobserved.
            await stop.CancelAsync();
            foreach (var (_, inFlight) in window)
            {
                try
                {
                    await inFlight;
                }
                catch (Exception)
                {
                    // Cancelled or failed after the loop ended: the next run reads (or adopts) what it did.
                }
            }
        }
    }
}
