using Microsoft.Extensions.Options;
using NotesSync.Application.Sync;

namespace NotesSync.Infrastructure.Jobs;

/// <summary>
/// Each organisation's share of this node's sync workers (<see cref="JobsOptions.MaxSyncsPerOrganisation"/>), counted
/// in memory. Per node on purpose: what fairness shares out is a node's workers, and every node applies the same
/// share to its own, so no organisation holds all of any node's workers. A count in memory is exact (taking a slot
/// and starting are one step, with no race between nodes reading a shared count) and costs no query per run. An
/// organisation's total across the cluster grows with the nodes, as the cluster's capacity does; what bounds an
/// organisation's load on Zoho is Zoho's own per-organisation limit, not this.
/// </summary>
internal sealed class NodeOrganisationSyncSlots(IOptions<JobsOptions> options) : IOrganisationSyncSlots
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _taken = new(StringComparer.Ordinal);

    public IDisposable? TryTake(string orgId)
    {
        lock (_gate)
        {
            var taken = _taken.GetValueOrDefault(orgId);
            if (taken >= Math.Max(1, options.Value.MaxSyncsPerOrganisation)) return null;
            _taken[orgId] = taken + 1;
        }

        return new Slot(this, orgId);
    }

    private void Give(string orgId)
    {
        lock (_gate)
        {
            var left = _taken.GetValueOrDefault(orgId) - 1;
            if (left > 0) _taken[orgId] = left;
            else _taken.Remove(orgId);
        }
    }

    private sealed class Slot(NodeOrganisationSyncSlots slots, string orgId) : IDisposable
    {
        private int _given;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _given, 1) == 0) slots.Give(orgId);
        }
    }
}
