using NotesSync.Domain.Links;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;
using static NotesSync.Domain.Tests.Sync.Pairs;

namespace NotesSync.Domain.Tests.Sync;

public class CountingTests
{
    private static readonly IReadOnlyDictionary<string, string?> None = Fields();
    private static readonly IReadOnlyDictionary<string, string?> Phone = Fields(("phone", "+33 6 00 00 00 01"));
    private static readonly ConflictField[] OneConflict = [new("lastName", "Dupont-Lefèvre", "Durand")];

    private static SyncPlanItem.Update Update(
        IReadOnlyDictionary<string, string?> toCrm, IReadOnlyDictionary<string, string?> toNotes, ConflictField[] conflicts) =>
        new(toCrm, toNotes, conflicts, SyncSide.Crm, conflicts.Length == 0 ? None : Zoe, SyncedVersion.Same(Zoe));

    public static TheoryData<string, SyncPlanItem, ModuleCounts> Decisions() => new()
    {
        { "unchanged", new SyncPlanItem.Skip(SkipReason.Unchanged), Counts(unchanged: 1) },
        { "private", new SyncPlanItem.Skip(SkipReason.Private), Counts(skippedPrivate: 1) },
        { "turned private, stops syncing", new SyncPlanItem.StopSyncing(SkipReason.Private), Counts(skippedPrivate: 1) },
        { "changed during the sync", new SyncPlanItem.Skip(SkipReason.ChangedDuringSync), Counts(failed: 1) },
        { "out of range", new SyncPlanItem.Skip(SkipReason.OutOfRange), Counts() },
        { "direction forbids", new SyncPlanItem.Skip(SkipReason.DirectionForbids), Counts() },
        { "both gone", new SyncPlanItem.Skip(SkipReason.BothGone), Counts() },
        { "created in the CRM", new SyncPlanItem.CreateInCrm(Zoe), Counts(toCrm: new(Created: 1)) },
        { "created in Notes", new SyncPlanItem.CreateInNotes(Zoe), Counts(toNotes: new(Created: 1)) },
        { "updated in the CRM", Update(Phone, None, []), Counts(toCrm: new(Updated: 1)) },
        { "updated in Notes", Update(None, Phone, []), Counts(toNotes: new(Updated: 1)) },
        { "updated both ways", Update(Phone, Phone, []), Counts(toCrm: new(Updated: 1), toNotes: new(Updated: 1)) },
        { "a conflict written", Update(Phone, None, OneConflict), Counts(toCrm: new(Updated: 1), conflicts: 1) },
        { "a conflict not written", Update(None, None, OneConflict), Counts(unchanged: 1, conflicts: 1) },
        { "re-linked only", Update(None, None, []), Counts(unchanged: 1) },
        { "deleted in the CRM", new SyncPlanItem.DeleteInCrm(), Counts(toCrm: new(Deleted: 1)) },
        { "deleted in Notes", new SyncPlanItem.DeleteInNotes(), Counts(toNotes: new(Deleted: 1)) },
        { "unlinked", new SyncPlanItem.Unlink(), Counts() },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Each_decision_adds_to_the_dashboards_numbers_where_it_belongs(
        string decision, SyncPlanItem item, ModuleCounts expected)
    {
        Assert.True(expected == item.CountInto(ModuleCounts.Empty), decision);
    }

    [Fact]
    public void Counting_adds_to_what_the_run_counted_before()
    {
        var counts = ModuleCounts.Empty;

        counts = new SyncPlanItem.CreateInCrm(Zoe).CountInto(counts);
        counts = new SyncPlanItem.CreateInCrm(Zoe).CountInto(counts);
        counts = new SyncPlanItem.Skip(SkipReason.Unchanged).CountInto(counts);

        Assert.Equal(Counts(toCrm: new(Created: 2), unchanged: 1), counts);
    }

    private static ModuleCounts Counts(
        DirectionCounts? toCrm = null, DirectionCounts? toNotes = null, int unchanged = 0, int skippedPrivate = 0,
        int conflicts = 0, int failed = 0) =>
        new(toCrm ?? new DirectionCounts(), toNotes ?? new DirectionCounts(), unchanged, skippedPrivate, conflicts, failed);
}
