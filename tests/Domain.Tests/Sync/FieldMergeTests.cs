using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;
using static NotesSync.Domain.Profiles.SyncDirection;
using static NotesSync.Domain.Tests.Sync.FieldOutcome;
using static NotesSync.Domain.Tests.Sync.FieldSituation;
using static NotesSync.Domain.Tests.Sync.LastSync;
using static NotesSync.Domain.Tests.Sync.Pairs;

namespace NotesSync.Domain.Tests.Sync;

/// <summary>
/// The field-level merge of a linked pair under a two-way profile. One-way profiles and sides they left apart:
/// <see cref="OneWayProfileTests"/>; first matches: <see cref="UnlinkedPairTests"/>.
/// </summary>
public class FieldMergeTests
{
    private static readonly Dictionary<string, FieldSituation> TwoWaySituations = new()
    {
        ["nobody changed it: skipped, the link stays"] =
            new(TwoWay, ConflictWinner.Crm, Agreed("Dupont"), "Dupont", "Dupont", Unchanged),
        ["white space added around it on both sides, a no-break space too: no change"] =
            new(TwoWay, ConflictWinner.Crm, Agreed("Dupont"), "  Dupont\t", "\u00A0Dupont ", Unchanged),
        ["left empty, now missing on one side and white space on the other: no change"] =
            new(TwoWay, ConflictWinner.Crm, Agreed(""), null, "  ", Unchanged),
        ["only Notes changed it: the CRM gets Notes' value, whoever wins conflicts"] =
            new(TwoWay, ConflictWinner.Crm, Agreed("Dupont"), "Dupont-Lefèvre", "Dupont",
                Writes(toCrm: LastName("Dupont-Lefèvre"))),
        ["only the CRM changed it: Notes gets the CRM's value, whoever wins conflicts"] =
            new(TwoWay, ConflictWinner.Notes, Agreed("Dupont"), "Dupont", "Durand", Writes(toNotes: LastName("Durand"))),
        ["only Notes changed its case: a change like any other"] =
            new(TwoWay, ConflictWinner.Crm, Agreed("Dupont"), "DUPONT", "Dupont", Writes(toCrm: LastName("DUPONT"))),
        ["Notes emptied it: the CRM is emptied"] =
            new(TwoWay, ConflictWinner.Crm, Agreed("Dupont"), "", "Dupont", Writes(toCrm: LastName(""))),
        ["the CRM record lost the field: Notes' value is cleared"] =
            new(TwoWay, ConflictWinner.Notes, Agreed("Dupont"), "Dupont", null, Writes(toNotes: LastName(null))),
        ["both sides changed it alike but for white space: nothing written, no conflict, the link moves on"] =
            new(TwoWay, ConflictWinner.Crm, Agreed("Dupont"), "Durand", " Durand ", WritesNothing()),
        ["both sides changed it differently and the CRM wins: Notes gets the CRM's value, Notes' is logged"] =
            new(TwoWay, ConflictWinner.Crm, Agreed("Dupont"), "Dupont-Lefèvre", "Durand",
                Writes(toNotes: LastName("Durand"), conflict: WonBy(SyncSide.Crm, "Dupont-Lefèvre"))),
        ["both sides changed it differently and Notes wins: the CRM gets Notes' value, the CRM's is logged"] =
            new(TwoWay, ConflictWinner.Notes, Agreed("Dupont"), "Dupont-Lefèvre", "Durand",
                Writes(toCrm: LastName("Dupont-Lefèvre"), conflict: WonBy(SyncSide.Notes, "Durand"))),
        ["Notes emptied it while the CRM changed it: a conflict, Notes wins and the CRM is emptied"] =
            new(TwoWay, ConflictWinner.Notes, Agreed("Dupont"), "", "Durand",
                Writes(toCrm: LastName(""), conflict: WonBy(SyncSide.Notes, "Durand"))),
        ["the mapping gained it and only Notes has a value: the CRM gets it"] =
            new(TwoWay, ConflictWinner.Crm, FieldNeverSynced, "Dupont", null, Writes(toCrm: LastName("Dupont"))),
        ["the mapping gained it and both sides hold the same value: nothing written, the link catches up"] =
            new(TwoWay, ConflictWinner.Crm, FieldNeverSynced, "Dupont", "Dupont ", WritesNothing()),
        ["the mapping gained it and both sides leave it empty: nothing written, the link catches up"] =
            new(TwoWay, ConflictWinner.Crm, FieldNeverSynced, null, "", WritesNothing()),
        ["the mapping gained it and the sides differ: a conflict the winner settles"] =
            new(TwoWay, ConflictWinner.Crm, FieldNeverSynced, "Dupont", "Durand",
                Writes(toNotes: LastName("Durand"), conflict: WonBy(SyncSide.Crm, "Dupont"))),
    };

    public static TheoryData<string> TwoWaySituationNames => new(TwoWaySituations.Keys);

    [Theory]
    [MemberData(nameof(TwoWaySituationNames))]
    public void A_two_way_profile_merges_a_field_and_a_second_run_finds_nothing_to_do(string situation) =>
        TwoWaySituations[situation].Check();

