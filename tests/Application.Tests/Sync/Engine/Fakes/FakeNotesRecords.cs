using Microsoft.Extensions.Time.Testing;
using NotesSync.Application.Notes;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Tests.Sync.Engine;

/// <summary>
/// One module of a mail file in memory, as DAS behaves: every save takes a second of the shared clock and gives the
/// document a new Modified / Last-Modified, a conditional write with a stale Last-Modified answers ChangedMeanwhile
/// (412), and the change list reports no deletions.
/// </summary>
public sealed class FakeNotesRecords(SyncModule module, FakeTimeProvider clock) : INotesRecords
{
    private readonly Dictionary<string, NotesRecord> _records = new(StringComparer.Ordinal);
    private int _nextUnid;

    public SyncModule Module => module;
    public DateTimeOffset? ServerTime { get; private set; }

    /// <summary>Every call made, in order: "list", "changed", "get N1", "create", "update N1", "delete N1".</summary>
    public List<string> Calls { get; } = [];

    public IEnumerable<string> Writes => Calls.Where(c => c.StartsWith("create", StringComparison.Ordinal)
        || c.StartsWith("update", StringComparison.Ordinal) || c.StartsWith("delete", StringComparison.Ordinal));

    /// <summary>When set, Domino cannot be used: every call fails with it (a whole-side error such as server-unreachable).</summary>
    public Error? Outage { get; set; }

    /// <summary>Runs after each write that Domino accepted (to break the server after some writes, for instance).</summary>
    public Action? AfterWrite { get; set; }

    /// <summary>Runs once, just before the next update reaches the document: someone saving it between our read and our write.</summary>
    public Action<string>? BeforeNextUpdate { get; set; }

    public int Count => _records.Count;
    public IReadOnlyCollection<NotesRecord> All => _records.Values;
    public NotesRecord this[string unid] => _records[unid];

    /// <summary>A document saved in Notes at <paramref name="modified"/> (by its user, or by a run that died after writing it).</summary>
    public string Add(IReadOnlyDictionary<string, string?> values, DateTimeOffset modified, string? crmId = null)
    {
        var unid = $"N{++_nextUnid}";
        _records[unid] = new NotesRecord(unid, modified, LastModifiedOf(modified), false, crmId, new Dictionary<string, string?>(values));
        return unid;
    }

    /// <summary>The user edits a field in Notes (now, on the shared clock).</summary>
    public void Edit(string unid, string field, string? value) => Save(unid, new Dictionary<string, string?> { [field] = value });

    /// <summary>The user deletes the document in Notes.</summary>
    public void Remove(string unid) => _records.Remove(unid);

    public string? ValueOf(string unid, string field) => _records[unid].Values.GetValueOrDefault(field);

    public Task<Result<IReadOnlyList<string>>> ListAsync(CancellationToken ct) =>
        Answer<IReadOnlyList<string>>("list", () => _records.Keys.ToList());

    public Task<Result<IReadOnlyList<NotesChange>>> ChangedSinceAsync(DateTimeOffset since, CancellationToken ct) =>
        Answer<IReadOnlyList<NotesChange>>("changed", () =>
            _records.Values.Where(r => r.Modified >= since).Select(r => new NotesChange(r.Unid, r.Modified)).ToList());

    public Task<Result<NotesRecord?>> GetAsync(string unid, CancellationToken ct) =>
        Answer($"get {unid}", () => _records.GetValueOrDefault(unid));

    public Task<Result<string>> CreateAsync(IReadOnlyDictionary<string, string?> values, string crmId, CancellationToken ct) =>
        Write("create", () =>
        {
            var unid = Add(values, TakeASecond(), crmId);
            return unid;
        });

    public Task<Result<NotesWriteOutcome>> UpdateAsync(
        string unid, IReadOnlyDictionary<string, string?> values, string? lastModified, CancellationToken ct)
    {
        if (BeforeNextUpdate is { } someoneSaves)
        {
            BeforeNextUpdate = null;
            someoneSaves(unid);
        }

        return Write($"update {unid}", () =>
        {
            if (Conditionally(unid, lastModified) is { } refused) return refused;
            Save(unid, values);
            return NotesWriteOutcome.Done;
        });
    }

    public Task<Result<NotesWriteOutcome>> DeleteAsync(string unid, string? lastModified, CancellationToken ct) =>
        Write($"delete {unid}", () =>
        {
            if (Conditionally(unid, lastModified) is { } refused) return refused;
            _records.Remove(unid);
            TakeASecond();
            return NotesWriteOutcome.Done;
        });

    private NotesWriteOutcome? Conditionally(string unid, string? lastModified) =>
        !_records.TryGetValue(unid, out var current) ? NotesWriteOutcome.Gone
        : lastModified is not null && lastModified != current.LastModified ? NotesWriteOutcome.ChangedMeanwhile
        : null;

    private void Save(string unid, IReadOnlyDictionary<string, string?> values)
    {
        var current = _records[unid];
        var merged = new Dictionary<string, string?>(current.Values);
        foreach (var (field, value) in values) merged[field] = value;
        var modified = TakeASecond();
        _records[unid] = current with { Modified = modified, LastModified = LastModifiedOf(modified), Values = merged };
    }

    private Task<Result<T>> Write<T>(string call, Func<T> write)
    {
        var answer = Answer(call, write);
        if (answer.Result.IsSuccess) AfterWrite?.Invoke();
        return answer;
    }

    private Task<Result<T>> Answer<T>(string call, Func<T> answer)
    {
        Calls.Add(call);
        if (Outage is { } error) return Task.FromResult(Result<T>.Failure(error));
        var value = answer();
        ServerTime = clock.GetUtcNow();
        return Task.FromResult(Result<T>.Success(value));
    }

    /// <summary>A save is stamped with the time it happens, and the next one comes a second later.</summary>
    private DateTimeOffset TakeASecond()
    {
        var now = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromSeconds(1));
        return now;
    }

    private static string LastModifiedOf(DateTimeOffset modified) => modified.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
