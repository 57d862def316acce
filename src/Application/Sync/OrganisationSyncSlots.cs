namespace NotesSync.Application.Sync;

/// <summary>
/// Fairness between organisations on one node: how many of the node's sync workers one organisation may hold at once
/// (Jobs:MaxSyncsPerOrganisation, in Infrastructure). A run over its organisation's share is deferred, not run: its
/// worker is free at once for the runs queued behind it, another organisation's among them.
/// </summary>
public interface IOrganisationSyncSlots
{
    /// <summary>A slot of <paramref name="orgId"/>'s share, held until disposed; null when the share is all taken.</summary>
    IDisposable? TryTake(string orgId);
}
