using Ardalis.Specification;
using NotesSync.Application.Common;
using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// A preview's plan, written down action by action (issue 21: a preview is a run that stops after the plan); and, for
/// the run that applies a preview, how many of its own actions differ from it, counted as it decides them.
/// </summary>
public sealed class RunPlan(IRepository<PlannedAction> actions)
{
    private int _position;
    private Dictionary<string, (SyncModule Module, string Action)>? _preview;
    private int _differences;

    public async Task RecordAsync(SyncRun run, SyncModuleDefinition module, IReadOnlyList<PlannedPair> planned, CancellationToken ct)
    {
        var described = new List<PlannedAction>();
        foreach (var decided in planned)
            if (Describe(run, module, decided, _position) is { } action)
            {
                described.Add(action);
                _position++;
            }

        if (described.Count > 0) await actions.AddRangeAsync(described, ct);
    }

    public async Task CompareAsync(SyncRun run, SyncModuleDefinition module, IReadOnlyList<PlannedPair> planned, CancellationToken ct)
    {
        _preview ??= (await actions.ListAsync(new PlanOfRun(run.OrgId, run.AppliesPreview!.Value), ct))
            .GroupBy(a => a.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (g.First().Module, g.First().Action), StringComparer.Ordinal);
        var mine = planned.Select(p => Describe(run, module, p, position: 0)).OfType<PlannedAction>()
            .GroupBy(a => a.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Action, StringComparer.Ordinal);
        _differences += mine.Count(m => !_preview.TryGetValue(m.Key, out var was) || was.Action != m.Value)
            + _preview.Count(p => p.Value.Module == module.Module && !mine.ContainsKey(p.Key));
        run.DifferedFromPreview(_differences);
    }

    /// <summary>
    /// The action a pair's decision is, or null when it does nothing a user would want listed (unchanged, gone from
    /// both sides, forbidden by the direction).
    /// </summary>
    private static PlannedAction? Describe(SyncRun run, SyncModuleDefinition module, PlannedPair planned, int position)
    {
        var pair = planned.Pair;
        var notes = (pair.NotesId, pair.Notes is { } n ? module.DisplayNameOf(n.Values) : null);
        var crm = (pair.CrmId, pair.Crm is { } c ? module.DisplayNameOf(c.Values) : null);
        (string Action, string? MatchedBy, IReadOnlyList<PlannedField> Fields, SyncSide? Winner)? what = planned.Item switch
        {
            SyncPlanItem.CreateInCrm create => ("createInCrm", null, Written(create.Fields, null, SyncSide.Crm), null),
            SyncPlanItem.CreateInNotes create => ("createInNotes", null, Written(create.Fields, null, SyncSide.Notes), null),
            SyncPlanItem.DeleteInCrm => ("deleteInCrm", null, [], null),
            SyncPlanItem.DeleteInNotes => ("deleteInNotes", null, [], null),
            SyncPlanItem.Update { Conflicts.Count: > 0 } update =>
                ("conflict", null, [.. update.Conflicts.Select(f => new PlannedField(f.Name, f.NotesValue, f.CrmValue, update.Winner == SyncSide.Crm ? SyncSide.Notes : SyncSide.Crm))], update.Winner),
            SyncPlanItem.Update update when pair.Link is null => ("match", MatchedBy(module, pair), Fields(update, pair), null),
            SyncPlanItem.Update { WritesNothing: false } update => ("update", null, Fields(update, pair), null),
            SyncPlanItem.Skip skip => Skipped(skip.Reason),
            SyncPlanItem.StopSyncing stop => Skipped(stop.Reason),
            _ => null,
        };
        return what is { } w ? PlannedAction.Of(run, position, module.Module, w.Action, notes, crm, w.MatchedBy, w.Fields, w.Winner) : null;
    }

    private static (string, string?, IReadOnlyList<PlannedField>, SyncSide?)? Skipped(SkipReason reason) => reason switch
    {
        SkipReason.Private => ("skipPrivate", null, [], null),
        SkipReason.OutOfRange => ("skipOutOfRange", null, [], null),
        SkipReason.OwnedByColleague => ("skipOwnedByColleague", null, [], null),
        _ => null,
    };

    private static List<PlannedField> Fields(SyncPlanItem.Update update, Pair pair) =>
    [
        .. Written(update.ToCrm, pair.Crm?.Values, SyncSide.Crm),
        .. Written(update.ToNotes, pair.Notes?.Values, SyncSide.Notes),
    ];

    private static List<PlannedField> Written(IReadOnlyDictionary<string, string?> values, IReadOnlyDictionary<string, string?>? current, SyncSide side) =>
        [.. values.Where(v => v.Value is not null || current?.GetValueOrDefault(v.Key) is not null)
            .Select(v => new PlannedField(v.Key, current?.GetValueOrDefault(v.Key), v.Value, side))];

    /// <summary>How a first sync paired the two: by the ids each side carries, or by the module's strongest shared key.</summary>
    private static string? MatchedBy(SyncModuleDefinition module, Pair pair)
    {
        if (pair.Notes is not { } notes || pair.Crm is not { } crm) return null;
        if (notes.CrmId == crm.Id || crm.Record.NotesUnid == notes.Unid) return "crossReference";
        var crmKeys = module.MatchKeys(crm.Values).ToHashSet(StringComparer.Ordinal);
        return module.MatchKeys(notes.Values).FirstOrDefault(crmKeys.Contains) is { } key ? module.MatchedBy(key) : null;
    }
}

/// <summary>A run's planned actions in the order they were decided.</summary>
public sealed class PlanOfRun : Specification<PlannedAction>
{
    public PlanOfRun(string orgId, Guid runId) => Query.Where(a => a.OrgId == orgId && a.RunId == runId).OrderBy(a => a.Position);
}
