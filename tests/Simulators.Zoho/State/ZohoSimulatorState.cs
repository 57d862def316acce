using System.Collections.Concurrent;
using NotesSync.ReferenceCheck;
using NotesSync.Simulators.Zoho.Crm;

namespace NotesSync.Simulators.Zoho;

/// <summary>Everything the simulator knows; thread-safe, shared by the HTTP handlers and the test that seeds it.</summary>
public sealed partial class ZohoSimulatorState
{
    /// <summary>Every scope NotesSync asks for (zoho.md §1).</summary>
    public const string DefaultScopes =
        "ZohoCRM.modules.ALL,ZohoCRM.users.READ,ZohoCRM.org.READ,ZohoCRM.settings.fields.ALL,ZohoCRM.coql.READ,ZohoCRM.notifications.ALL";

    private readonly List<ZohoOrg> _orgs = [];
    private readonly Lock _orgsGate = new();
    private readonly ConcurrentDictionary<string, ZohoOAuthClient> _clients = new(StringComparer.Ordinal);
    private long _zuid = 60_000_000;
    private ZohoUser? _signedIn;
    private int _consentRefusals;

    internal ZohoSimulatorState(ZohoSimulatorOptions options)
    {
        Options = options;
        Latency = options.Latency;
        PageTokens = new PageTokenStore(this);
        Notifications = new ZohoNotifications(this);
    }

    /// <summary>Watch channels and the callbacks delivered to them.</summary>
    public ZohoNotifications Notifications { get; }

    public ZohoSimulatorOptions Options { get; }

    /// <summary>Latency added to each Zoho call; may be changed while the simulator runs.</summary>
    public TimeSpan Latency { get; set; }

    public ZohoFaults Faults { get; } = new();

    public ZohoCallLog Calls { get; } = new();

    /// <summary>Every request whole (headers, body), for checking against Zoho's definitions; control-API calls are not in it.</summary>
    public RequestJournal Journal { get; } = new();

    internal PageTokenStore PageTokens { get; }

    internal DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    public IReadOnlyList<ZohoOrg> Orgs
    {
        get { lock (_orgsGate) return [.. _orgs]; }
    }

    public ZohoOrg CreateOrg(ZohoOrgSpec? spec = null)
    {
        lock (_orgsGate)
        {
            var org = new ZohoOrg(this, _orgs.Count + 1, spec ?? new ZohoOrgSpec());
            _orgs.Add(org);
            return org;
        }
    }

    /// <summary>Finds an org by its CRM id or its zgid (zoho.md: store both, match on either).</summary>
    public ZohoOrg? FindOrg(string idOrZgid)
    {
        lock (_orgsGate) return _orgs.Find(o => o.Id == idOrZgid || o.Zgid == idOrZgid);
    }

    public ZohoOAuthClient? FindClient(string clientId) => _clients.GetValueOrDefault(clientId);

    internal void RegisterClient(ZohoOAuthClient client)
    {
        if (!_clients.TryAdd(client.ClientId, client))
            throw new InvalidOperationException($"OAuth client '{client.ClientId}' is already registered.");
    }

    /// <summary>Who the auto-approving authorize page consents as. Null: the client's org admin.</summary>
    public ZohoUser? SignedInUser => Volatile.Read(ref _signedIn);

    public void SignIn(ZohoUser? user) => Volatile.Write(ref _signedIn, user);

    /// <summary>The next authorize request comes back with <c>error=access_denied</c>.</summary>
    public void RefuseNextConsent() => Interlocked.Increment(ref _consentRefusals);

    internal bool TakeConsentRefusal()
    {
        while (true)
        {
            var pending = Volatile.Read(ref _consentRefusals);
            if (pending == 0) return false;
            if (Interlocked.CompareExchange(ref _consentRefusals, pending - 1, pending) == pending) return true;
        }
    }

    internal string NextZuid() => Interlocked.Increment(ref _zuid).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
