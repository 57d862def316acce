namespace NotesSync.Simulators.Zoho;

/// <summary>Knobs of one simulator host. Every default is Zoho's documented value (zoho.md) unless noted.</summary>
public sealed class ZohoSimulatorOptions
{
    /// <summary>Where Kestrel listens. Port 0 picks a free port; read <see cref="ZohoSimulator.BaseUri"/> afterwards.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>
    /// The base URL written into <c>api_domain</c> and <c>accounts-server</c>. Null: the address Kestrel bound.
    /// Set it when the simulator is reached through another name (a container, a proxy).
    /// </summary>
    public Uri? PublicBaseUri { get; init; }

    /// <summary>Clock of tokens, page tokens, credits, Modified_Time and the recycle bin. Latency always uses real time.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Data centre reported in the authorize redirect's <c>location</c>.</summary>
    public string Location { get; init; } = "us";

    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Zoho: the grant code lives 2–3 minutes and is single-use.</summary>
    public TimeSpan GrantCodeLifetime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Zoho: one refresh token mints at most 10 access tokens in 10 minutes. 0 switches the throttle off.</summary>
    public int RefreshesPerTenMinutes { get; init; } = 10;

    /// <summary>Zoho: at most 15 access tokens alive per refresh token; the 16th kills the oldest.</summary>
    public int AliveAccessTokensPerRefreshToken { get; init; } = 15;

    /// <summary>Zoho: at most 20 refresh tokens per user per client; the 21st consent revokes the oldest.</summary>
    public int RefreshTokensPerUserPerClient { get; init; } = 20;

    /// <summary>
    /// Answer token requests the old way: <c>expires_in</c> in milliseconds plus <c>expires_in_sec</c>
    /// (zoho.md: "some answers add expires_in_sec"), so adapters can prove they read both shapes.
    /// </summary>
    public bool LegacyExpiresInMilliseconds { get; init; }

    /// <summary>Added to every Zoho call (not the control API), while the call holds its concurrency slot.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// <c>Retry-After</c> sent with a concurrency 429. Zoho does not document the header (zoho.md §4); the brief
    /// asks for it. Null leaves it out so the adapter's exponential back-off path can be tested too.
    /// </summary>
    public TimeSpan? ConcurrencyRetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Zoho: with <c>page</c>, page × per_page ≤ 2,000.</summary>
    public int DiscretePaginationLimit { get; init; } = 2_000;

    /// <summary>Zoho: a page-token walk stops at 100,000 records.</summary>
    public int PageTokenRecordLimit { get; init; } = 100_000;

    public TimeSpan PageTokenLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Write Kestrel and simulator logs to the console (the standalone host turns this on).</summary>
    public bool ConsoleLogging { get; init; }
}
