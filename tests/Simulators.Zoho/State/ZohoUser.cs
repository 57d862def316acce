namespace NotesSync.Simulators.Zoho;

/// <summary>A CRM user of one org. <see cref="Id"/> is the CRM user id, <see cref="Zuid"/> the accounts id.</summary>
public sealed class ZohoUser
{
    internal ZohoUser(ZohoOrg org, string id, string zuid)
    {
        Org = org;
        Id = id;
        Zuid = zuid;
    }

    internal ZohoOrg Org { get; }

    public string OrgId => Org.Id;

    public string Id { get; }

    public string Zuid { get; }

    public required string FirstName { get; init; }

    public required string LastName { get; init; }

    public string FullName => string.IsNullOrEmpty(FirstName) ? LastName : $"{FirstName} {LastName}";

    public required string Email { get; init; }

    /// <summary>IANA id. Every date-time this user reads comes back in this zone, with its offset.</summary>
    public required string TimeZone { get; init; }

    public required string Locale { get; init; }

    public bool IsAdmin { get; init; }

    /// <summary>"active" or "disabled" (Zoho's wording for a deactivated user).</summary>
    public string Status { get; internal set; } = "active";

    public bool Confirmed { get; init; } = true;
}
