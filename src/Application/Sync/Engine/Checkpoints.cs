using System.Globalization;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// Where the CRM's reading of a module starts: the newest change it showed, and whether every change stamped at or
/// before it has surely been listed already (<see cref="Settled"/>), so that the next read need not look back.
/// </summary>
internal readonly record struct CrmPosition(DateTimeOffset At, bool Settled)
{
    /// <summary>The time the next read asks for the changes after: the position itself once settled, else the overlap before it.</summary>
    public DateTimeOffset ReadFrom => Settled ? At : At - Checkpoints.Overlap;
}

/// <summary>Where each side's reading of a module starts, and where it moves once the module's writes are recorded.</summary>
internal static class Checkpoints
{
    /// <summary>
    /// Each side is read from a little before its checkpoint: a change committed in the same second as the newest
    /// one seen, but listed after the read, is not missed. The records this brings back again are recognised by
    /// their links and not read twice.
    /// </summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long after its Modified_Time a CRM change may still be missing from Zoho's lists: the overlap's reason.
    /// Inferred (zoho.md documents no figure): the overlap has always assumed it is under two seconds.
    /// </summary>
    public static readonly TimeSpan CrmCommitLag = Overlap;

    /// <summary>
    /// How much earlier than its Date an answer may have been listed: Zoho stamps the Date once the answer is ready,
    /// after it listed the records (inferred: a list page is answered well within a second).
    /// </summary>
    private static readonly TimeSpan AnswerTime = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A CRM position written "after {instant}" is settled; one written as a bare instant (as every position stored
    /// before settling existed) is read from the overlap before it.
    /// </summary>
    private const string SettledPrefix = "after ";

    public static (DateTimeOffset? Notes, CrmPosition? Crm) Since(SyncProfile profile, SyncModule module)
    {
        var checkpoint = profile.CheckpointOf(module);
        return (Instant(checkpoint.NotesPosition), CrmPositionOf(checkpoint.CrmPosition));
    }

    /// <summary>
    /// The newest Modified_Time up to which a CRM read that began now has surely listed every change. Zoho's own
    /// clock, from the Date of the read's first answer, when it gave one; else ours at the read's start less the
    /// skew the servers' clocks may have. Either way less the time that answer may have taken and the commit lag.
    /// </summary>
    public static DateTimeOffset CrmListedThrough(DateTimeOffset? firstAnswerDate, DateTimeOffset readStart) =>
        CrmReadBegan(firstAnswerDate, readStart) - CrmCommitLag;

    /// <summary>When a CRM read began on the CRM's clock, as early as it may have been.</summary>
    private static DateTimeOffset CrmReadBegan(DateTimeOffset? firstAnswerDate, DateTimeOffset readStart) =>
        firstAnswerDate is { } date ? date - AnswerTime : readStart - LinkVersions.ClockSkew;

    /// <summary>
    /// Each side's position is the newest change it showed us, on its own clock. When it showed none, the position it
    /// was read from stays: nothing changed since then up to the read, and whatever changes after is newer. A first
    /// run that found nothing takes the run's start less a margin for clock skew.
    /// <para>
    /// The CRM's position is settled once the read that reached it had surely listed every change stamped up to it
    /// (<see cref="SideReads.CrmListedThrough"/>): then no change at or before it can appear any more — one made
    /// later carries a later Modified_Time, since Zoho's clock had passed it when it answered — and the next read
    /// starts right after it instead of the overlap before. Without that, a quiet re-sync after a large write would
    /// list again, every time, the records written in the write's last two seconds. A position not settled yet (the
    /// read came within the commit lag of its newest change, or Zoho's clock cannot be trusted to be past it) keeps
    /// the overlap, so an edit committed late within the same second is still read.
    /// </para>
    /// <para>
    /// Notes keeps the overlap: DAS's change list is one unpaged call whatever it holds, and a document it brings
    /// back at the version its link holds is not read again (<see cref="NotesReader"/>), so looking back two seconds
    /// costs no call there.
    /// </para>
    /// </summary>
    /// <paramref name="notesToRetry"/>: the Notes items this run left for a reason that may pass, read again next time.
    public static void Advance(
        SyncContext ctx, SyncModule module, SideReads reads, (DateTimeOffset? Notes, CrmPosition? Crm) since, IReadOnlyList<string> notesToRetry)
    {
        var fallback = ctx.StartedAt - LinkVersions.ClockSkew;
        var crmAt = reads.CrmNewest ?? since.Crm?.At ?? fallback;
        var crmSettled = (reads.CrmNewest is null && since.Crm is { Settled: true }) || crmAt <= reads.CrmListedThrough;
        if (reads.CrmPassedOverFrom is { } passedOver && crmAt > passedOver) (crmAt, crmSettled) = (passedOver, false);
        ctx.Profile.AdvanceCheckpoint(module,
            Text(reads.NotesNewest ?? since.Notes ?? fallback), Text(new CrmPosition(crmAt, crmSettled)), notesToRetry);
    }

    /// <summary>The Notes items the last run left to be read again, changed or not.</summary>
    public static IReadOnlyList<string> NotesToRetry(SyncProfile profile, SyncModule module) => profile.CheckpointOf(module).NotesToRetry;

    private static CrmPosition? CrmPositionOf(string? text)
    {
        var settled = text?.StartsWith(SettledPrefix, StringComparison.Ordinal) == true;
        return Instant(settled ? text![SettledPrefix.Length..] : text) is { } at ? new CrmPosition(at, settled) : null;
    }

    private static DateTimeOffset? Instant(string? position) =>
        DateTimeOffset.TryParse(position, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    private static string Text(CrmPosition position) => (position.Settled ? SettledPrefix : "") + Text(position.At);

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
