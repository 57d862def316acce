namespace NotesSync.Domain.Sync;

/// <summary>
/// A side that reports most of what NotesSync linked as gone at once is more likely broken (a view emptied by a
/// server problem, a CRM export gone wrong) than emptied on purpose: the run deletes nothing and says so, and the
/// user checks the data before syncing again.
/// </summary>
public static class MassDeletionGuard
{
    /// <summary>More than this share of the module's links reported gone on one side stops the module.</summary>
    public const double MaximumShare = 0.5;

    /// <summary>Below this many links a few deletions are a large share by chance, and the guard stays quiet.</summary>
    public const int MinimumLinks = 10;

    /// <summary>Whether <paramref name="reportedDeleted"/> of <paramref name="linked"/> records gone on one side is too many to mirror.</summary>
    public static bool Stops(int linked, int reportedDeleted) =>
        linked >= MinimumLinks && reportedDeleted > linked * MaximumShare;
}
