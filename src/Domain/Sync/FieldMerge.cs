using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;

namespace NotesSync.Domain.Sync;

/// <summary>The field-level three-way merge of two present sides, against the link's fingerprints when there is one.</summary>
internal static class FieldMerge
{
    private enum Outcome
    {
        Keep,
        TakeNotes,
        TakeCrm,
        Conflict,
    }

    public static SyncPlanItem.Update Merge(
        SideState notes, SideState crm, RecordLink? link, SyncDirection direction, SyncSide winner)
    {
        var toCrm = new Dictionary<string, string?>(StringComparer.Ordinal);
        var toNotes = new Dictionary<string, string?>(StringComparer.Ordinal);
        var notesAfter = new Dictionary<string, string?>(StringComparer.Ordinal);
        var crmAfter = new Dictionary<string, string?>(StringComparer.Ordinal);
        var conflicts = new List<ConflictField>();

        foreach (var field in notes.Fields.Keys.Union(crm.Fields.Keys, StringComparer.Ordinal))
        {
            var notesValue = notes.ValueOf(field);
            var crmValue = crm.ValueOf(field);
            notesAfter[field] = notesValue;
            crmAfter[field] = crmValue;

            var outcome = Classify(link, field, notesValue, crmValue, direction);
            if (outcome == Outcome.Conflict) conflicts.Add(new ConflictField(field, notesValue, crmValue));
            var source = outcome switch
            {
                Outcome.TakeNotes => SyncSide.Notes,
                Outcome.TakeCrm => SyncSide.Crm,
                Outcome.Conflict => winner,
                _ => (SyncSide?)null,
            };
            if (source == SyncSide.Notes && direction.Writes(SyncSide.Crm)) toCrm[field] = crmAfter[field] = notesValue;
            if (source == SyncSide.Crm && direction.Writes(SyncSide.Notes)) toNotes[field] = notesAfter[field] = crmValue;
        }

        var losingVersion = conflicts.Count == 0 ? new Dictionary<string, string?>()
            : winner == SyncSide.Crm ? notes.Fields : crm.Fields;
        return new SyncPlanItem.Update(
            toCrm, toNotes, conflicts, winner, losingVersion, new SyncedVersion(notesAfter, crmAfter));
    }

    /// <summary>
    /// Whether <paramref name="side"/> changed <paramref name="field"/> since the link: against what that side held
    /// then, or, for a field never synced, whether it has a value at all.
    /// </summary>
    public static bool Changed(RecordLink? link, SyncSide side, string field, string? value) =>
        link?.FingerprintOf(side, field) is { } last ? !last.Matches(value) : !FieldValues.IsEmpty(value);

    /// <summary>Whether <paramref name="link"/> left <paramref name="field"/> different on the two sides (a one-way profile did).</summary>
    public static bool Apart(RecordLink? link, string field) =>
        link?.FingerprintOf(SyncSide.Notes, field) is { } notes
        && link.FingerprintOf(SyncSide.Crm, field) is { } crm
        && notes != crm;

    private static Outcome Classify(
        RecordLink? link, string field, string? notesValue, string? crmValue, SyncDirection direction)
    {
        // Equal values need no write, whoever changed them: changed on both sides to the same value is no conflict.
        if (FieldValues.Same(notesValue, crmValue)) return Outcome.Keep;

        // Apart sides each hold a value the other never had. A change on one side then overwrites the other's own
        // value only as a conflict, so the winner decides and the loser is logged rather than lost silently. A change
        // the profile may not carry over stays where it is, as any one-side change does.
        var apart = Apart(link, field);
        return (Changed(link, SyncSide.Notes, field, notesValue), Changed(link, SyncSide.Crm, field, crmValue)) switch
        {
            (false, false) => Outcome.Keep,
            (true, false) => apart && direction.Writes(SyncSide.Crm) ? Outcome.Conflict : Outcome.TakeNotes,
            (false, true) => apart && direction.Writes(SyncSide.Notes) ? Outcome.Conflict : Outcome.TakeCrm,
            (true, true) => Outcome.Conflict,
        };
    }
}

/// <summary>How two field values compare: the same rule as <see cref="Fingerprint"/>.</summary>
internal static class FieldValues
{
    public static bool Same(string? a, string? b) => string.Equals(Normalised(a), Normalised(b), StringComparison.Ordinal);

    public static bool IsEmpty(string? value) => Normalised(value).Length == 0;

    // Surrounding white space is not a change, and a missing value is an empty one.
    private static string Normalised(string? value) => value?.Trim() ?? "";
}
