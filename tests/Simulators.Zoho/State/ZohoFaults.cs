using System.Text.RegularExpressions;

namespace NotesSync.Simulators.Zoho;

public enum ZohoFaultKind
{
    /// <summary>Answer a status (500 with Zoho's INTERNAL_ERROR body; 502/503/504 with a gateway's HTML page).</summary>
    Status,

    /// <summary>Abort the connection before the call does anything.</summary>
    DropConnection,

    /// <summary>Apply the call (records written, tokens minted), then abort the connection: the client cannot know it succeeded.</summary>
    ApplyThenDropConnection,

    /// <summary>
    /// Keep the call waiting, as a slow Zoho would, until the test calls <see cref="ZohoFault.Release"/>; then it is
    /// answered normally. <see cref="ZohoFault.Arrived"/> says when a call is being held.
    /// </summary>
    Hold,
}

/// <summary>A fault waiting for calls whose path matches <see cref="PathPattern"/> (a glob: <c>*</c> is any text, case-insensitive).</summary>
public sealed class ZohoFault
{
    private Regex? _pattern;

    public required string PathPattern { get; init; }

    /// <summary>Null: any method.</summary>
    public string? Method { get; init; }

    public ZohoFaultKind Kind { get; init; }

    public int StatusCode { get; init; } = 500;

    public int Remaining { get; internal set; }

    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A <see cref="ZohoFaultKind.Hold"/> fault: completes when the first call it holds arrives.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>Lets every call this fault holds (and any it holds later) be answered.</summary>
    public void Release() => _released.TrySetResult();

    internal async Task HoldAsync(CancellationToken aborted)
    {
        _arrived.TrySetResult();
        await _released.Task.WaitAsync(aborted);
    }

    internal bool Matches(string method, string path)
    {
        if (Method is not null && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) return false;
        _pattern ??= new Regex("^" + Regex.Escape(PathPattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return _pattern.IsMatch(path);
    }
}

/// <summary>Faults injected into the next calls; each fault fires <see cref="ZohoFault.Remaining"/> times, first added first.</summary>
public sealed class ZohoFaults
{
    private readonly Lock _gate = new();
    private readonly List<ZohoFault> _faults = [];

    public void FailNext(int count, string pathPattern, int statusCode = 500, string? method = null) =>
        Add(new ZohoFault { PathPattern = pathPattern, Method = method, Kind = ZohoFaultKind.Status, StatusCode = statusCode, Remaining = count });

    public void DropNext(int count, string pathPattern, string? method = null) =>
        Add(new ZohoFault { PathPattern = pathPattern, Method = method, Kind = ZohoFaultKind.DropConnection, Remaining = count });

    public void ApplyThenDropNext(int count, string pathPattern, string? method = null) =>
        Add(new ZohoFault { PathPattern = pathPattern, Method = method, Kind = ZohoFaultKind.ApplyThenDropConnection, Remaining = count });

    /// <summary>Holds the next <paramref name="count"/> matching calls until the fault it answers is released.</summary>
    public ZohoFault HoldNext(int count, string pathPattern, string? method = null)
    {
        var fault = new ZohoFault { PathPattern = pathPattern, Method = method, Kind = ZohoFaultKind.Hold, Remaining = count };
        Add(fault);
        return fault;
    }

    public void Add(ZohoFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fault.Remaining);
        lock (_gate) _faults.Add(fault);
    }

    public void Clear()
    {
        lock (_gate) _faults.Clear();
    }

    public IReadOnlyList<ZohoFault> Pending
    {
        get { lock (_gate) return [.. _faults]; }
    }

    internal ZohoFault? Take(string method, string path)
    {
        lock (_gate)
        {
            var fault = _faults.Find(f => f.Matches(method, path));
            if (fault is null) return null;
            if (--fault.Remaining == 0) _faults.Remove(fault);
            return fault;
        }
    }
}
