namespace NotesSync.Simulators.Zoho;

/// <summary>What a new org looks like. Every member has a usable default.</summary>
public sealed class ZohoOrgSpec
{
    public string CompanyName { get; init; } = "Zylker Traders";

    public ZohoEdition Edition { get; init; } = ZohoEdition.Enterprise;

    public string TimeZone { get; init; } = "Europe/Paris";

    public string CountryCode { get; init; } = "FR";

    public int Licences { get; init; } = 10;

    public string AdminFirstName { get; init; } = "Patricia";

    public string AdminLastName { get; init; } = "Boyle";

    /// <summary>Null: derived from the admin's name and the company.</summary>
    public string? AdminEmail { get; init; }

    /// <summary>Null: the org's time zone.</summary>
    public string? AdminTimeZone { get; init; }

    public string Locale { get; init; } = "fr_FR";

    /// <summary>Registers an OAuth client for the org. Null id/secret: random, Zoho-shaped ones.</summary>
    public Uri RedirectUri { get; init; } = new("http://localhost:5000/oauth/zoho/callback");

    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    /// <summary>Null: the edition's documented concurrency (zoho.md §4).</summary>
    public int? ConcurrencyLimit { get; init; }

    /// <summary>Null: the edition's base plus per-licence credits.</summary>
    public int? DailyCreditLimit { get; init; }
}
