using System.Collections.Concurrent;

namespace NotesSync.Simulators.Domino.Knobs;

/// <summary>
/// One DAS call as the simulator saw it. <see cref="Method"/> is the method that was served (after
/// X-HTTP-Method-Override), <see cref="SentMethod"/> the one on the wire. <see cref="Status"/> is what was or would
/// have been answered; <see cref="Aborted"/> says the connection was dropped instead.
/// </summary>
public sealed record CallRecord(
    DateTimeOffset At,
    string Method,
    string SentMethod,
    string Path,
    string Query,
    int Status,
    string? User,
    TimeSpan Duration,
    bool Aborted);

/// <summary>Every DAS call in arrival order; control-API calls are not recorded.</summary>
public sealed class CallLog
{
    private readonly ConcurrentQueue<CallRecord> _calls = new();

    public IReadOnlyList<CallRecord> Calls => [.. _calls];

    public int Count(string? method = null, string? pathGlob = null)
    {
        var pattern = pathGlob is null ? null : new PathPattern(pathGlob);
        return _calls.Count(c =>
            (method is null || string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase))
            && (pattern is null || pattern.Matches(c.Path)));
    }

    public void Clear() => _calls.Clear();

    internal void Add(CallRecord call) => _calls.Enqueue(call);
}
