namespace NotesSync.Infrastructure.Domino;

/// <summary>Configuration section <c>Notes</c>.</summary>
public sealed class DominoOptions
{
    /// <summary>Allow <c>http://</c> Domino servers: the sandbox and the tests only.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Allow servers on loopback, link-local and private addresses (the SSRF guard off): sandbox and tests only.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// The ports a Domino server may be reached on: by default 443 and 80 (Domino's HTTP task's defaults), 8443 and 8080
    /// (their usual alternates). A server name is user input that makes the backend open connections: any other port
    /// would let a user probe mail, database or admin services through NotesSync. Checked when the name is typed and
    /// again at connect time; the sandbox (<see cref="AllowPrivateNetworks"/>) allows any port, for local simulators.
    /// Configured, the list replaces the default whole (hence null by default: the binder appends to an array it finds).
    /// </summary>
    public int[]? AllowedPorts { get; set; }

    internal static readonly int[] DefaultPorts = [443, 8443, 80, 8080];

    internal IReadOnlyCollection<int> PortsAllowed => AllowedPorts is { Length: > 0 } ports ? ports : DefaultPorts;

    /// <summary>
    /// A PEM file of extra trust anchors for Domino servers' HTTPS certificates: a company's internal CA, or a server's
    /// own self-signed certificate. A server's chain is accepted when it leads to the system's roots or to one of
    /// these, and its name must match either way (<see cref="DominoCertificateTrust"/>). Unset: the system's roots only.
    /// </summary>
    public string? TrustedCertificatesPath { get; set; }

    /// <summary>How long one call to Domino may take before it counts as a timeout: until its headers, and again to read its body.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The most one answer from Domino may hold, after decompression. DAS answers are pages of a view or one document
    /// (a few hundred KiB at most in practice): anything near this is a broken or hostile server, and every tenant
    /// of the node shares its memory.
    /// </summary>
    public long MaxAnswerBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How long a call may take with its retries.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a failed read (5xx, network errors); writes that are not idempotent are never replayed.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Calls one user's sync sends to their Domino server at once: a polite default for a shared server.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// Calls this node sends to one Domino server at once, all users' syncs together (<see cref="DominoServerLimits"/>).
    /// Per node: N nodes may send N times this. Domino's HTTP task serves 40 requests at once by default; 16 leaves
    /// room for the server's other clients when two nodes sync its users.
    /// </summary>
    public int MaxConcurrencyPerServer { get; set; } = 16;
}
