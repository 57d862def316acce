using NotesSync.Application.Crm;
using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// Carries out the CRM's part of the plan: creates, updates and deletes in batches of 100 through one batch path,
/// every record's result taken (a refused record is reported and the rest go on), the links saved after each batch;
/// then the cross-references of the records linked without one. A call that fails as a whole stops the module.
/// </summary>
internal sealed class CrmWriter(SyncModuleDefinition module, SyncContext ctx, ModuleReport report, PairLinker linker, LinkStore links)
{
    /// <summary>Zoho's most records per write call (zoho.md §2).</summary>
    private const int Batch = 100;

    private enum Kind
    {
        Create,
        Update,
        Delete,
    }

    /// <summary>
    /// Writes the CRM's part of every item; answers the merges whose Notes half is still to be written (their CRM
    /// half succeeded), each with the CRM record's time after the write.
    /// </summary>
    public async Task<Result<List<NotesHalf>>> WriteAsync(IReadOnlyList<PlannedPair> planned, CancellationToken ct)
    {
        // What the CRM writes need from the CRM itself (contacts' Accounts) is looked up once for all of them.
        var values = planned.Select(p => ValuesToCrm(p.Item)).OfType<IReadOnlyDictionary<string, string?>>();
        if (await ctx.Crm.PrepareWritesAsync(ctx.OrgId, module.Module, values, ct) is { IsFailure: true } unprepared) return unprepared.Error!;

        var notesHalves = new List<NotesHalf>();
        var byKind = planned.ToLookup(p => p.Item switch
        {
            SyncPlanItem.CreateInCrm => Kind.Create,
            SyncPlanItem.Update { ToCrm.Count: > 0 } => Kind.Update,
            SyncPlanItem.DeleteInCrm => Kind.Delete,
            _ => (Kind?)null,
        });
        foreach (var kind in new[] { Kind.Create, Kind.Update, Kind.Delete })
            foreach (var batch in byKind[kind].Chunk(Batch))
                if (await WriteBatchAsync(kind, batch, notesHalves, ct) is { IsFailure: true } stopped) return stopped.Error!;
        return notesHalves;
    }

    /// <summary>The CRM records copied into Notes, or matched, get their cross-reference (the Notes UNID) now.</summary>
    public async Task<Result> StampCrossReferencesAsync(CancellationToken ct)
    {
        foreach (var batch in linker.UnstampedCrmRecords.Chunk(Batch))
        {
            await ctx.EnsureStillCurrentAsync(ct);
            var stamp = await ctx.Crm.UpdateAsync(ctx.OrgId, module.Module, ctx.UserId,
                [.. batch.Select(c => new CrmWrite(c.CrmId, new Dictionary<string, string?>(), NotesUnid: c.Unid))], ct);
            if (stamp.IsFailure) return stamp.Error!;
        }

        linker.UnstampedCrmRecords.Clear();
        return Result.Success();
    }

    /// <summary>
    /// Writes one merge's CRM half on its own (after a 412 brought a Notes edit): true when written, false when the
    /// record was refused (reported); a failure of the CRM as a whole is returned.
    /// </summary>
    public async Task<Result<bool>> UpdateOneAsync(PlannedPair planned, CancellationToken ct)
    {
        var written = await ctx.Crm.UpdateAsync(ctx.OrgId, module.Module, ctx.UserId, [ToWrite(planned, planned.Pair.CrmId)], ct);
        if (written.IsFailure) return written.Error!;
        if (written.Value is not [var result]) return Result.Success(false);
        Warn(planned.Pair, result);
        if (!result.Succeeded) Refused(planned.Pair, result);
        return result.Succeeded;
    }

    private async Task<Result> WriteBatchAsync(Kind kind, PlannedPair[] batch, List<NotesHalf> notesHalves, CancellationToken ct)
    {
        await ctx.EnsureStillCurrentAsync(ct);
        var results = await SendAsync(kind, batch, ct);
        if (results.IsFailure) return results.Error!;
        foreach (var result in results.Value) Take(kind, batch[result.Index], result, notesHalves);

        report.Advanced(batch.Length);
        await links.SaveAsync(ct);
        return Result.Success();
    }

    /// <summary>
    /// One call for the batch. A create the CRM can upsert on the Notes UNID (contacts) is replayed safely after a
    /// lost answer; one it cannot (tasks) is found by its UNID on the next run and adopted.
    /// </summary>
    private Task<Result<IReadOnlyList<CrmWriteResult>>> SendAsync(Kind kind, PlannedPair[] batch, CancellationToken ct) => kind switch
    {
        Kind.Create => ctx.Crm.CreateAsync(ctx.OrgId, module.Module, ctx.UserId, [.. batch.Select(p => ToWrite(p, null))], ct),
        Kind.Update => ctx.Crm.UpdateAsync(ctx.OrgId, module.Module, ctx.UserId, [.. batch.Select(p => ToWrite(p, p.Pair.CrmId))], ct),
        _ => ctx.Crm.DeleteAsync(ctx.OrgId, module.Module, [.. batch.Select(p => p.Pair.CrmId)], ct),
    };

    private void Take(Kind kind, PlannedPair planned, CrmWriteResult result, List<NotesHalf> notesHalves)
    {
        var pair = planned.Pair;
        Warn(pair, result);
        if (!result.Succeeded)
        {
            Refused(pair, result);
            return;
        }

        switch (kind)
        {
            case Kind.Delete:
                linker.Forget(pair);
                break;
            case Kind.Update when planned.Item is SyncPlanItem.Update { ToNotes.Count: > 0 }:
                // A merge may write both sides: the Notes half follows, with its own If-Unmodified-Since, and the
                // pair is linked and counted once both halves are done.
                notesHalves.Add(new NotesHalf(planned, result.ModifiedTime));
                return;
            default:
                linker.Linked(pair, pair.NotesId, result.Id ?? pair.CrmId, PairLinker.SyncedBy(planned.Item), result.ModifiedTime,
                    crmCarriesUnid: true);
                break;
        }

        report.Done(planned, pair.NotesId, result.Id ?? pair.CrmId);
    }

    /// <summary>The CRM write of an item, with the Notes UNID that makes a lost answer findable.</summary>
    private static CrmWrite ToWrite(PlannedPair planned, string? id) =>
        new(id, ValuesToCrm(planned.Item) ?? throw new ArgumentException($"{planned.Item} writes nothing to the CRM.", nameof(planned)),
            planned.Pair.NotesId);

    /// <summary>What <paramref name="item"/> writes to the CRM, or null when it writes nothing there.</summary>
    private static IReadOnlyDictionary<string, string?>? ValuesToCrm(SyncPlanItem item) => item switch
    {
        SyncPlanItem.CreateInCrm create => create.Fields,
        SyncPlanItem.Update { ToCrm.Count: > 0 } update => update.ToCrm,
        _ => null,
    };

    /// <summary>A value the CRM's limits made the adapter shorten: the record is synced, and the user told.</summary>
    private void Warn(Pair pair, CrmWriteResult result)
    {
        foreach (var field in result.Shortened)
            report.Warned(pair, SyncSide.Crm, "value-truncated", $"'{field}' was longer than Zoho allows and was shortened.");
    }

    private void Refused(Pair pair, CrmWriteResult result) =>
        report.Failed(pair, SyncSide.Crm, result.ErrorCode!,
            result.Field is null ? result.Message ?? result.ErrorCode! : $"{result.Field}: {result.Message}");
}

/// <summary>A merge whose CRM half is written: its Notes half, and the CRM record's time after the write.</summary>
internal sealed record NotesHalf(PlannedPair Planned, DateTimeOffset? CrmModified);
