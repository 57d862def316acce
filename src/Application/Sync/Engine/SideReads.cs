using NotesSync.Application.Sync.Modules;

namespace NotesSync.Application.Sync.Engine;

/// <summary>What one module's run found on both sides since the checkpoints, filled by the read steps in turn.</summary>
internal sealed class SideReads(SyncModuleDefinition module)
{
    /// <summary>Documents read: changed since the checkpoint, or read as the counterpart of a CRM change.</summary>
    public Dictionary<string, NotesSide> Notes { get; } = new(StringComparer.Ordinal);

    /// <summary>Every document of the module's view: what exists in Notes (DAS reports no deletions).</summary>
    public HashSet<string> NotesListed { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Linked documents gone from the view, or gone when read.</summary>
    public HashSet<string> NotesDeleted { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CrmSide> Crm { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether the CRM was read whole (a first sync): every record of the module was seen, colleagues' included, so
    /// what the CRM holds needs no looking up.
    /// </summary>
    public bool CrmReadWhole { get; set; }

    /// <summary>CRM records other users own, seen by the reads or found by a lookup.</summary>
    public ColleagueRecords Colleagues { get; } = new(module);

    /// <summary>Linked CRM records the CRM reports deleted.</summary>
    public HashSet<string> CrmDeleted { get; } = new(StringComparer.Ordinal);

    /// <summary>The newest change each side showed, on its own clock: where its checkpoint moves to.</summary>
    public DateTimeOffset? NotesNewest { get; set; }

    public DateTimeOffset? CrmNewest { get; set; }

    /// <summary>
    /// The newest Modified_Time up to which the CRM's read has surely listed every change, on the CRM's clock
    /// (<see cref="Checkpoints.CrmListedThrough"/>): a position at or before it is settled.
    /// </summary>
    public DateTimeOffset? CrmListedThrough { get; set; }

    /// <summary>
    /// Set when records changed while the CRM's list was being paged through, so that some may have been passed over:
    /// none of those is older than this, and the checkpoint goes no further (<see cref="CrmReader"/>).
    /// </summary>
    public DateTimeOffset? CrmPassedOverFrom { get; set; }

    /// <summary>
    /// Domino's time before the documents were read: a document modified before it has a version its time names
    /// alone (<see cref="LinkVersions.UnambiguousBefore"/>).
    /// </summary>
    public DateTimeOffset NotesUnambiguousBefore { get; set; }
}
