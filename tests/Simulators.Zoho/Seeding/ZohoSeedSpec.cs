namespace NotesSync.Simulators.Zoho;

/// <summary>How much realistic data <see cref="ZohoOrg.Seed"/> adds. The same seed and clock give the same data.</summary>
public sealed class ZohoSeedSpec
{
    public int Users { get; init; }

    public int Accounts { get; init; }

    public int Contacts { get; init; }

    public int Tasks { get; init; }

    public int Events { get; init; }

    public int Seed { get; init; } = 42;

    /// <summary>Share of records tagged "Private" (NotesSync's default privacy rule reads that tag).</summary>
    public double PrivateShare { get; init; } = 0.05;

    /// <summary>How far back Created_Time/Modified_Time reach.</summary>
    public TimeSpan History { get; init; } = TimeSpan.FromDays(90);
}

public sealed record ZohoSeedResult(
    IReadOnlyList<string> UserIds,
    IReadOnlyList<string> AccountIds,
    IReadOnlyList<string> ContactIds,
    IReadOnlyList<string> TaskIds,
    IReadOnlyList<string> EventIds);
