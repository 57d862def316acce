using System.Collections.Concurrent;

namespace NotesSync.Simulators.Zoho;

/// <summary>One call the simulator answered (or dropped). <see cref="Status"/> is what the handler produced, even when aborted.</summary>
public sealed record ZohoCall(
    DateTimeOffset At,
    string Method,
    string Path,
    string Query,
    int Status,
    string? OrgId,
    string? UserId,
    TimeSpan Duration,
    bool Aborted,
    string? Fault);

public sealed class ZohoCallLog
{
    private const int Capacity = 500_000;
    private readonly ConcurrentQueue<ZohoCall> _calls = new();

    public int Count => _calls.Count;

    public IReadOnlyList<ZohoCall> All => [.. _calls];

    public IReadOnlyList<ZohoCall> ForOrg(string orgId) => _calls.Where(c => c.OrgId == orgId).ToList();

    public void Clear() => _calls.Clear();

    internal void Add(ZohoCall call)
    {
        _calls.Enqueue(call);
        while (_calls.Count > Capacity) _calls.TryDequeue(out _);
    }
}
