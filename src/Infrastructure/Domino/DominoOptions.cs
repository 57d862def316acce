namespace NotesSync.Infrastructure.Domino;

/// <summary>Configuration section <c>Notes</c>.</summary>
public sealed class DominoOptions
{
    /// <summary>Allow <c>http://</c> Domino servers: the sandbox and the tests only.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Allow servers on loopback, link-local and private addresses (the SSRF guard off): sandbox and tests only.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long one call to Domino may take before it counts as a timeout.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a call may take with its retries.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a failed read (5xx, network errors); writes that are not idempotent are never replayed.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Calls one user's sync sends to their Domino server at once: a polite default for a shared server.</summary>
    public int MaxConcurrency { get; set; } = 4;
}
