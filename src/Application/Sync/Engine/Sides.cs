using NotesSync.Application.Crm;
using NotesSync.Application.Notes;
using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Sync;

namespace NotesSync.Application.Sync.Engine;

/// <summary>A Notes record the run read, with its values as the sync compares them.</summary>
public sealed record NotesSide(NotesRecord Record, IReadOnlyDictionary<string, string?> Values)
{
    public string Unid => Record.Unid;
    public bool IsPrivate => Record.IsPrivate;

    /// <summary>The CRM id the document carries: written with it by NotesSync, so a lost answer is adopted, not copied.</summary>
    public string? CrmId => Record.CrmId;

    /// <summary>Outside what the profile syncs (an event outside the range): left alone on both sides.</summary>
    public bool IsOutOfRange { get; init; }

    public static NotesSide Read(NotesRecord record, SyncModuleDefinition module)
    {
        var values = module.Canonical(record.Values);
        return new(record with { Values = NoValues }, values) { IsOutOfRange = module.IsOutOfRange(values) };
    }

    private static readonly IReadOnlyDictionary<string, string?> NoValues = new Dictionary<string, string?>(0);
}

/// <summary>A CRM record the run read, with its values as the sync compares them.</summary>
public sealed record CrmSide(CrmRecord Record, IReadOnlyDictionary<string, string?> Values)
{
    public string Id => Record.Id;
    public bool IsPrivate => Record.IsPrivate;

    /// <summary>Outside what the profile syncs (an event outside the range): left alone on both sides.</summary>
    public bool IsOutOfRange { get; init; }

    public static CrmSide Read(CrmRecord record, SyncModuleDefinition module)
    {
        var values = module.Canonical(record.Values);
        return new(record with { Values = NoValues }, values) { IsOutOfRange = module.IsOutOfRange(values) };
    }

    private static readonly IReadOnlyDictionary<string, string?> NoValues = new Dictionary<string, string?>(0);
}

/// <summary>
/// One pair the run must decide: each side read (changed or new), deleted, or neither (unchanged since the link,
/// so not read at all), and the link when NotesSync already knows them as one.
/// </summary>
public sealed record Pair(NotesSide? Notes, bool NotesDeleted, CrmSide? Crm, bool CrmDeleted, RecordLink? Link)
{
    public string NotesId => Notes?.Unid ?? Link?.NotesUnid ?? "";
    public string CrmId => Crm?.Id ?? Link?.CrmId ?? "";

    /// <summary>The CRM's side is a colleague's record (see <see cref="SideState.OwnedByColleague"/>); none of it is read.</summary>
    public bool CrmIsColleagues { get; init; }

    /// <summary>The Notes side as the domain sees it: read, deleted, not read although linked, or absent.</summary>
    public SideState NotesState => Notes is { } n ? SideState.Present(n.Values, n.IsPrivate, n.IsOutOfRange)
        : NotesDeleted ? SideState.Deleted : Link is null ? SideState.Absent : SideState.Unread;

    public SideState CrmState => CrmIsColleagues ? SideState.OwnedByColleague
        : Crm is { } c ? SideState.Present(c.Values, c.IsPrivate, c.IsOutOfRange)
        : CrmDeleted ? SideState.Deleted : Link is null ? SideState.Absent : SideState.Unread;

    /// <summary>What the domain decides for this pair under <paramref name="settings"/>.</summary>
    public PlannedPair Decide(SyncSettings settings) =>
        new(this, SyncDecision.Decide(NotesState, CrmState, Link, settings.Direction, settings.ConflictWinner));

    /// <summary>
    /// The pair decided again with a side as it is now (after a 412, or just before a deletion): the domain says
    /// whether <paramref name="planned"/> still stands (<see cref="SyncDecision.Redecide"/>).
    /// </summary>
    public PlannedPair Redecide(SyncPlanItem planned, SyncSettings settings) =>
        new(this, SyncDecision.Redecide(planned, NotesState, CrmState, Link, settings.Direction, settings.ConflictWinner));
}

/// <summary>A pair and what the domain decided for it.</summary>
public sealed record PlannedPair(Pair Pair, SyncPlanItem Item);
