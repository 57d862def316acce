using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;
using static NotesSync.Domain.Tests.Sync.Pairs;

namespace NotesSync.Domain.Tests.Sync;

/// <summary>
/// Two (or more) runs in a row over one pair kept in memory: each run's writes are applied and the pair re-linked
/// with the fingerprints the decision returned, as the engine does. A run with nothing changed must find nothing to do.
/// </summary>
public class ConsecutiveRunTests
{
    public static TheoryData<SyncDirection, ConflictWinner, string> Scenarios()
    {
        string[] scenarios =
        [
            "Notes edits a field", "the CRM edits a field", "each side edits another field",
            "both sides edit one field differently", "both sides edit one field alike", "Notes clears a field",
            "a first match with gaps and differences", "a first match with the same values",
            "a new Notes item", "a new CRM record",
        ];
        var data = new TheoryData<SyncDirection, ConflictWinner, string>();
        foreach (var direction in Directions)
            foreach (var winner in Winners)
                foreach (var scenario in scenarios)
                    data.Add(direction, winner, scenario);
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void A_rerun_with_nothing_changed_writes_nothing_and_a_linked_pair_decides_unchanged(
        SyncDirection direction, ConflictWinner winner, string scenario)
    {
        var pair = Set(scenario, direction, winner);
        pair.Run();
        var writesAfterFirstRun = (pair.WritesToNotes, pair.WritesToCrm);

        var second = pair.Run();

        Assert.Equal(writesAfterFirstRun, (pair.WritesToNotes, pair.WritesToCrm));
        if (pair.Link is not null) Assert.Equal(new SyncPlanItem.Skip(SkipReason.Unchanged), second);
        else Assert.Equal(new SyncPlanItem.Skip(SkipReason.DirectionForbids), second);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void A_one_way_profile_never_writes_to_the_side_it_reads_from_however_often_it_runs(
        SyncDirection direction, ConflictWinner winner, string scenario)
    {
        var pair = Set(scenario, direction, winner);

        pair.Run();
        pair.Run();

        if (!Writes(direction, SyncSide.Notes)) Assert.Equal(0, pair.WritesToNotes);
        if (!Writes(direction, SyncSide.Crm)) Assert.Equal(0, pair.WritesToCrm);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void A_two_way_profile_leaves_both_sides_with_the_same_values(
        SyncDirection direction, ConflictWinner winner, string scenario)
    {
        var pair = Set(scenario, direction, winner);

        pair.Run();

        if (direction != SyncDirection.TwoWay) return;
        foreach (var field in pair.Notes!.Keys.Union(pair.Crm!.Keys))
            Assert.Equal(pair.Notes.GetValueOrDefault(field)?.Trim() ?? "", pair.Crm.GetValueOrDefault(field)?.Trim() ?? "");
    }

    [Fact]
    public void A_one_way_profile_where_the_CRM_wins_settles_every_run_of_a_long_story()
    {
        var pair = PairSimulation.Linked(SyncDirection.NotesToCrm, ConflictWinner.Crm, Zoe);

        pair.EditCrm("phone", "+33 6 22 22 22 22");
        Assert.True(Assert.IsType<SyncPlanItem.Update>(pair.Run()).WritesNothing);
        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Unchanged), pair.Run());

        pair.EditNotes("email", "zoe.dupont@acme.example");
        Assert.Equal(Fields(("email", "zoe.dupont@acme.example")), Assert.IsType<SyncPlanItem.Update>(pair.Run()).ToCrm);
        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Unchanged), pair.Run());

