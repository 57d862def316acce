using System.Globalization;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Sync.Engine;

/// <summary>Where each side's reading of a module starts, and where it moves once the module's writes are recorded.</summary>
internal static class Checkpoints
{
    /// <summary>
    /// Each side is read from a little before its checkpoint: a change committed in the same second as the newest
    /// one seen, but listed after the read, is not missed. The records this brings back again are recognised by
    /// their links and not read twice.
    /// </summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(2);

    public static (DateTimeOffset? Notes, DateTimeOffset? Crm) Since(SyncProfile profile, SyncModule module)
    {
        var checkpoint = profile.CheckpointOf(module);
        return (Instant(checkpoint.NotesPosition), Instant(checkpoint.CrmPosition));
    }

    /// <summary>
    /// Each side's position is the newest change it showed us, on its own clock. When it showed none, the position it
    /// was read from stays: nothing changed since then up to the read, and whatever changes after is newer. A first
    /// run that found nothing takes the run's start less a margin for clock skew.
    /// </summary>
    /// <paramref name="notesToRetry"/>: the Notes items this run left for a reason that may pass, read again next time.
    public static void Advance(
        SyncContext ctx, SyncModule module, SideReads reads, (DateTimeOffset? Notes, DateTimeOffset? Crm) since, IReadOnlyList<string> notesToRetry)
    {
        var fallback = ctx.StartedAt - LinkVersions.ClockSkew;
        ctx.Profile.AdvanceCheckpoint(module,
            Position(reads.NotesNewest ?? since.Notes ?? fallback), Position(reads.CrmNewest ?? since.Crm ?? fallback), notesToRetry);
    }

    /// <summary>The Notes items the last run left to be read again, changed or not.</summary>
    public static IReadOnlyList<string> NotesToRetry(SyncProfile profile, SyncModule module) => profile.CheckpointOf(module).NotesToRetry;

    private static DateTimeOffset? Instant(string? position) =>
        DateTimeOffset.TryParse(position, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    private static string Position(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
