using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;
using static NotesSync.Domain.Tests.Sync.Pairs;

namespace NotesSync.Domain.Tests.Sync;

/// <summary>What the last sync left in the one field a <see cref="FieldSituation"/> is about.</summary>
internal sealed record LastSync(bool Linked, bool FieldSynced, string? Notes, string? Crm)
{
    /// <summary>Never linked: the run meets the pair for the first time.</summary>
    public static LastSync FirstMatch { get; } = new(false, false, null, null);

    /// <summary>Linked before the mapping gained the field: the link has no fingerprint of it.</summary>
    public static LastSync FieldNeverSynced { get; } = new(true, false, null, null);

    public static LastSync Agreed(string value) => new(true, true, value, value);

    /// <summary>A one-way profile left each side with its own value.</summary>
    public static LastSync Apart(string notes, string crm) => new(true, true, notes, crm);
}

/// <summary>A conflict the run logs: who won, and the value the losing side held (lost unless logged).</summary>
internal sealed record Logged(SyncSide Winner, string? LosingValue);

/// <summary>What a run does with the field, as a user would see it.</summary>
internal sealed record FieldOutcome(
    bool SkippedAsUnchanged, IReadOnlyDictionary<string, string?> ToCrm, IReadOnlyDictionary<string, string?> ToNotes,
    Logged? Conflict)
{
    /// <summary>Nothing written, nothing logged, and the link stays as it is.</summary>
    public static FieldOutcome Unchanged { get; } = new(true, Nothing, Nothing, null);

    /// <summary>Writes these fields (none when null) and re-links the pair.</summary>
    public static FieldOutcome Writes(
        IReadOnlyDictionary<string, string?>? toCrm = null, IReadOnlyDictionary<string, string?>? toNotes = null,
        Logged? conflict = null) =>
        new(false, toCrm ?? Nothing, toNotes ?? Nothing, conflict);

    /// <summary>Writes nothing but re-links the pair, so that the link holds what each side holds now.</summary>
    public static FieldOutcome WritesNothing(Logged? conflict = null) => Writes(conflict: conflict);
}

/// <summary>
/// One field of a contact (<c>lastName</c>; every other field as <see cref="Pairs.Zoe"/> has it), as the last sync
/// left it and as each side holds it now (null: the side has no such field), under one profile; and what a run must
/// do with it. <see cref="Check"/> runs the pair twice, as an engine would: the first run must do exactly
/// <see cref="Expected"/>, the second, with nothing changed in between, nothing at all.
/// </summary>
internal sealed record FieldSituation(
    SyncDirection Profile, ConflictWinner Winner, LastSync Last, string? Notes, string? Crm, FieldOutcome Expected)
{
    public const string Field = "lastName";

    public static IReadOnlyDictionary<string, string?> LastName(string? value) => Fields((Field, value));

    public static Logged WonBy(SyncSide winner, string? losingValue) => new(winner, losingValue);

    public void Check()
    {
        var pair = Last.Linked
            ? PairSimulation.Linked(Profile, Winner, LinkedVersion(), ContactWith(Notes), ContactWith(Crm))
            : PairSimulation.Unlinked(Profile, Winner, ContactWith(Notes), ContactWith(Crm));

        var first = pair.Run();

        if (Expected.SkippedAsUnchanged)
        {
            Assert.Equal(new SyncPlanItem.Skip(SkipReason.Unchanged), first);
        }
        else
        {
            var update = Assert.IsType<SyncPlanItem.Update>(first);
            Assert.Equal(Expected.ToCrm, update.ToCrm);
            Assert.Equal(Expected.ToNotes, update.ToNotes);
            var entry = update.ConflictEntryFor(SyncModule.Contacts, "UNID1", "crm1");
            if (Expected.Conflict is not { } logged)
            {
                Assert.Null(entry);
            }
            else
            {
                Assert.NotNull(entry);
                Assert.Equal(logged.Winner, entry.Winner);
                Assert.Equal([new ConflictField(Field, Notes, Crm)], entry.Fields);
                Assert.Equal(logged.LosingValue, entry.LosingVersion.GetValueOrDefault(Field));
            }
        }

        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Unchanged), pair.Run());
    }

    private SyncedVersion LinkedVersion() =>
        Last.FieldSynced
            ? new SyncedVersion(ContactWith(Last.Notes), ContactWith(Last.Crm))
            : SyncedVersion.Same(Zoe.Without(Field));

    private static Dictionary<string, string?> ContactWith(string? value) =>
        value is null ? Zoe.Without(Field) : Zoe.With(Field, value);
}
