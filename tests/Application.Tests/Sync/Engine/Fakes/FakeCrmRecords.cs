using Microsoft.Extensions.Time.Testing;
using NotesSync.Application.Crm;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Tests.Sync.Engine;

/// <summary>
/// An organisation's CRM in memory, as the Zoho adapter answers: every write call takes a second of the shared clock
/// and stamps the records it touches with it; a record can be refused on its own (the rest of the batch is written),
/// or the whole CRM can fail (<see cref="Outage"/>). Records belong to <see cref="Owner"/> unless added for another user.
/// </summary>
public sealed class FakeCrmRecords(FakeTimeProvider clock, string owner) : ICrmRecords
{
    /// <summary>The CRM user whose sync runs: the owner of the records added without one.</summary>
    public string Owner => owner;

    private readonly Dictionary<string, (SyncModule Module, CrmRecord Record)> _records = new(StringComparer.Ordinal);
    private readonly List<(SyncModule Module, CrmDeletion Deletion)> _deleted = [];
    private readonly Dictionary<string, (string Code, string Message, string? Field)> _refusals = new(StringComparer.Ordinal);
    private int _nextId;

    /// <summary>Every call made, in order: "read-changed", "read-deleted", "find 2", "create 3", "update 1", "delete 2"…</summary>
    public List<string> Calls { get; } = [];

    public IEnumerable<string> Writes => Calls.Where(c => c.StartsWith("create", StringComparison.Ordinal)
        || c.StartsWith("update", StringComparison.Ordinal) || c.StartsWith("delete", StringComparison.Ordinal));

    /// <summary>When set, the CRM cannot be used: every call fails with it (zoho-unavailable and the like).</summary>
    public Error? Outage { get; set; }

    /// <summary>Runs after each write call the CRM answered.</summary>
    public Action? AfterWrite { get; set; }

    public IEnumerable<CrmRecord> Of(SyncModule module) => _records.Values.Where(r => r.Module == module).Select(r => r.Record);
    public CrmRecord this[string id] => _records[id].Record;
    public string? ValueOf(string id, string field) => _records[id].Record.Values.GetValueOrDefault(field);

    public string Add(
        SyncModule module, IReadOnlyDictionary<string, string?> values, DateTimeOffset modified, string? notesUnid = null, string? ownerId = null)
    {
        var id = $"C{++_nextId}";
        _records[id] = (module, new CrmRecord(id, modified, new Dictionary<string, string?>(values), false, notesUnid) { OwnerId = ownerId ?? owner });
        return id;
    }

    /// <summary>An admin hands the record to another CRM user, now: it changes, as an edit does.</summary>
    public void HandOver(string id, string toUser)
    {
        var (module, record) = _records[id];
        _records[id] = (module, record with { OwnerId = toUser, ModifiedTime = TakeASecond() });
    }

    /// <summary>A user edits a field in the CRM, now.</summary>
    public void Edit(string id, string field, string? value) =>
        Save(id, new Dictionary<string, string?> { [field] = value }, null, TakeASecond());

    /// <summary>A user deletes the record: it goes to the recycle bin, which the deleted list reports.</summary>
    public void Remove(string id)
    {
        var (module, _) = _records[id];
        _records.Remove(id);
        _deleted.Add((module, new CrmDeletion(id, TakeASecond())));
    }

    /// <summary>The CRM refuses any write of this record (by its id, or by the Notes UNID of a record to create).</summary>
    public void Refuse(string idOrNotesUnid, string code, string message, string? field = null) =>
        _refusals[idOrNotesUnid] = (code, message, field);

    public void Accept(string idOrNotesUnid) => _refusals.Remove(idOrNotesUnid);

    public Task<Result> PrepareAsync(string orgId, CancellationToken ct) => Task.FromResult(Outage is { } e ? Result.Failure(e) : Result.Success());

    /// <summary>How many records each read of changed records listed, in order.</summary>
    public List<int> Listed { get; } = [];

    /// <summary>
    /// Answers a read of changed records with the time the clock shows to the second, as Zoho's Date does; with
    /// <c>false</c>, with no time at all, as a server that sends no Date.
    /// </summary>
    public bool DatesAnswers { get; set; } = true;

