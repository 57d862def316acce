using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>Where an organisation's Zoho concurrency limit is counted (<c>Zoho:ConcurrencyScope</c>, ADR 0006).</summary>
public enum ZohoConcurrencyScope
{
    /// <summary>In this node's memory: right for one node (SQLite), N times the limit for N nodes.</summary>
    Node,

    /// <summary>In the shared database, as leased call slots: the limit holds however many nodes there are.</summary>
    Deployment,
}

/// <summary>
/// An organisation's Zoho concurrency limit (<see cref="ZohoOptions.MaxConcurrencyPerOrg"/>), shared by all its users'
/// syncs. Each node first queues its own callers in memory (at most the limit of them go further); with the
/// <see cref="ZohoConcurrencyScope.Deployment"/> scope each call then holds one of the organisation's call slots in
/// the database while it is sent, so all nodes together never send more than the limit (ADR 0006). Only one caller per
/// node and organisation waits for a slot at a time, polling the database with a growing pause, so a saturated
/// organisation costs each node a few queries a second whatever its number of waiting syncs; and a call that ends
/// while that caller waits hands its slot straight to it (no database write, no pause) as long as the slot was taken
/// from the database less than <see cref="HandOffWindow"/> ago, after which it goes back there for the other nodes.
/// </summary>
internal sealed class ZohoConcurrency(
    IServiceScopeFactory scopes, IOptions<ZohoOptions> options, TimeProvider clock, ILogger<ZohoConcurrency> logger)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan HandOffWindow = TimeSpan.FromSeconds(1);

    private readonly string _node = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..12]}";
    private readonly ConcurrentDictionary<string, Gates> _orgs = new();
    private long _calls;

    public async Task<IAsyncDisposable> EnterAsync(string orgId, CancellationToken ct)
    {
        var limit = options.Value.MaxConcurrencyPerOrg;
        var gates = _orgs.GetOrAdd(orgId, _ => new Gates(limit));
        await gates.Local.WaitAsync(ct);
        if (options.Value.ConcurrencyScope != ZohoConcurrencyScope.Deployment) return new Slot(this, gates, orgId, lease: null);
        try
        {
            return new Slot(this, gates, orgId, await TakeSharedSlotAsync(orgId, limit, gates, ct));
        }
        catch
        {
            gates.Local.Release();
            throw;
        }
    }

    private async Task<Lease> TakeSharedSlotAsync(string orgId, int limit, Gates gates, CancellationToken ct)
    {
        await gates.Door.WaitAsync(ct);
        var handedOver = new TaskCompletionSource<Lease>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gates.Gate) gates.Waiter = handedOver;
        Lease? taken = null;
        try
        {
            var holder = $"{_node}#{Interlocked.Increment(ref _calls)}";
            var slotsChecked = false;
            for (var pause = FirstPause; ; pause = pause * 2 < LongestPause ? pause * 2 : LongestPause)
            {
                if (handedOver.Task.IsCompletedSuccessfully) return taken = handedOver.Task.Result;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var store = scope.ServiceProvider.GetRequiredService<ZohoCallSlotStore>();
                    var now = clock.GetUtcNow();
                    if (await store.TryTakeAsync(orgId, limit, holder, now, options.Value.CallSlotLease, ct))
                        return taken = new Lease(holder, now, RenewWhileHeld(orgId, holder));
                    // No free slot: all are held, or the organisation's slots were never added (its first call).
                    if (!slotsChecked)
                    {
                        slotsChecked = true;
                        if (await store.AddMissingAsync(orgId, limit, ct)) continue;
                    }
                }
                var jitter = TimeSpan.FromMilliseconds(Random.Shared.Next(0, 5));
                await Task.WhenAny(Task.Delay(pause + jitter, clock, ct), handedOver.Task);
                ct.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            lock (gates.Gate)
            {
                if (gates.Waiter == handedOver) gates.Waiter = null;
            }
            // Handed over after this caller took a slot of its own (or gave up): nobody else will free it.
            if (handedOver.Task.IsCompletedSuccessfully && !ReferenceEquals(handedOver.Task.Result, taken)) _ = FreeAsync(orgId, handedOver.Task.Result);
            gates.Door.Release();
        }
    }

    /// <summary>Gives a slot still in its hand-off window to this node's caller waiting for one; false when there is none.</summary>
    private bool TryHandOver(Gates gates, Lease lease)
    {
        if (clock.GetUtcNow() - lease.TakenAt >= HandOffWindow) return false;
        lock (gates.Gate)
        {
            if (gates.Waiter is not { } waiter) return false;
            gates.Waiter = null;
            return waiter.TrySetResult(lease);
        }
    }

    private ITimer RenewWhileHeld(string orgId, string holder)
    {
        var every = options.Value.CallSlotLease / 3;
        return clock.CreateTimer(_ => _ = RenewAsync(orgId, holder), null, every, every);
    }

    private async Task RenewAsync(string orgId, string holder)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ZohoCallSlotStore>()
                .RenewAsync(orgId, holder, clock.GetUtcNow() + options.Value.CallSlotLease, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not renew the Zoho call slot of {OrgId}; it is freed when its lease runs out", orgId);
        }
    }

    private async Task FreeAsync(string orgId, Lease lease)
    {
        await lease.Renewal.DisposeAsync();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ZohoCallSlotStore>().ReleaseAsync(orgId, lease.Holder, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not free the Zoho call slot of {OrgId}; it is freed when its lease runs out", orgId);
        }
    }

    /// <summary>
    /// The node's queue of an organisation's callers; the door one of them at a time waits at for a slot, and that
    /// caller's place for a slot handed over (under <see cref="Gate"/>).
    /// </summary>
    private sealed class Gates(int limit)
    {
        public SemaphoreSlim Local { get; } = new(limit);
        public SemaphoreSlim Door { get; } = new(1, 1);
        public Lock Gate { get; } = new();
        public TaskCompletionSource<Lease>? Waiter { get; set; }
    }

    /// <summary>A shared slot this node holds: its holder name, when it was taken from the database, its renewal.</summary>
    private sealed class Lease(string holder, DateTimeOffset takenAt, ITimer renewal)
    {
        public string Holder => holder;
        public DateTimeOffset TakenAt => takenAt;
        public ITimer Renewal => renewal;
    }

    /// <summary>A call's place: the node's, and the shared slot when there is one, handed over or freed at the end.</summary>
    private sealed class Slot(ZohoConcurrency owner, Gates gates, string orgId, Lease? lease) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            if (lease is not null && !owner.TryHandOver(gates, lease)) await owner.FreeAsync(orgId, lease);
            gates.Local.Release();
        }
    }
}
