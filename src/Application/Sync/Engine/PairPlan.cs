using NotesSync.Domain.Links;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;

namespace NotesSync.Application.Sync.Engine;

public enum PlanKind
{
    Skip,
    CreateInCrm,
    CreateInNotes,
    Update,
    DeleteInCrm,
    DeleteInNotes,
    Unlink,
}

/// <summary>
/// What the engine must do for one record pair: the writes (canonical field values for each side), the conflicts
/// to log, and the values both sides hold afterwards, whose fingerprints the link keeps.
/// </summary>
public sealed record PairPlan(
    PlanKind Kind,
    SkipReason? Skip = null,
    IReadOnlyDictionary<string, string?>? ToCrm = null,
    IReadOnlyDictionary<string, string?>? ToNotes = null,
    IReadOnlyList<ConflictField>? Conflicts = null,
    SyncSide? Winner = null,
    SyncedVersion? Synced = null,
    IReadOnlyDictionary<string, string?>? LosingVersion = null)
{
    public static PairPlan Skipped(SkipReason reason) => new(PlanKind.Skip, reason);
}