    public async Task<Result<CrmChangesRead>> ReadChangedAsync(
        string orgId, SyncModule module, DateTimeOffset? since, Func<IReadOnlyList<CrmRecord>, CancellationToken, Task> onPage, CancellationToken ct)
    {
        Calls.Add("read-changed");
        if (Outage is { } error) return error;
        var now = clock.GetUtcNow();
        var answered = new CrmChangesRead(DatesAnswers ? now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)) : null);
        List<CrmRecord> Changed() => [.. Of(module).Where(r => since is null || r.ModifiedTime > since).OrderBy(r => r.ModifiedTime)];
        Listed.Add(Changed().Count);
        // Paged by offset in Modified_Time order, each page listed when it is asked for, as Zoho's list is.
        for (var offset = 0; ; offset += PageSize)
        {
            var page = Changed().Skip(offset).Take(PageSize).ToList();
            if (page.Count == 0) break;
            await onPage(page, ct);
            BetweenPages?.Invoke(offset / PageSize + 1);
        }
        return answered;
    }

    private const int PageSize = 200;

    /// <summary>Runs after each page of a read of changed records, with the page's number: someone editing meanwhile.</summary>
    public Action<int>? BetweenPages { get; set; }

    public Task<Result<IReadOnlyList<CrmDeletion>>> ReadDeletedAsync(string orgId, SyncModule module, DateTimeOffset? since, CancellationToken ct) =>
        Answer<IReadOnlyList<CrmDeletion>>("read-deleted", () =>
            [.. _deleted.Where(d => d.Module == module && (since is null || d.Deletion.DeletedTime > since)).Select(d => d.Deletion)]);

    public Task<Result<IReadOnlyList<CrmRecord>>> FindAsync(string orgId, SyncModule module, CrmLookup lookup, CancellationToken ct) =>
        Answer<IReadOnlyList<CrmRecord>>($"find {lookup.NotesUnids.Count + lookup.ValuesOfField.Count}", () =>
            [.. Of(module).Where(r => (r.NotesUnid is { } unid && lookup.NotesUnids.Contains(unid))
                || (lookup.Field is { } field && r.Values.GetValueOrDefault(field) is { } value
                    && lookup.ValuesOfField.Contains(value, StringComparer.OrdinalIgnoreCase)))]);

    public Task<Result> PrepareWritesAsync(
        string orgId, SyncModule module, IEnumerable<IReadOnlyDictionary<string, string?>> values, CancellationToken ct) =>
        Task.FromResult(Outage is { } e ? Result.Failure(e) : Result.Success());

    public Task<Result<IReadOnlyList<CrmWriteResult>>> CreateAsync(
        string orgId, SyncModule module, string ownerId, IReadOnlyList<CrmWrite> records, CancellationToken ct) =>
        WriteAll($"create {records.Count}", records.Count, (index, at) =>
        {
            var write = records[index];
            if (Refusal(index, write.NotesUnid) is { } refused) return refused;
            // Contacts are upserted on the Notes UNID, as the adapter does: a replayed batch updates instead of
            // duplicating. Tasks cannot be: each create is a new record.
            var upserted = module == SyncModule.Contacts && write.NotesUnid is not null
                ? Of(module).FirstOrDefault(r => r.NotesUnid == write.NotesUnid)?.Id : null;
            var id = upserted ?? Add(module, new Dictionary<string, string?>(), at, ownerId: ownerId);
            Save(id, write.Values, write.NotesUnid, at);
            return new CrmWriteResult(index, id, at);
        });

    public Task<Result<IReadOnlyList<CrmWriteResult>>> UpdateAsync(
        string orgId, SyncModule module, string userId, IReadOnlyList<CrmWrite> records, CancellationToken ct) =>
        WriteAll($"update {records.Count}", records.Count, (index, at) =>
        {
            var write = records[index];
            if (Refusal(index, write.Id) is { } refused) return refused;
            if (write.Id is not { } id || !_records.ContainsKey(id)) return new CrmWriteResult(index, null, null, "INVALID_DATA", "the id given seems to be invalid");
            Save(id, write.Values, write.NotesUnid, at);
            return new CrmWriteResult(index, id, at);
        });

    public Task<Result<IReadOnlyList<CrmWriteResult>>> DeleteAsync(
        string orgId, SyncModule module, IReadOnlyList<string> ids, CancellationToken ct) =>
        WriteAll($"delete {ids.Count}", ids.Count, (index, at) =>
        {
            if (Refusal(index, ids[index]) is { } refused) return refused;
            _records.Remove(ids[index]);
            _deleted.Add((module, new CrmDeletion(ids[index], at)));
            return new CrmWriteResult(index, ids[index], at);
        });

    private CrmWriteResult? Refusal(int index, string? key) =>
        key is not null && _refusals.TryGetValue(key, out var refusal)
            ? new CrmWriteResult(index, null, null, refusal.Code, refusal.Message, refusal.Field)
            : null;

    private void Save(string id, IReadOnlyDictionary<string, string?> values, string? notesUnid, DateTimeOffset at)
    {
        var (module, record) = _records[id];
        var merged = new Dictionary<string, string?>(record.Values);
        foreach (var (field, value) in values) merged[field] = value;
        _records[id] = (module, record with { ModifiedTime = at, Values = merged, NotesUnid = notesUnid ?? record.NotesUnid });
    }

    private Task<Result<IReadOnlyList<CrmWriteResult>>> WriteAll(string call, int count, Func<int, DateTimeOffset, CrmWriteResult> write) =>
        Answer<IReadOnlyList<CrmWriteResult>>(call, () =>
        {
            var at = TakeASecond();
            var results = Enumerable.Range(0, count).Select(index => write(index, at)).ToList();
            AfterWrite?.Invoke();
            return results;
        });

    private Task<Result<T>> Answer<T>(string call, Func<T> answer)
    {
        Calls.Add(call);
        return Task.FromResult(Outage is { } error ? Result<T>.Failure(error) : Result<T>.Success(answer()));
    }

    private DateTimeOffset TakeASecond()
    {
        var now = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromSeconds(1));
        return now;
    }
}
