using NotesSync.Simulators.Zoho.Crm;

namespace NotesSync.Simulators.Zoho;

/// <summary>One Zoho CRM organisation: its users, OAuth clients, records, field metadata, limits and counters.</summary>
public sealed partial class ZohoOrg
{
    private readonly List<ZohoUser> _users = [];
    private readonly List<ZohoOAuthClient> _clients = [];
    private readonly Dictionary<string, ModuleStore> _modules = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _tagIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly long _idPrefix;
    private long _idSequence = 400_000;

    internal ZohoOrg(ZohoSimulatorState state, int number, ZohoOrgSpec spec)
    {
        State = state;
        // Zoho ids are 19-digit numbers sharing an org prefix, e.g. 5725767000000524157.
        _idPrefix = (4_150_868L + (number * 1_117L)) * 1_000_000_000_000L;
        Id = NextId();
        Zgid = (7_341_000_000L + (number * 7_919L)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        CompanyName = spec.CompanyName;
        Edition = spec.Edition;
        TimeZone = spec.TimeZone;
        CountryCode = spec.CountryCode;
        Licences = spec.Licences;
        ConcurrencyLimit = spec.ConcurrencyLimit ?? ZohoEditionLimits.Concurrency(spec.Edition);
        DailyCreditLimit = spec.DailyCreditLimit ?? ZohoEditionLimits.DailyCredits(spec.Edition, spec.Licences);
        CustomFieldQuotaPerModule = ZohoEditionLimits.CustomFieldsPerModule(spec.Edition);
        foreach (var module in ModuleCatalog.Modules)
            _modules[module] = new ModuleStore(ModuleCatalog.Create(module, NextId));
        RoleIds = (NextId(), NextId());
        ProfileIds = (NextId(), NextId());

        var slug = new string(spec.CompanyName.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        Admin = AddUser(
            spec.AdminFirstName,
            spec.AdminLastName,
            spec.AdminEmail ?? $"{spec.AdminFirstName}.{spec.AdminLastName}@{(slug.Length == 0 ? "org" : slug)}.example".ToLowerInvariant(),
            spec.AdminTimeZone ?? spec.TimeZone,
            spec.Locale,
            isAdmin: true);
        PrimaryEmail = Admin.Email;
        AddClient(spec.RedirectUri, spec.ClientId, spec.ClientSecret);
    }

    internal ZohoSimulatorState State { get; }

    /// <summary>Guards the org's records and metadata; HTTP handlers and test seeding both take it.</summary>
    internal Lock Gate { get; } = new();

    internal (string Admin, string Standard) RoleIds { get; }

    internal (string Admin, string Standard) ProfileIds { get; }

    /// <summary>The CRM org id (<c>GET /org</c> → <c>id</c>).</summary>
    public string Id { get; }

    /// <summary>The Zoho group id: a different value from <see cref="Id"/> (zoho.md §3).</summary>
    public string Zgid { get; }

    public string CompanyName { get; }

    public ZohoEdition Edition { get; }

    public string TimeZone { get; }

    public string CountryCode { get; }

    public string PrimaryEmail { get; }

    public int Licences { get; }

    public ZohoUser Admin { get; }

    public IReadOnlyList<ZohoUser> Users
    {
        get { lock (Gate) return [.. _users]; }
    }

    public IReadOnlyList<ZohoOAuthClient> Clients
    {
        get { lock (Gate) return [.. _clients]; }
    }

    /// <summary>The client registered when the org was created.</summary>
    public ZohoOAuthClient Client => Clients[0];

    public int CustomFieldQuotaPerModule { get; set; }

    /// <summary>
    /// Zoho's duplicate-check preference: on insert and update, Contacts refuse a second record with the same Email
    /// and Accounts with the same Account_Name (DUPLICATE_DATA). Admins can turn it off; so can tests.
    /// </summary>
    public bool SystemDuplicateCheck { get; set; } = true;

    public ZohoUser AddUser(string firstName, string lastName, string email, string? timeZone = null, string? locale = null, bool isAdmin = false)
    {
        lock (Gate)
        {
            var user = new ZohoUser(this, NextId(), State.NextZuid())
            {
                FirstName = firstName,
                LastName = lastName,
                Email = email,
                TimeZone = timeZone ?? TimeZone,
                Locale = locale ?? "en_US",
                IsAdmin = isAdmin,
            };
            _users.Add(user);
            return user;
        }
    }

    /// <summary>A deactivated user can no longer call the API or own records.</summary>
    public void DeactivateUser(ZohoUser user)
    {
        lock (Gate) user.Status = "disabled";
    }

    public ZohoUser? FindUser(string id)
    {
        lock (Gate) return _users.Find(u => u.Id == id);
    }

    public ZohoOAuthClient AddClient(Uri redirectUri, string? clientId = null, string? clientSecret = null)
    {
        var client = new ZohoOAuthClient
        {
            ClientId = clientId ?? ZohoTokens.NewClientId(),
            ClientSecret = clientSecret ?? ZohoTokens.NewSecret(),
            RedirectUri = redirectUri,
            HomeOrgId = Id,
        };
        lock (Gate) _clients.Add(client);
        State.RegisterClient(client);
        return client;
    }

    internal string NextId() => (_idPrefix + Interlocked.Increment(ref _idSequence)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A standard module's id: Zoho numbers them low in the org's id space, below any record's id.</summary>
    internal string ModuleId(string module) =>
        (_idPrefix + 2_175 + Array.IndexOf(ModuleCatalog.Modules, module)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal ModuleStore? Store(string module) => _modules.GetValueOrDefault(module);

    internal ModuleStore RequireStore(string module) =>
        Store(module) ?? throw new ArgumentException($"'{module}' is not a simulated module; use one of {string.Join(", ", ModuleCatalog.Modules)}.", nameof(module));

    internal string TagId(string name)
    {
        if (!_tagIds.TryGetValue(name, out var id))
        {
            id = NextId();
            _tagIds[name] = id;
        }
        return id;
    }
}
