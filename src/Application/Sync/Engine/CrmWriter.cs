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
internal sealed class CrmWriter(ModuleMapping map, SyncContext ctx, ModuleReport report, PairLinker linker, LinkStore links)
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
        var values = planned.Select(p => p.Item switch
        {
            SyncPlanItem.CreateInCrm create => create.Fields,
            SyncPlanItem.Update { ToCrm.Count: > 0 } update => update.ToCrm,
            _ => null,
        }).OfType<IReadOnlyDictionary<string, string?>>();
        if (await map.PrepareCrmWritesAsync(values, ctx.Crm, ctx.OrgId, ct) is { IsFailure: true } unprepared) return unprepared.Error!;

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
            var stamp = await ctx.Crm.UpdateAsync(ctx.OrgId, map.Module,
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
        if (await ToWriteAsync(planned, planned.Pair.CrmId, ct) is not { } write) return false;
        var written = await ctx.Crm.UpdateAsync(ctx.OrgId, map.Module, [write], ct);
        if (written.IsFailure) return written.Error!;
        if (written.Value is [{ Succeeded: false } refused]) { Refused(planned.Pair, refused); return false; }
        return true;
    }

    private async Task<Result> WriteBatchAsync(Kind kind, PlannedPair[] batch, List<NotesHalf> notesHalves, CancellationToken ct)
    {
        await ctx.EnsureStillCurrentAsync(ct);
        var sent = new List<(PlannedPair Planned, CrmWrite? Write)>();
        foreach (var planned in batch)
        {
            if (kind == Kind.Delete) sent.Add((planned, null));
            else if (await ToWriteAsync(planned, kind == Kind.Update ? planned.Pair.CrmId : null, ct) is { } write) sent.Add((planned, write));
        }

        if (sent.Count > 0)
        {
            var results = await SendAsync(kind, sent, ct);
            if (results.IsFailure) return results.Error!;
            foreach (var result in results.Value) Take(kind, sent[result.Index].Planned, result, notesHalves);
        }

        report.Advanced(batch.Length);
        await links.SaveAsync(ct);
        return Result.Success();
    }

    private Task<Result<IReadOnlyList<CrmWriteResult>>> SendAsync(
        Kind kind, List<(PlannedPair Planned, CrmWrite? Write)> sent, CancellationToken ct) => kind switch
    {
        // Contacts are upserted on the Notes UNID: a batch replayed after a lost answer updates, never duplicates.
        // Tasks have no upsert (zoho.md §2): a lost insert is found by its UNID on the next run and adopted.
        Kind.Create when map.Module == SyncModule.Contacts =>
            ctx.Crm.UpsertByNotesUnidAsync(ctx.OrgId, map.Module, [.. sent.Select(s => s.Write!)], ct),
        Kind.Create => ctx.Crm.CreateAsync(ctx.OrgId, map.Module, [.. sent.Select(s => s.Write!)], ct),
        Kind.Update => ctx.Crm.UpdateAsync(ctx.OrgId, map.Module, [.. sent.Select(s => s.Write!)], ct),
        _ => ctx.Crm.DeleteAsync(ctx.OrgId, map.Module, [.. sent.Select(s => s.Planned.Pair.CrmId)], ct),
    };

    private void Take(Kind kind, PlannedPair planned, CrmWriteResult result, List<NotesHalf> notesHalves)
    {
        var pair = planned.Pair;
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

    /// <summary>The CRM write of an item; null (and the record reported) when a value could not be resolved.</summary>
    private async Task<CrmWrite?> ToWriteAsync(PlannedPair planned, string? id, CancellationToken ct)
    {
        var values = planned.Item switch
        {
            SyncPlanItem.CreateInCrm create => create.Fields,
            SyncPlanItem.Update update => update.ToCrm,
            _ => throw new ArgumentException($"{planned.Item} writes nothing to the CRM.", nameof(planned)),
        };
        var (mapped, truncated) = map.ToCrm(values);
        var fields = new Dictionary<string, string?>(mapped, StringComparer.Ordinal);
        if (await map.ResolveCrmFieldsAsync(fields, ctx.Crm, ctx.OrgId, ct) is { } unresolved)
        {
            report.Failed(planned.Pair, SyncSide.Crm, unresolved.Code, unresolved.Message);
            return null;
        }

        foreach (var field in truncated)
            report.Warned(planned.Pair, SyncSide.Crm, "value-truncated", $"'{field}' was longer than Zoho allows and was shortened.");
        return new CrmWrite(id, fields, NotesUnid: planned.Pair.NotesId);
    }

    private void Refused(Pair pair, CrmWriteResult result) =>
        report.Failed(pair, SyncSide.Crm, result.ErrorCode!,
            result.Field is null ? result.Message ?? result.ErrorCode! : $"{result.Field}: {result.Message}");
}

/// <summary>A merge whose CRM half is written: its Notes half, and the CRM record's time after the write.</summary>
internal sealed record NotesHalf(PlannedPair Planned, DateTimeOffset? CrmModified);