        pair.EditNotes("phone", "+33 6 33 33 33 33");
        var conflict = Assert.IsType<SyncPlanItem.Update>(pair.Run());
        Assert.True(conflict.WritesNothing);
        Assert.Equal([new ConflictField("phone", "+33 6 33 33 33 33", "+33 6 22 22 22 22")], conflict.Conflicts);
        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Unchanged), pair.Run());

        Assert.Equal(0, pair.WritesToNotes);
        Assert.Single(pair.ConflictLog);
        Assert.Equal("+33 6 22 22 22 22", pair.Crm!["phone"]);
        Assert.Equal("zoe.dupont@acme.example", pair.Crm["email"]);
        Assert.Equal("+33 6 33 33 33 33", pair.Notes!["phone"]);
    }

    // Every way one field can stand: the sides agreed at the last sync or a one-way profile left them apart, and
    // each side left it, changed it (to one of two values, with or without white space) or cleared it.
    public static TheoryData<SyncDirection, ConflictWinner, bool, string?, string?> SingleFieldEdits()
    {
        string?[] edits = [null, "C", " C ", "D", ""];
        var data = new TheoryData<SyncDirection, ConflictWinner, bool, string?, string?>();
        foreach (var direction in Directions)
            foreach (var winner in Winners)
                foreach (var apart in new[] { false, true })
                    foreach (var notesEdit in edits)
                        foreach (var crmEdit in edits)
                            data.Add(direction, winner, apart, notesEdit, crmEdit);
        return data;
    }

    [Theory]
    [MemberData(nameof(SingleFieldEdits))]
    public void Any_edit_of_a_field_is_settled_in_one_run(
        SyncDirection direction, ConflictWinner winner, bool apart, string? notesEdit, string? crmEdit)
    {
        var pair = SingleField(direction, winner, apart, notesEdit, crmEdit);

        var first = pair.Run();
        var second = pair.Run();

        if (notesEdit is null && crmEdit is null) Assert.Equal(new SyncPlanItem.Skip(SkipReason.Unchanged), first);
        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Unchanged), second);
        if (direction == SyncDirection.TwoWay && (notesEdit is not null || crmEdit is not null || !apart))
            Assert.Equal(pair.Notes!["note"]?.Trim() ?? "", pair.Crm!["note"]?.Trim() ?? "");
    }

    [Theory]
    [MemberData(nameof(SingleFieldEdits))]
    public void Any_edit_of_a_field_is_written_only_where_the_profile_may_write(
        SyncDirection direction, ConflictWinner winner, bool apart, string? notesEdit, string? crmEdit)
    {
        var pair = SingleField(direction, winner, apart, notesEdit, crmEdit);

        var item = pair.Run();

        Assert.True(item is SyncPlanItem.Update or SyncPlanItem.Skip, $"a linked pair got {item}");
        if (item is not SyncPlanItem.Update update) return;
        if (!Writes(direction, SyncSide.Notes)) Assert.Empty(update.ToNotes);
        if (!Writes(direction, SyncSide.Crm)) Assert.Empty(update.ToCrm);
    }

    [Theory]
    [MemberData(nameof(SingleFieldEdits))]
    public void Any_edit_of_a_field_overwrites_only_a_value_both_sides_agreed_on_or_logs_the_one_it_overwrites(
        SyncDirection direction, ConflictWinner winner, bool apart, string? notesEdit, string? crmEdit)
    {
        var pair = SingleField(direction, winner, apart, notesEdit, crmEdit);
        var (notesBefore, crmBefore) = (pair.Notes!["note"], pair.Crm!["note"]);
        var link = pair.Link!;
        var agreed = link.FingerprintOf(SyncSide.Notes, "note") == link.FingerprintOf(SyncSide.Crm, "note");
        var crmHeldWhatWasAgreed = agreed && link.FingerprintOf(SyncSide.Crm, "note") is { } c && c.Matches(crmBefore);
        var notesHeldWhatWasAgreed = agreed && link.FingerprintOf(SyncSide.Notes, "note") is { } n && n.Matches(notesBefore);

        var item = pair.Run();

        if (item is not SyncPlanItem.Update update) return;
        var conflict = update.Conflicts.SingleOrDefault();
        if (update.ToCrm.ContainsKey("note"))
            Assert.True(crmHeldWhatWasAgreed || conflict?.CrmValue == crmBefore, "the CRM's own value was overwritten without a trace");
        if (update.ToNotes.ContainsKey("note"))
            Assert.True(notesHeldWhatWasAgreed || conflict?.NotesValue == notesBefore, "the Notes value was overwritten without a trace");
        if (conflict is not null)
            Assert.NotEqual(Fingerprint.Of(conflict.NotesValue), Fingerprint.Of(conflict.CrmValue));
    }

    private static PairSimulation SingleField(
        SyncDirection direction, ConflictWinner winner, bool apart, string? notesEdit, string? crmEdit)
    {
        var synced = apart
            ? new SyncedVersion(Zoe.With("note", "A"), Zoe.With("note", "B"))
            : SyncedVersion.Same(Zoe.With("note", "A"));
        var pair = PairSimulation.Linked(direction, winner, synced);
        if (notesEdit is not null) pair.EditNotes("note", notesEdit);
        if (crmEdit is not null) pair.EditCrm("note", crmEdit);
        return pair;
    }

    private static PairSimulation Set(string scenario, SyncDirection direction, ConflictWinner winner)
    {
        if (scenario.StartsWith("a first match", StringComparison.Ordinal))
        {
            var crm = scenario.EndsWith("differences", StringComparison.Ordinal)
                ? Zoe.With("phone", null).With("lastName", "Durand").With("title", "Directrice")
                : Zoe;
            return PairSimulation.Unlinked(direction, winner, Zoe, crm);
        }
        if (scenario == "a new Notes item") return PairSimulation.Unlinked(direction, winner, Zoe, null);
        if (scenario == "a new CRM record") return PairSimulation.Unlinked(direction, winner, null, Zoe);

        var pair = PairSimulation.Linked(direction, winner, Zoe);
        switch (scenario)
        {
            case "Notes edits a field":
                pair.EditNotes("phone", "+33 6 00 00 00 01");
                break;
            case "the CRM edits a field":
                pair.EditCrm("phone", "+33 6 00 00 00 01");
                break;
            case "each side edits another field":
                pair.EditNotes("phone", "+33 6 00 00 00 01");
                pair.EditCrm("email", "zoe.dupont@acme.example");
                break;
            case "both sides edit one field differently":
                pair.EditNotes("lastName", "Dupont-Lefèvre");
                pair.EditCrm("lastName", "Durand");
                break;
            case "both sides edit one field alike":
                pair.EditNotes("lastName", "Durand");
                pair.EditCrm("lastName", "Durand ");
                break;
            case "Notes clears a field":
                pair.EditNotes("phone", null);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "no such scenario");
        }
        return pair;
    }
}
