using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace NotesSync.Infrastructure.Domino;

/// <summary>
/// The calls this node has in flight to each Domino server, across every user's sync (<see cref="DominoOptions.MaxConcurrencyPerServer"/>).
/// A company's users share one server: with many syncs at once (Jobs:SyncWorkers) each sending
/// <see cref="DominoOptions.MaxConcurrency"/> calls, the server would otherwise see them all at once. Counted per
/// node, in memory: N nodes send at most N times the limit (a count in the database would cost a round trip per call).
/// </summary>
internal sealed class DominoServerLimits(IOptions<DominoOptions> options)
{
    // One gate per server (scheme, host and port), kept for the process's life: a node talks to a few servers.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for a free slot on <paramref name="server"/>'s gate; dispose the answer when the call is over.</summary>
    public async Task<IDisposable> EnterAsync(Uri server, CancellationToken ct)
    {
        var gate = _gates.GetOrAdd(server.GetLeftPart(UriPartial.Authority),
            _ => new SemaphoreSlim(Math.Max(1, options.Value.MaxConcurrencyPerServer)));
        await gate.WaitAsync(ct);
        return new Slot(gate);
    }

    private sealed class Slot(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
