using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// What the domain decided, made writable by each side as it is: fields a CRM write carries together
/// (<see cref="SyncModuleDefinition.WrittenTogether"/>), and Notes records the sync may not write (a meeting someone
/// else organised: Domino refuses personal changes to it, so the CRM's edits to it lose to Notes).
/// </summary>
internal static class PlannedWrites
{
    public static List<PlannedPair> Adjusted(
        SyncModuleDefinition module, SyncSettings settings, IEnumerable<PlannedPair> planned, ModuleReport report) =>
        [.. planned.Select(p => WithFieldsTogether(module, KeepingNotes(p, settings, report)))];

    /// <summary>A write of the start carries the end, the all-day mark and the reminder as the CRM holds them after it.</summary>
    private static PlannedPair WithFieldsTogether(SyncModuleDefinition module, PlannedPair planned)
    {
        if (module.WrittenTogether.Count == 0 || planned.Item is not SyncPlanItem.Update update
            || !update.ToCrm.Keys.Any(module.WrittenTogether.Contains)) return planned;
        var toCrm = new Dictionary<string, string?>(update.ToCrm, StringComparer.Ordinal);
        foreach (var field in module.WrittenTogether) toCrm.TryAdd(field, update.Synced.Crm.GetValueOrDefault(field));
        return planned with { Item = update with { ToCrm = toCrm } };
    }

    /// <summary>
    /// A meeting organised by someone else is never written in Notes: what the domain would write there is written to
    /// the CRM from Notes instead (or, one-way to Notes, left apart), and a deletion in the CRM brings it back there.
    /// The user is told once, on the run that replaced the CRM's edit; nothing is counted as failed.
    /// </summary>
    private static PlannedPair KeepingNotes(PlannedPair planned, SyncSettings settings, ModuleReport report)
    {
        var pair = planned.Pair;
        if (pair.Notes is not { Record.OrganisedByOther: true } notes) return planned;
        var writesCrm = settings.Direction.Writes(SyncSide.Crm);
        switch (planned.Item)
        {
            case SyncPlanItem.DeleteInNotes:
                Told(pair, report, "It was deleted in the CRM; it is there again.");
                return planned with { Item = writesCrm ? new SyncPlanItem.CreateInCrm(notes.Values) : new SyncPlanItem.Unlink() };

            case SyncPlanItem.Update { ToNotes.Count: > 0 } update:
                var toCrm = new Dictionary<string, string?>(update.ToCrm, StringComparer.Ordinal);
                var notesAfter = new Dictionary<string, string?>(update.Synced.Notes, StringComparer.Ordinal);
                var crmAfter = new Dictionary<string, string?>(update.Synced.Crm, StringComparer.Ordinal);
                foreach (var field in update.ToNotes.Keys)
                {
                    var kept = notes.Values.GetValueOrDefault(field);
                    notesAfter[field] = kept;
                    if (!writesCrm) continue;
                    toCrm[field] = kept;
                    crmAfter[field] = kept;
                }

                Told(pair, report, writesCrm ? "Its edits in the CRM were replaced by the meeting as Notes has it." : "Its edits in the CRM stay in the CRM only.");
                return planned with
                {
                    Item = update with
                    {
                        ToCrm = toCrm,
                        ToNotes = new Dictionary<string, string?>(),
                        Winner = SyncSide.Notes,
                        LosingVersion = update.Conflicts.Count > 0 && pair.Crm is { } crm ? crm.Values : update.LosingVersion,
                        Synced = new SyncedVersion(notesAfter, crmAfter),
                    },
                };

            default:
                return planned;
        }
    }

    private static void Told(Pair pair, ModuleReport report, string what) =>
        report.Warned(pair, SyncSide.Notes, "organised-by-other",
            $"This meeting was organised by someone else, and Notes does not let NotesSync change it. {what}");
}
