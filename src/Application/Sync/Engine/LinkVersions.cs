using NotesSync.Domain.Links;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// Which versions of a record a link may name, and whether a side still holds what its link remembers, so that a
/// version the link does not name yet can be taken as known (our own cross-reference write, or the checkpoint's
/// overlap, brings such versions back).
/// </summary>
internal static class LinkVersions
{
    /// <summary>How far the servers' clocks may be from ours (the checkpoints assume the same).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A modification time that names one version only, or null. DAS and Zoho give modification times to the second,
    /// so a save later in the same second as the version read would carry the same time; a time whose second was
    /// over on every server's clock before the run began (allowing for clock skew) cannot be shared by a later save.
    /// </summary>
    public static DateTimeOffset? UnambiguousVersion(DateTimeOffset? modified, DateTimeOffset runStart) =>
        UnambiguousBefore(modified, SecondOverOnEveryClock(runStart));

    /// <summary>
    /// The same, against a time whose second was over before the read began: Domino's own time (its Date header,
    /// whole seconds) from an answer received before the read was sent. A save after the read falls in a later second.
    /// </summary>
    public static DateTimeOffset? UnambiguousBefore(DateTimeOffset? modified, DateTimeOffset before) =>
        modified is { } at && at < before ? at : null;

    /// <summary>
    /// The time before which a Notes document read from now on has an unambiguous version: Domino's time, from its
    /// latest answer (no clock skew to allow for), else the run's start less the skew.
    /// </summary>
    public static DateTimeOffset NotesUnambiguousBefore(DateTimeOffset? serverTime, DateTimeOffset runStart) =>
        serverTime ?? SecondOverOnEveryClock(runStart);

    /// <summary>On our clock, a time whose second any server's clock had left behind when the run began.</summary>
    private static DateTimeOffset SecondOverOnEveryClock(DateTimeOffset runStart) => runStart - ClockSkew - TimeSpan.FromSeconds(1);

    /// <summary><paramref name="values"/> are exactly the fields the link knows, each as <paramref name="side"/> held it.</summary>
    public static bool MatchesLink(RecordLink link, SyncSide side, IReadOnlyDictionary<string, string?> values) =>
        link.Fingerprints.Count == values.Count
        && values.All(field => link.FingerprintOf(side, field.Key) is { } last && last.Matches(field.Value));

    /// <summary>No field was left different on the two sides (a one-way profile may leave some apart).</summary>
    public static bool SidesAgree(RecordLink link) =>
        link.Fingerprints.Keys.All(field => link.FingerprintOf(SyncSide.Notes, field) == link.FingerprintOf(SyncSide.Crm, field));

    /// <summary>
    /// A CRM record that changed nothing the link knows (our cross-reference write touched it), beside a Notes
    /// document that did not change since the checkpoint either: the pair is as synced, so the document need not be
    /// read to decide it. A record that turned private is still read, to be decided (and counted) as private.
    /// </summary>
    public static bool CrmRecordAsLinked(RecordLink link, CrmSide crm) =>
        !crm.IsPrivate && SidesAgree(link) && MatchesLink(link, SyncSide.Crm, crm.Values);
}
