using System.Text.Json.Nodes;
using NotesSync.Application.Crm;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>Insert, update, upsert and delete in batches of at most 100, one result per record in the order given.</summary>
internal sealed partial class ZohoCrmGateway
{
    private const int BatchSize = 100;

    /// <summary>
    /// Batches of one call in flight at once. <see cref="ZohoApi"/>'s per-organisation limit bounds the organisation
    /// as a whole whatever this is; this only keeps one large write from taking every slot from the other users' syncs.
    /// </summary>
    private const int BatchesAtOnce = 4;

    public async Task<Result<IReadOnlyList<ZohoWriteResult>>> CreateAsync(string orgId, SyncModule module, IReadOnlyList<ZohoWrite> records, CancellationToken ct)
    {
        if (records.Count == 0) return Array.Empty<ZohoWriteResult>();
        var known = await ModuleFieldsAsync(orgId, module, ct);
        if (known.IsFailure) return known.Error!;

        return await InBatchesAsync(orgId, new ZohoWriteResult?[records.Count], Enumerable.Range(0, records.Count).ToList(),
            batch => (HttpMethod.Post, $"/crm/v8/{ModuleName(module)}", Body(batch.Select(i => ZohoRecords.Write(records[i], known.Value, withId: false)))),
            ct);
    }

    /// <summary>
    /// Without <c>If-Unmodified-Since</c>: the header is one per request, not per record, and the port carries no
    /// Modified_Time to send; a CRM change made meanwhile is overwritten rather than reported as ALREADY_MODIFIED.
    /// </summary>
    public async Task<Result<IReadOnlyList<ZohoWriteResult>>> UpdateAsync(string orgId, SyncModule module, IReadOnlyList<ZohoWrite> records, CancellationToken ct)
    {
        if (records.Count == 0) return Array.Empty<ZohoWriteResult>();
        var known = await ModuleFieldsAsync(orgId, module, ct);
        if (known.IsFailure) return known.Error!;

        return await InBatchesAsync(orgId, new ZohoWriteResult?[records.Count], Enumerable.Range(0, records.Count).ToList(),
            batch => (HttpMethod.Put, $"/crm/v8/{ModuleName(module)}", Body(batch.Select(i => ZohoRecords.Write(records[i], known.Value, withId: true)))),
            ct);
    }

    public async Task<Result<IReadOnlyList<ZohoWriteResult>>> UpsertByNotesUnidAsync(string orgId, SyncModule module, IReadOnlyList<ZohoWrite> records, CancellationToken ct)
    {
        // zoho.md: upsert serves Contacts and Accounts, not Tasks, not Events.
        if (module != SyncModule.Contacts) return ZohoCrmErrors.UpsertUnsupported(module);
        if (records.Count == 0) return Array.Empty<ZohoWriteResult>();
        var known = await ModuleFieldsAsync(orgId, module, ct);
        if (known.IsFailure) return known.Error!;
        if (!known.Value.NotesUnidIsUnique) return ZohoCrmErrors.NotesUnidNotUnique(module);

        // A record without its UNID would be inserted unchecked, so replaying it would duplicate it: it is not sent.
        var results = new ZohoWriteResult?[records.Count];
        var withUnid = new List<int>();
        for (var i = 0; i < records.Count; i++)
        {
            var fields = records[i].Fields;
            if (!string.IsNullOrEmpty(records[i].NotesUnid) || !string.IsNullOrEmpty(fields.GetValueOrDefault(ZohoRecords.NotesUnidKey))
                || !string.IsNullOrEmpty(fields.GetValueOrDefault(known.Value.NotesUnid)))
                withUnid.Add(i);
            else
                results[i] = new ZohoWriteResult(i, null, null, "MANDATORY_NOT_FOUND", "An upsert needs the record's Notes UNID.", known.Value.NotesUnid);
        }

        return await InBatchesAsync(orgId, results, withUnid, batch =>
        {
            var body = Body(batch.Select(i => ZohoRecords.Write(records[i], known.Value, withId: false)));
            // Only the custom field is named, so Zoho ignores the system duplicate check on Email (zoho.md §2).
            body["duplicate_check_fields"] = new JsonArray(known.Value.NotesUnid);
            return (HttpMethod.Post, $"/crm/v8/{ModuleName(module)}/upsert", body);
        }, ct);
    }

    public async Task<Result<IReadOnlyList<ZohoWriteResult>>> DeleteAsync(string orgId, SyncModule module, IReadOnlyList<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return Array.Empty<ZohoWriteResult>();
        // wf_trigger=false: like "trigger": [] on writes, no workflow runs for a sync's own change (Zoho's delete API
        // documents the parameter; zoho.md does not mention it).
        return await InBatchesAsync(orgId, new ZohoWriteResult?[ids.Count], Enumerable.Range(0, ids.Count).ToList(),
            batch => (HttpMethod.Delete,
                $"/crm/v8/{ModuleName(module)}?ids={string.Join(',', batch.Select(i => Uri.EscapeDataString(ids[i])))}&wf_trigger=false", null),
            ct);
    }

    /// <summary>The body of a write: an empty <c>trigger</c> runs no workflow, approval or blueprint for it.</summary>
    private static JsonObject Body(IEnumerable<JsonObject> records) =>
        new() { ["data"] = new JsonArray(records.Cast<JsonNode>().ToArray()), ["trigger"] = new JsonArray() };

    /// <summary>
    /// Sends <paramref name="positions"/> (indexes into the caller's list) in batches of 100, a few at once, and puts
    /// each record's answer at its index. A batch Zoho did not answer record by record (not connected, no credits,
    /// unavailable, refused whole) fails the call: no further batch starts, and the sync finds what the batches that
    /// did run wrote by the Notes UNID, as after any lost answer.
    /// </summary>
    private async Task<Result<IReadOnlyList<ZohoWriteResult>>> InBatchesAsync(
        string orgId, ZohoWriteResult?[] results, IReadOnlyList<int> positions,
        Func<int[], (HttpMethod Method, string Path, JsonObject? Body)> request, CancellationToken ct)
    {
        Error? failure = null;
        await Parallel.ForEachAsync(positions.Chunk(BatchSize), new ParallelOptions { MaxDegreeOfParallelism = BatchesAtOnce, CancellationToken = ct },
            async (batch, token) =>
            {
                if (Volatile.Read(ref failure) is not null) return;
                var (method, path, body) = request(batch);
                var response = await zoho.SendAsync(orgId, method, path, token, json: body);
                var answers = response.IsFailure ? null : ZohoRecords.Results(response.Value, batch.Length);
                if (answers is null)
                {
                    Interlocked.CompareExchange(ref failure, response.IsFailure ? response.Error! : Refused(response.Value), null);
                    return;
                }
                for (var i = 0; i < batch.Length; i++) results[batch[i]] = answers[i] with { Index = batch[i] };
            });

        if (failure is not null) return failure;
        return results.Select(r => r!).ToList();
    }
}
