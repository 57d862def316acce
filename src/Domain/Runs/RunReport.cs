using NotesSync.Domain.Profiles;

namespace NotesSync.Domain.Runs;

public enum SyncSide
{
    Notes,
    Crm,
}

/// <summary>What one direction of a module wrote.</summary>
public sealed record DirectionCounts(int Created = 0, int Updated = 0, int Deleted = 0);

/// <summary>The dashboard's numbers for one module of a run (api.md "Sync runs").</summary>
public sealed record ModuleCounts(
    DirectionCounts ToCrm,
    DirectionCounts ToNotes,
    int Unchanged = 0,
    int SkippedPrivate = 0,
    int Conflicts = 0,
    int Failed = 0,
    int SkippedOwnedByColleague = 0)
{
    public static ModuleCounts Empty { get; } = new(new DirectionCounts(), new DirectionCounts());

    /// <summary>One more record the run could not sync (its write failed, or it changed during the sync).</summary>
    public ModuleCounts WithFailure() => this with { Failed = Failed + 1 };
}

public sealed record ConflictField(string Name, string? NotesValue, string? CrmValue);

/// <summary>
/// A field changed on both sides to different values: the winner's value was kept and the losing one is here,
/// so nothing is lost silently.
/// </summary>
public sealed record ConflictEntry(
    SyncModule Module, string NotesId, string CrmId, SyncSide Winner, IReadOnlyList<ConflictField> Fields,
    IReadOnlyDictionary<string, string?> LosingVersion);

/// <summary>One record the run could not sync, and why; the rest of the run went on.</summary>
public sealed record RecordFailure(SyncModule Module, SyncSide Side, string Id, string Code, string Message);

/// <summary>
/// One item the run left alone for a reason the user can act on (a Notes contact whose e-mail belongs to a colleague's
/// CRM contact: the admin can hand the record over). Named by the user's own Notes id and, for a contact, its e-mail:
/// nothing of the colleague's record is shown.
/// </summary>
public sealed record SkippedItem(SyncModule Module, string NotesId, string Code, string? Email);

public sealed record RunError(string Code, string Message);
