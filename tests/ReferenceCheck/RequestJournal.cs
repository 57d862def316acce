using System.Collections.Concurrent;

namespace NotesSync.ReferenceCheck;

/// <summary>
/// One request as a simulator received it. <see cref="Method"/> is the method the server serves, i.e. after DAS's
/// <c>X-HTTP-Method-Override</c> (the header stays in <see cref="Headers"/>); <see cref="Query"/> is the raw query
/// string with its <c>?</c>. Credentials are not kept: <c>Authorization</c> holds its scheme only, cookies are left out.
/// </summary>
public sealed record RecordedRequest(
    string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{Method} {Path}{Query}";

    /// <summary>The headers worth keeping from what a client sent: every one, with credentials reduced to their scheme.</summary>
    public static IReadOnlyDictionary<string, string> KeepHeaders(IEnumerable<KeyValuePair<string, string>> sent)
    {
        var kept = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in sent)
        {
            if (name.Equals("Cookie", StringComparison.OrdinalIgnoreCase)) continue;
            kept[name] = name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? SchemeOnly(value) : value;
        }
        return kept;
    }

    // "Basic amFuZTpwdw==" → "Basic …": enough to check the scheme a vendor requires, nothing to leak into a test log.
    private static string SchemeOnly(string authorization) =>
        authorization.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? authorization[..space] + " …" : "…";
}

/// <summary>
/// Every request a simulator received, in arrival order, for the tests to read. Thread-safe; bounded so that a long
/// benchmark cannot grow it without end: past <see cref="Capacity"/> the oldest go and <see cref="Dropped"/> counts them.
/// </summary>
public sealed class RequestJournal(int capacity = RequestJournal.DefaultCapacity)
{
    public const int DefaultCapacity = 50_000;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private long _dropped;

    public int Capacity { get; } = capacity;

    /// <summary>Requests that were recorded and then dropped to stay within <see cref="Capacity"/>.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public void Record(RecordedRequest request)
    {
        _requests.Enqueue(request);
        while (_requests.Count > Capacity && _requests.TryDequeue(out _)) Interlocked.Increment(ref _dropped);
    }

    public void Clear() => _requests.Clear();
}