    // Both sides changed the field since it was "avant": values that compare the same need nothing, different ones
    // conflict (the CRM wins here). They compare as fingerprints do: trimmed, missing and empty alike, otherwise
    // ordinal, with no case or Unicode folding.
    [Theory]
    [InlineData("a dropped accent", "Zoë", "Zoe", false)]
    [InlineData("composed and decomposed accents", "Zoë", "Zoe\u0308", false)]
    [InlineData("ß and ss", "Straße", "Strasse", false)]
    [InlineData("case", "dupont", "Dupont", false)]
    [InlineData("no-break spaces around", "\u00A0Zoë\u00A0", "Zoë", true)]
    [InlineData("a trailing line break", "ligne 1\nligne 2", "ligne 1\nligne 2\n", true)]
    [InlineData("a line break and a space inside", "ligne 1\nligne 2", "ligne 1 ligne 2", false)]
    [InlineData("white space only and missing", "   ", null, true)]
    [InlineData("zero and empty", "0", "", false)]
    public void Two_values_are_the_same_only_when_they_differ_by_surrounding_white_space_at_most(
        string difference, string? notesValue, string? crmValue, bool same)
    {
        var update = Assert.IsType<SyncPlanItem.Update>(Decide(
            Present(Zoe.With("note", notesValue)), Present(Zoe.With("note", crmValue)), LinkOf(Zoe.With("note", "avant")),
            TwoWay, ConflictWinner.Crm));

        if (same)
        {
            Assert.True(update.WritesNothing, difference);
            Assert.Empty(update.Conflicts);
        }
        else
        {
            Assert.Equal(Fields(("note", crmValue)), update.ToNotes);
            Assert.Empty(update.ToCrm);
            Assert.Equal([new ConflictField("note", notesValue, crmValue)], update.Conflicts);
        }
    }

    [Fact]
    public void Different_fields_changed_on_each_side_are_each_carried_across_without_conflict()
    {
        var pair = PairSimulation.Linked(TwoWay, ConflictWinner.Crm, SyncedVersion.Same(Zoe),
            Zoe.With("phone", "+33 6 00 00 00 01"), Zoe.With("email", "zoe.dupont@acme.example"));

        var update = Assert.IsType<SyncPlanItem.Update>(pair.Run());

        Assert.Equal(Fields(("phone", "+33 6 00 00 00 01")), update.ToCrm);
        Assert.Equal(Fields(("email", "zoe.dupont@acme.example")), update.ToNotes);
        Assert.Empty(pair.ConflictLog);
        var merged = Fields(("firstName", "Zoë"), ("lastName", "Dupont"), ("email", "zoe.dupont@acme.example"),
            ("phone", "+33 6 00 00 00 01"));
        Assert.Equal(merged, pair.Notes);
        Assert.Equal(merged, pair.Crm);
        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Unchanged), pair.Run());
    }

    [Fact]
    public void A_conflict_is_logged_with_the_pair_the_winner_every_conflicting_field_and_the_losers_whole_record()
    {
        var notes = Fields(("firstName", "Zoé"), ("lastName", "Dupont-Lefèvre"), ("email", "zoe@acme.example"),
            ("phone", "+33 6 00 00 00 01"));
        var crm = Fields(("firstName", "Zoe"), ("lastName", "Durand"), ("email", "zoe@acme.example"),
            ("phone", "+33 1 23 45 67 89"));

        var update = Assert.IsType<SyncPlanItem.Update>(
            Decide(Present(notes), Present(crm), LinkOf(Zoe), TwoWay, ConflictWinner.Crm));
        var entry = update.ConflictEntryFor(SyncModule.Contacts, "UNID1", "crm1");

        // The phone only Notes changed merges beside the conflicts.
        Assert.Equal(Fields(("phone", "+33 6 00 00 00 01")), update.ToCrm);
        Assert.Equal(Fields(("firstName", "Zoe"), ("lastName", "Durand")), update.ToNotes);
        Assert.NotNull(entry);
        Assert.Equal(
            (SyncModule.Contacts, "UNID1", "crm1", SyncSide.Crm), (entry.Module, entry.NotesId, entry.CrmId, entry.Winner));
        Assert.Equal(
            [new ConflictField("firstName", "Zoé", "Zoe"), new ConflictField("lastName", "Dupont-Lefèvre", "Durand")],
            entry.Fields);
        Assert.Equal(Fields(("firstName", "Zoé"), ("lastName", "Dupont-Lefèvre"), ("email", "zoe@acme.example"),
            ("phone", "+33 6 00 00 00 01")), entry.LosingVersion);
    }

    [Fact]
    public void A_field_no_longer_mapped_is_not_a_change()
    {
        var link = LinkOf(Zoe.With("fax", "+33 1 00 00 00 00"));

        var item = Decide(Present(Zoe), Present(Zoe), link, TwoWay, ConflictWinner.Crm);

        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Unchanged), item);
    }

    [Fact]
    public void A_side_tells_whether_it_changed_since_the_link()
    {
        var link = LinkOf(Zoe);

        Assert.False(Present(Zoe.With("lastName", " Dupont ")).ChangedSince(link, SyncSide.Notes));
        Assert.True(Present(Zoe.With("lastName", "Durand")).ChangedSince(link, SyncSide.Crm));
        Assert.True(Present(Zoe.With("title", "Directrice")).ChangedSince(link, SyncSide.Crm));
        Assert.False(Present(Zoe.With("title", " ")).ChangedSince(link, SyncSide.Crm));
        Assert.False(SideState.Deleted.ChangedSince(link, SyncSide.Notes));
    }
}
