using NotesSync.Application.Crm;
using NotesSync.Application.Notes;
using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Sync;

namespace NotesSync.Application.Sync.Engine;

/// <summary>A Notes document the run read, with its canonical values.</summary>
public sealed record NotesSide(NotesDocument Document, IReadOnlyDictionary<string, string?> Values)
{
    public string Unid => Document.Unid;
    public bool IsPrivate => Document.IsPrivate;

    /// <summary>The CRM id the document carries: written with it by NotesSync, so a lost answer is adopted, not copied.</summary>
    public string? CrmId => Document.Items.GetValueOrDefault(ModuleMapping.CrmIdItem)?.First is { Length: > 0 } id ? id : null;

    /// <summary>
    /// The side of a document read: its values, and of its items only the CRM id the sync looks for. A first sync
    /// holds every document of the mail file until it writes: the rest of a document (tens of items) is not kept.
    /// </summary>
    public static NotesSide Read(NotesDocument document, ModuleMapping map)
    {
        var values = map.FromNotes(document);
        var kept = document.Items.TryGetValue(ModuleMapping.CrmIdItem, out var crmId)
            ? new Dictionary<string, NotesItem>(1, StringComparer.Ordinal) { [ModuleMapping.CrmIdItem] = crmId }
            : NoItems;
        return new NotesSide(document with { Items = kept }, values);
    }

    private static readonly IReadOnlyDictionary<string, NotesItem> NoItems = new Dictionary<string, NotesItem>(0);
}

/// <summary>A CRM record the run read, with its canonical values.</summary>
public sealed record CrmSide(CrmRecord Record, IReadOnlyDictionary<string, string?> Values, bool IsPrivate)
{
    public string Id => Record.Id;

    /// <summary>The side of a record read: its values, its private tag, and of the record what the sync needs besides.</summary>
    public static CrmSide Read(CrmRecord record, ModuleMapping map) =>
        new(record with { Fields = NoFields }, map.FromCrm(record),
            record.Tags.Contains(ModuleMapping.PrivateTag, StringComparer.OrdinalIgnoreCase));

    private static readonly IReadOnlyDictionary<string, string?> NoFields = new Dictionary<string, string?>(0);
}

/// <summary>
/// One pair the run must decide: each side read (changed or new), deleted, or neither (unchanged since the link,
/// so not read at all), and the link when NotesSync already knows them as one.
/// </summary>
public sealed record Pair(NotesSide? Notes, bool NotesDeleted, CrmSide? Crm, bool CrmDeleted, RecordLink? Link)
{
    public string NotesId => Notes?.Unid ?? Link?.NotesUnid ?? "";
    public string CrmId => Crm?.Id ?? Link?.CrmId ?? "";

    /// <summary>The Notes side as the domain sees it: read, deleted, not read although linked, or absent.</summary>
    public SideState NotesState => Notes is { } n ? SideState.Present(n.Values, n.IsPrivate)
        : NotesDeleted ? SideState.Deleted : Link is null ? SideState.Absent : SideState.Unread;

    public SideState CrmState => Crm is { } c ? SideState.Present(c.Values, c.IsPrivate)
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
