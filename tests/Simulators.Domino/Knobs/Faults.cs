namespace NotesSync.Simulators.Domino.Knobs;

public enum FaultAction
{
    /// <summary>Answer <see cref="FaultRule.StatusCode"/> without doing the work.</summary>
    RespondWithStatus,

    /// <summary>Do the work (a write is applied), then drop the connection before answering.</summary>
    ApplyThenAbort,

    /// <summary>Drop the connection without doing the work.</summary>
    AbortWithoutApplying,

    /// <summary>Wait <see cref="FaultRule.Delay"/>, then serve the request normally (a slow server, for timeouts).</summary>
    Delay,

    /// <summary>
    /// Hold the request until <see cref="FaultRule.Hold"/> is released, then serve it normally. In-process only: the
    /// test sees the request arrive and decides when it is answered, instead of guessing with a delay.
    /// </summary>
    Hold,

    /// <summary>200 JSON, gzip-encoded: about 1 MiB on the wire that decompresses to 1 GiB of spaces.</summary>
    GzipBomb,

    /// <summary>200 JSON that never ends: view entries, as fast as the client reads, until it hangs up.</summary>
    EndlessBody,

    /// <summary>200 JSON (an empty page) sent a byte at a time, spread over <see cref="FaultRule.Delay"/>.</summary>
    Trickle,
}

/// <summary>A fault for the next <see cref="Times"/> requests whose path matches <see cref="PathGlob"/> (and method, if given).</summary>
public sealed record FaultRule
{
    public required string PathGlob { get; init; }
    public string? Method { get; init; }
    public FaultAction Action { get; init; } = FaultAction.RespondWithStatus;
    public int StatusCode { get; init; } = 503;
    public int Times { get; init; } = 1;
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sent as Retry-After (seconds) with a status fault, when set.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>What a <see cref="FaultAction.Hold"/> rule waits on.</summary>
    public RequestHold? Hold { get; init; }

    public static FaultRule Status(string pathGlob, int statusCode, int times = 1, string? method = null) =>
        new() { PathGlob = pathGlob, StatusCode = statusCode, Times = times, Method = method };

    public static FaultRule ApplyThenDrop(string pathGlob, int times = 1, string? method = null) =>
        new() { PathGlob = pathGlob, Action = FaultAction.ApplyThenAbort, Times = times, Method = method };

    public static FaultRule Drop(string pathGlob, int times = 1, string? method = null) =>
        new() { PathGlob = pathGlob, Action = FaultAction.AbortWithoutApplying, Times = times, Method = method };

    public static FaultRule Slow(string pathGlob, TimeSpan delay, int times = 1, string? method = null) =>
        new() { PathGlob = pathGlob, Action = FaultAction.Delay, Delay = delay, Times = times, Method = method };

    /// <summary>One of the answers only a broken or hostile server sends (<see cref="FaultAction.GzipBomb"/> and the next two).</summary>
    public static FaultRule Hostile(string pathGlob, FaultAction action, int times = 1, TimeSpan? trickleFor = null) =>
        new() { PathGlob = pathGlob, Action = action, Times = times, Delay = trickleFor ?? TimeSpan.FromSeconds(30) };

    public static FaultRule Held(string pathGlob, RequestHold hold, int times = 1, string? method = null) =>
        new() { PathGlob = pathGlob, Action = FaultAction.Hold, Hold = hold, Times = times, Method = method };
}

/// <summary>Faults waiting to fire. Each matching request consumes one use of the first rule that matches.</summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<(FaultRule Rule, PathPattern Pattern, int Left)> _rules = [];

    public void Add(FaultRule rule)
    {
        lock (_gate) _rules.Add((rule, new PathPattern(rule.PathGlob), rule.Times));
    }

    public void Clear()
    {
        lock (_gate) _rules.Clear();
    }

    public IReadOnlyList<(FaultRule Rule, int Left)> Pending
    {
        get
        {
            lock (_gate) return [.. _rules.Select(r => (r.Rule, r.Left))];
        }
    }

    internal FaultRule? Take(string method, string path)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var (rule, pattern, left) = _rules[i];
                if (rule.Method is { } m && !string.Equals(m, method, StringComparison.OrdinalIgnoreCase)) continue;
                if (!pattern.Matches(path)) continue;
                if (left <= 1) _rules.RemoveAt(i);
                else _rules[i] = (rule, pattern, left - 1);
                return rule;
            }
            return null;
        }
    }
}
