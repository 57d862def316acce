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
/// <see cref="ZohoConcurrencyScope.Deployment"/> scope each call then takes one of the organisation's call slots in
/// the database for as long as it is sent, so all nodes together never send more than the limit (ADR 0006). Only one
/// caller per node and organisation waits on the database at a time, polling with a growing pause, so a saturated
/// organisation costs each node a few queries a second, whatever its number of waiting syncs.
/// </summary>
internal sealed class ZohoConcurrency(
    IServiceScopeFactory scopes, IOptions<ZohoOptions> options, TimeProvider clock, ILogger<ZohoConcurrency> logger)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(100);

    private readonly string _node = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..12]}";
    private readonly ConcurrentDictionary<string, Gates> _orgs = new();
    private long _calls;

    public async Task<IAsyncDisposable> EnterAsync(string orgId, CancellationToken ct)
    {
        var limit = options.Value.MaxConcurrencyPerOrg;
        var gates = _orgs.GetOrAdd(orgId, _ => new Gates(limit));
        await gates.Local.WaitAsync(ct);
        if (options.Value.ConcurrencyScope != ZohoConcurrencyScope.Deployment) return new Slot(this, gates.Local, orgId, holder: null);
        try
        {
            var holder = $"{_node}#{Interlocked.Increment(ref _calls)}";
            await TakeSharedSlotAsync(orgId, limit, gates.Door, holder, ct);
            return new Slot(this, gates.Local, orgId, holder);
        }
        catch
        {
            gates.Local.Release();
            throw;
        }
    }

    private async Task TakeSharedSlotAsync(string orgId, int limit, SemaphoreSlim door, string holder, CancellationToken ct)
    {
        await door.WaitAsync(ct);
        try
        {
            var slotsChecked = false;
            for (var pause = FirstPause; ; pause = pause * 2 < LongestPause ? pause * 2 : LongestPause)
            {
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var store = scope.ServiceProvider.GetRequiredService<ZohoCallSlotStore>();
                    if (await store.TryTakeAsync(orgId, limit, holder, clock.GetUtcNow(), options.Value.CallSlotLease, ct)) return;
                    // No free slot: all are held, or the organisation's slots were never added (its first call).
                    if (!slotsChecked)
                    {
                        slotsChecked = true;
                        if (await store.AddMissingAsync(orgId, limit, ct)) continue;
                    }
                }
                await Task.Delay(pause + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 5)), clock, ct);
            }
        }
        finally
        {
            door.Release();
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

    private async Task ReleaseAsync(string orgId, string holder)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ZohoCallSlotStore>().ReleaseAsync(orgId, holder, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not free the Zoho call slot of {OrgId}; it is freed when its lease runs out", orgId);
        }
    }

    /// <summary>The node's queue of an organisation's callers, and the door one of them at a time waits at for a slot.</summary>
    private sealed class Gates(int limit)
    {
        public SemaphoreSlim Local { get; } = new(limit);
        public SemaphoreSlim Door { get; } = new(1, 1);
    }

    /// <summary>A call's place: the node's, and the shared slot (renewed while the call lasts) when there is one.</summary>
    private sealed class Slot : IAsyncDisposable
    {
        private readonly ZohoConcurrency _owner;
        private readonly SemaphoreSlim _local;
        private readonly string _orgId;
        private readonly string? _holder;
        private readonly ITimer? _renewal;
        private int _released;

        public Slot(ZohoConcurrency owner, SemaphoreSlim local, string orgId, string? holder)
        {
            _owner = owner;
            _local = local;
            _orgId = orgId;
            _holder = holder;
            if (holder is not null) _renewal = owner.RenewWhileHeld(orgId, holder);
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            if (_renewal is not null) await _renewal.DisposeAsync();
            if (_holder is not null) await _owner.ReleaseAsync(_orgId, _holder);
            _local.Release();
        }
    }
}
