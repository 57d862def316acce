namespace NotesSync.Simulators.Zoho;

/// <summary>The CRM edition decides the org's default limits (zoho.md §4).</summary>
public enum ZohoEdition
{
    Free,
    Standard,
    Professional,
    Enterprise,
    Ultimate,
}

internal static class ZohoEditionLimits
{
    /// <summary>Documented per-app-per-org concurrency: Free 5, Standard 10, Professional 15, Enterprise 20, Ultimate 25.</summary>
    public static int Concurrency(ZohoEdition edition) => edition switch
    {
        ZohoEdition.Free => 5,
        ZohoEdition.Standard => 10,
        ZohoEdition.Professional => 15,
        ZohoEdition.Enterprise => 20,
        _ => 25,
    };

    /// <summary>
    /// Credits per rolling 24 h. zoho.md marks the figures inferred: Enterprise 50,000 + 1,000 per licence is the
    /// quoted example; the other editions' per-licence figures are this simulator's guesses.
    /// </summary>
    public static int DailyCredits(ZohoEdition edition, int licences) => edition switch
    {
        ZohoEdition.Free => 5_000,
        ZohoEdition.Standard => Math.Min(50_000 + (250 * licences), 100_000),
        ZohoEdition.Professional => Math.Min(50_000 + (500 * licences), 3_000_000),
        ZohoEdition.Enterprise => Math.Min(50_000 + (1_000 * licences), 5_000_000),
        _ => Math.Min(50_000 + (2_000 * licences), 5_000_000),
    };

    /// <summary>zoho.md: "Standard: 10 per module". The other editions' quotas are guesses.</summary>
    public static int CustomFieldsPerModule(ZohoEdition edition) => edition switch
    {
        ZohoEdition.Free => 5,
        ZohoEdition.Standard => 10,
        ZohoEdition.Professional => 100,
        ZohoEdition.Enterprise => 300,
        _ => 500,
    };
}
