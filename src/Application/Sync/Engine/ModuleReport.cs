using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// What one module tells the dashboard: each decision counted and its conflicts logged by the domain's own
/// functions once its writes succeeded, each record that failed reported with its reason, and the progress.
/// </summary>
internal sealed class ModuleReport(SyncRun run, SyncModule module, RunProgress progress)
{
    /// <summary>A module the run synced is in its report, with zeros when nothing changed on either side.</summary>
    public void Begin() => run.Count(module, counts => counts);

    /// <summary>The pair's decision was carried out: counted, its conflicts logged.</summary>
    public void Done(PlannedPair planned, string notesId, string crmId)
    {
        run.Count(module, planned.Item.CountInto);
        if (planned.Item is SyncPlanItem.Update update && update.ConflictEntryFor(module, notesId, crmId) is { } conflict)
            run.RecordConflict(conflict);
    }

    /// <summary>
    /// One record could not be synced; the rest of the run goes on. It is named by the id of the side the write was
    /// for, or by the other side's when it does not exist there yet.
    /// </summary>
    public void Failed(Pair pair, SyncSide side, string code, string message)
    {
        run.RecordFailure(Entry(pair, side, code, message));
        run.Count(module, counts => counts.WithFailure());
        // The checkpoint moves past it: its document is read again by the next run, changed or not, and the pair
        // decided afresh (the CRM may accept it by then: a duplicate removed, a field fixed).
        RetryNotes(pair);
    }

    /// <summary>
    /// Notes items the next run reads again although they may not change: their records failed, or a colleague's
    /// CRM record stood for them (see <see cref="Checkpoints.NotesToRetry"/>).
    /// </summary>
    public List<string> NotesToRetry { get; } = [];

    /// <summary>
    /// Something the user should know about a record that was synced all the same (a value shortened): a warning of
    /// the run, not a failure, so a run that synced everything still succeeded.
    /// </summary>
    public void Warned(Pair pair, SyncSide side, string code, string message) => run.RecordWarning(Entry(pair, side, code, message));

    /// <summary>
    /// An item a colleague's CRM record stands for, or a linked record handed to a colleague: listed for the user by
    /// their own Notes id and the item's e-mail (<paramref name="email"/>, when it has one), nothing of the colleague's.
    /// </summary>
    public void OwnedByColleague(Pair pair, string? email)
    {
        run.RecordSkipped(new SkippedItem(module, pair.NotesId, "owned-by-colleague", email));
        // Unless it left the user's records: the admin may hand the record over, or the user change the e-mail.
        if (pair.Link is null) RetryNotes(pair);
    }

    private void RetryNotes(Pair pair)
    {
        if (pair.NotesId.Length > 0) NotesToRetry.Add(pair.NotesId);
    }

    public void Advanced(int items = 1) => progress.Advance(items);

    private RecordFailure Entry(Pair pair, SyncSide side, string code, string message)
    {
        var (own, other) = side == SyncSide.Crm ? (pair.CrmId, pair.NotesId) : (pair.NotesId, pair.CrmId);
        return new RecordFailure(module, side, own.Length > 0 ? own : other, code, message);
    }
}
