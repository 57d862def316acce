namespace NotesSync.Infrastructure.Zoho;

/// <summary>Configuration section <c>Zoho</c>: the extension's OAuth client and the organisation-wide limits.</summary>
public sealed class ZohoOptions
{
    public Uri AccountsUrl { get; set; } = new("https://accounts.zoho.com");
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public Uri? RedirectUri { get; set; }

    /// <summary>
    /// Calls NotesSync sends one organisation's CRM at once, shared by all its users' syncs (on all nodes with the
    /// <see cref="ZohoConcurrencyScope.Deployment"/> scope). Zoho allows 5 (Free) to 25 (Ultimate) per app per
    /// organisation, and 10 for heavy calls (zoho.md §4): 10 fits every paid edition.
    /// </summary>
    public int MaxConcurrencyPerOrg { get; set; } = 10;

    /// <summary>
    /// Where the limit is counted. Null: <see cref="ZohoConcurrencyScope.Node"/> on SQLite (one node, ADR 0003),
    /// <see cref="ZohoConcurrencyScope.Deployment"/> on a shared database (ADR 0006).
    /// </summary>
    public ZohoConcurrencyScope? ConcurrencyScope { get; set; }

    /// <summary>
    /// How long a call's shared slot stays held without its node renewing it (every third of it while the call
    /// lasts): the longest a killed node's slots stay lost.
    /// </summary>
    public TimeSpan CallSlotLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many times a call refused with 429 is tried again before the run gives up on it.</summary>
    public int MaxThrottleRetries { get; set; } = 6;

    /// <summary>The longest a call waits in all between 429s before the run gives up on it (zoho-throttled).</summary>
    public TimeSpan MaxThrottleWait { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every scope the product uses, asked once: adding one later would make every organisation consent again.</summary>
    public static readonly string Scopes = string.Join(',',
        "ZohoCRM.modules.ALL", "ZohoCRM.users.READ", "ZohoCRM.org.READ", "ZohoCRM.settings.fields.ALL",
        "ZohoCRM.coql.READ", "ZohoCRM.notifications.ALL");

    /// <summary>Zoho's data centres' accounts servers (zoho.md §1).</summary>
    public static readonly string[] DataCentreAccountsHosts =
    [
        "accounts.zoho.com", "accounts.zoho.eu", "accounts.zoho.in", "accounts.zoho.com.au", "accounts.zoho.jp",
        "accounts.zoho.com.cn", "accounts.zohocloud.ca", "accounts.zoho.sa",
    ];
}
