using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using static NotesSync.Domain.Profiles.SyncDirection;
using static NotesSync.Domain.Tests.Sync.FieldOutcome;
using static NotesSync.Domain.Tests.Sync.FieldSituation;
using static NotesSync.Domain.Tests.Sync.LastSync;

namespace NotesSync.Domain.Tests.Sync;

/// <summary>
/// A one-way profile reads one side (the source) and writes only the other (the target). A change it may not carry
/// back leaves the field apart: each side with its own value, which the link remembers, and which a later change
/// overwrites only as a logged conflict. Each situation is run twice; the second run must find nothing to do.
/// </summary>
public class OneWayProfileTests
{
    private static readonly Dictionary<string, FieldSituation> Situations = new()
    {
        ["Notes to CRM, only Notes changed it: the CRM gets it"] =
            new(NotesToCrm, ConflictWinner.Crm, Agreed("Dupont"), "Dupont-Lefèvre", "Dupont",
                Writes(toCrm: LastName("Dupont-Lefèvre"))),
        ["CRM to Notes, only the CRM changed it: Notes gets it"] =
            new(CrmToNotes, ConflictWinner.Notes, Agreed("Dupont"), "Dupont", "Durand", Writes(toNotes: LastName("Durand"))),
        ["Notes to CRM, only the CRM changed it: nothing written, the sides are left apart"] =
            new(NotesToCrm, ConflictWinner.Crm, Agreed("Dupont"), "Dupont", "Durand", WritesNothing()),
        ["CRM to Notes, only Notes changed it: nothing written, the sides are left apart"] =
            new(CrmToNotes, ConflictWinner.Notes, Agreed("Dupont"), "Dupont-Lefèvre", "Dupont", WritesNothing()),
        ["Notes to CRM, both changed it and Notes wins: the CRM gets Notes' value, the CRM's is logged"] =
            new(NotesToCrm, ConflictWinner.Notes, Agreed("Dupont"), "Dupont-Lefèvre", "Durand",
                Writes(toCrm: LastName("Dupont-Lefèvre"), conflict: WonBy(SyncSide.Notes, "Durand"))),
        ["Notes to CRM, both changed it and the CRM wins: nothing can be written, Notes' value is logged"] =
            new(NotesToCrm, ConflictWinner.Crm, Agreed("Dupont"), "Dupont-Lefèvre", "Durand",
                WritesNothing(conflict: WonBy(SyncSide.Crm, "Dupont-Lefèvre"))),
        ["CRM to Notes, both changed it and the CRM wins: Notes gets the CRM's value, Notes' is logged"] =
            new(CrmToNotes, ConflictWinner.Crm, Agreed("Dupont"), "Dupont-Lefèvre", "Durand",
                Writes(toNotes: LastName("Durand"), conflict: WonBy(SyncSide.Crm, "Dupont-Lefèvre"))),
        ["CRM to Notes, both changed it and Notes wins: nothing can be written, the CRM's value is logged"] =
            new(CrmToNotes, ConflictWinner.Notes, Agreed("Dupont"), "Dupont-Lefèvre", "Durand",
                WritesNothing(conflict: WonBy(SyncSide.Notes, "Durand"))),

        // Notes to CRM left the CRM's "Durand" beside Notes' "Dupont".
        ["left apart, nobody changed it: no phantom change"] =
            new(NotesToCrm, ConflictWinner.Crm, Apart("Dupont", "Durand"), "Dupont", "Durand", Unchanged),
        ["left apart, the target changed its own value again: left alone, nothing logged"] =
            new(NotesToCrm, ConflictWinner.Crm, Apart("Dupont", "Durand"), "Dupont", "Durand-Martin", WritesNothing()),
        ["left apart, the source changed it and the source wins: the target's own value is overwritten and logged"] =
            new(NotesToCrm, ConflictWinner.Notes, Apart("Dupont", "Durand"), "Dupont-Lefèvre", "Durand",
                Writes(toCrm: LastName("Dupont-Lefèvre"), conflict: WonBy(SyncSide.Notes, "Durand"))),
        ["left apart, the source changed it and the target wins: the target keeps its value, the source's is logged"] =
            new(NotesToCrm, ConflictWinner.Crm, Apart("Dupont", "Durand"), "Dupont-Lefèvre", "Durand",
                WritesNothing(conflict: WonBy(SyncSide.Crm, "Dupont-Lefèvre"))),
        ["left apart, the source changed it to the target's value: they agree again, nothing written or logged"] =
            new(NotesToCrm, ConflictWinner.Crm, Apart("Dupont", "Durand"), "Durand", "Durand", WritesNothing()),
        // CRM to Notes left Notes' "Dupont-Lefèvre" beside the CRM's "Dupont".
        ["left apart by CRM to Notes, the CRM changed it and wins: Notes' own value is overwritten and logged"] =
            new(CrmToNotes, ConflictWinner.Crm, Apart("Dupont-Lefèvre", "Dupont"), "Dupont-Lefèvre", "Durand",
                Writes(toNotes: LastName("Durand"), conflict: WonBy(SyncSide.Crm, "Dupont-Lefèvre"))),
        ["left apart by CRM to Notes, Notes changed its own value again: left alone, nothing logged"] =
            new(CrmToNotes, ConflictWinner.Crm, Apart("Dupont-Lefèvre", "Dupont"), "Lefèvre", "Dupont", WritesNothing()),

        // The user switched a profile that left the field apart to two-way.
        ["left apart, now two-way, nobody changed it: the sides stay apart"] =
            new(TwoWay, ConflictWinner.Crm, Apart("Dupont", "Durand"), "Dupont", "Durand", Unchanged),
        ["left apart, now two-way, Notes changed it and the CRM wins: Notes gets the CRM's kept value, its own is logged"] =
            new(TwoWay, ConflictWinner.Crm, Apart("Dupont", "Durand"), "Dupont-Lefèvre", "Durand",
                Writes(toNotes: LastName("Durand"), conflict: WonBy(SyncSide.Crm, "Dupont-Lefèvre"))),
        ["left apart, now two-way, the CRM changed it and Notes wins: the CRM gets Notes' kept value, its own is logged"] =
            new(TwoWay, ConflictWinner.Notes, Apart("Dupont", "Durand"), "Dupont", "Durand-Martin",
                Writes(toCrm: LastName("Dupont"), conflict: WonBy(SyncSide.Notes, "Durand-Martin"))),
    };

    public static TheoryData<string> SituationNames => new(Situations.Keys);

    [Theory]
    [MemberData(nameof(SituationNames))]
    public void A_one_way_profile_writes_only_its_target_and_a_value_it_left_apart_is_overwritten_only_as_a_logged_conflict(
        string situation) =>
        Situations[situation].Check();
}
