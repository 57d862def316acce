using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;

namespace NotesSync.Domain.Tests.Sync;

/// <summary>
/// Contacts and links the sync decision tests are written with. These build inputs only: every expected outcome is
/// written out by hand in the test that checks it.
/// </summary>
internal static class Pairs
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public static IReadOnlyDictionary<string, string?> Zoe { get; } = Fields(
        ("firstName", "Zoë"), ("lastName", "Dupont"), ("email", "zoe@acme.example"), ("phone", "+33 1 23 45 67 89"));

    public static IReadOnlyDictionary<string, string?> Nothing { get; } = Fields();

    public static Dictionary<string, string?> Fields(params (string Name, string? Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);

    public static Dictionary<string, string?> With(this IReadOnlyDictionary<string, string?> fields, string name, string? value) =>
        new(fields, StringComparer.Ordinal) { [name] = value };

    public static Dictionary<string, string?> Without(this IReadOnlyDictionary<string, string?> fields, string name)
    {
        var copy = new Dictionary<string, string?>(fields, StringComparer.Ordinal);
        copy.Remove(name);
        return copy;
    }

    public static SideState Present(IReadOnlyDictionary<string, string?> fields) => SideState.Present(fields);

    public static RecordLink LinkOf(IReadOnlyDictionary<string, string?> synced) => LinkOf(SyncedVersion.Same(synced));

    public static RecordLink LinkOf(SyncedVersion synced) =>
        RecordLink.Link("org-1", "u1", SyncModule.Contacts, "UNID1", "crm1", synced, Now, Now, Now);

    public static SyncPlanItem Decide(
        SideState notes, SideState crm, RecordLink? link, SyncDirection direction, ConflictWinner winner) =>
        SyncDecision.Decide(notes, crm, link, direction, winner);

    /// <summary>Orders one side's state and the other's as (notes, crm).</summary>
    public static (SideState Notes, SideState Crm) Arrange(SyncSide side, SideState onSide, SideState onOther) =>
        side == SyncSide.Notes ? (onSide, onOther) : (onOther, onSide);

    /// <summary>
    /// Asserts a decision is <paramref name="expected"/>. Records compare their dictionaries by reference, so a
    /// creation is compared by its type and field values.
    /// </summary>
    public static void AssertDecision(SyncPlanItem expected, SyncPlanItem actual)
    {
        switch (expected)
        {
            case SyncPlanItem.CreateInCrm create:
                Assert.Equal(create.Fields, Assert.IsType<SyncPlanItem.CreateInCrm>(actual).Fields);
                break;
            case SyncPlanItem.CreateInNotes create:
                Assert.Equal(create.Fields, Assert.IsType<SyncPlanItem.CreateInNotes>(actual).Fields);
                break;
            default:
                Assert.Equal(expected, actual);
                break;
        }
    }
}

/// <summary>
/// One pair kept in memory the way an engine would: both records, the link, and what each run wrote. Runs decide,
/// apply the decision's writes, and re-link with the fingerprints it returns.
/// </summary>
internal sealed class PairSimulation(SyncDirection direction, ConflictWinner winner)
{
    public Dictionary<string, string?>? Notes { get; private set; }
    public Dictionary<string, string?>? Crm { get; private set; }
    public RecordLink? Link { get; private set; }
    public List<ConflictEntry> ConflictLog { get; } = [];
    public int WritesToNotes { get; private set; }
    public int WritesToCrm { get; private set; }

    public static PairSimulation Linked(
        SyncDirection direction, ConflictWinner winner, IReadOnlyDictionary<string, string?> synced) =>
        Linked(direction, winner, SyncedVersion.Same(synced));

    public static PairSimulation Linked(SyncDirection direction, ConflictWinner winner, SyncedVersion synced) =>
        Linked(direction, winner, synced, synced.Notes, synced.Crm);

    /// <summary>A linked pair whose sides changed since <paramref name="synced"/>; null for a side deleted since.</summary>
    public static PairSimulation Linked(
        SyncDirection direction, ConflictWinner winner, SyncedVersion synced,
        IReadOnlyDictionary<string, string?>? notes, IReadOnlyDictionary<string, string?>? crm) =>
        new(direction, winner)
        {
            Notes = notes is null ? null : new(notes),
            Crm = crm is null ? null : new(crm),
            Link = Pairs.LinkOf(synced),
        };

    public static PairSimulation Unlinked(
        SyncDirection direction, ConflictWinner winner,
        IReadOnlyDictionary<string, string?>? notes, IReadOnlyDictionary<string, string?>? crm) =>
        new(direction, winner)
        {
            Notes = notes is null ? null : new(notes),
            Crm = crm is null ? null : new(crm),
        };

    public void EditNotes(string field, string? value) => Notes![field] = value;
    public void EditCrm(string field, string? value) => Crm![field] = value;

    public SyncPlanItem Run()
    {
        var item = SyncDecision.Decide(StateOf(Notes), StateOf(Crm), Link, direction, winner);
        Apply(item);
        return item;
    }

    private SideState StateOf(Dictionary<string, string?>? record) =>
        record is not null ? SideState.Present(new Dictionary<string, string?>(record))
        : Link is not null ? SideState.Deleted
        : SideState.Absent;

    private void Apply(SyncPlanItem item)
    {
        switch (item)
        {
            case SyncPlanItem.CreateInCrm create:
                Crm = new(create.Fields);
                WritesToCrm++;
                Link = Pairs.LinkOf(create.Synced);
                break;
            case SyncPlanItem.CreateInNotes create:
                Notes = new(create.Fields);
                WritesToNotes++;
                Link = Pairs.LinkOf(create.Synced);
                break;
            case SyncPlanItem.Update update:
                foreach (var (field, value) in update.ToCrm) Crm![field] = value;
                foreach (var (field, value) in update.ToNotes) Notes![field] = value;
                if (update.ToCrm.Count > 0) WritesToCrm++;
                if (update.ToNotes.Count > 0) WritesToNotes++;
                if (update.ConflictEntryFor(SyncModule.Contacts, "UNID1", "crm1") is { } conflict) ConflictLog.Add(conflict);
                if (Link is null) Link = Pairs.LinkOf(update.Synced);
                else Link.Resynced(update.Synced, Pairs.Now, Pairs.Now, Pairs.Now);
                break;
            case SyncPlanItem.DeleteInCrm:
                Crm = null;
                WritesToCrm++;
                Link = null;
                break;
            case SyncPlanItem.DeleteInNotes:
                Notes = null;
                WritesToNotes++;
                Link = null;
                break;
            case SyncPlanItem.Unlink:
                Link = null;
                break;
        }
    }
}
