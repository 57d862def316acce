using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;

namespace NotesSync.Domain.Links;

/// <summary>
/// The field values each side holds once a sync's writes are done. Usually the same on both sides; a one-way profile
/// can leave a field different (a change it may not carry back, a conflict won by the side it may not write).
/// In memory only: a link keeps fingerprints of it, never the values.
/// </summary>
public sealed record SyncedVersion(IReadOnlyDictionary<string, string?> Notes, IReadOnlyDictionary<string, string?> Crm)
{
    public static SyncedVersion Same(IReadOnlyDictionary<string, string?> fields) => new(fields, fields);
}

/// <summary>
/// One synced pair: a Notes document and a CRM record that NotesSync knows are the same thing, with a fingerprint
/// of each mapped field as each side held it after the last sync. The unit of idempotency and the base of the
/// field-level merge.
/// </summary>
public sealed class RecordLink : AggregateRoot
{
    // Hex never contains it, so the stored form reads back unambiguously.
    private const char SideSeparator = '/';

    // One entry per field: "hash" when both sides hold the same value, "notesHash/crmHash" when a one-way profile
    // left them apart. Each side is then compared with what it itself holds, so a re-run sees no phantom change;
    // links stored before sides could differ read back as agreeing.
    private Dictionary<string, string> _fingerprints = [];

    private RecordLink() { }

    public string UserId { get; private set; } = "";
    public SyncModule Module { get; private set; }
    public string NotesUnid { get; private set; } = "";
    public string CrmId { get; private set; } = "";
    public DateTimeOffset? NotesModifiedAt { get; private set; }

    /// <summary>
    /// Domino's time (to the second) when it answered NotesSync's latest write of the document; null when the link's
    /// version was read rather than written. DAS answers a write with no Last-Modified, so the version NotesSync
    /// wrote is known on the next run by its time: modified after <see cref="NotesModifiedAt"/> and by then.
    /// </summary>
    public DateTimeOffset? NotesWrittenAt { get; private set; }
    public DateTimeOffset? CrmModifiedAt { get; private set; }
    public DateTimeOffset LinkedAt { get; private set; }
    public DateTimeOffset SyncedAt { get; private set; }

    /// <summary>The stored form: per field, one hash, or the Notes and the CRM hash when the sides differ.</summary>
    public IReadOnlyDictionary<string, string> Fingerprints => _fingerprints;

    /// <summary>Links a pair whose two sides hold <paramref name="syncedFields"/>.</summary>
    public static RecordLink Link(
        string orgId, string userId, SyncModule module, string notesUnid, string crmId,
        IReadOnlyDictionary<string, string?> syncedFields, DateTimeOffset? notesModifiedAt,
        DateTimeOffset? crmModifiedAt, DateTimeOffset now) =>
        Link(orgId, userId, module, notesUnid, crmId, SyncedVersion.Same(syncedFields), notesModifiedAt, crmModifiedAt, now);

    public static RecordLink Link(
        string orgId, string userId, SyncModule module, string notesUnid, string crmId,
        SyncedVersion synced, DateTimeOffset? notesModifiedAt, DateTimeOffset? crmModifiedAt, DateTimeOffset now,
        DateTimeOffset? notesWrittenAt = null)
    {
        var link = new RecordLink
        {
            OrgId = Guard.NotBlank(orgId, nameof(orgId), 64),
            UserId = Guard.NotBlank(userId, nameof(userId), 64),
            Module = module,
            NotesUnid = Guard.NotBlank(notesUnid, nameof(notesUnid), 64),
            CrmId = Guard.NotBlank(crmId, nameof(crmId), 64),
            LinkedAt = now,
        };
        link.Resynced(synced, notesModifiedAt, crmModifiedAt, now, notesWrittenAt);
        return link;
    }

    /// <summary>Both sides now hold <paramref name="syncedFields"/>: remember their fingerprints, not the values.</summary>
    public void Resynced(
        IReadOnlyDictionary<string, string?> syncedFields, DateTimeOffset? notesModifiedAt,
        DateTimeOffset? crmModifiedAt, DateTimeOffset now) =>
        Resynced(SyncedVersion.Same(syncedFields), notesModifiedAt, crmModifiedAt, now);

    /// <summary>
    /// Each side now holds its part of <paramref name="synced"/>: remember their fingerprints, not the values, and
    /// which versions those are (<paramref name="notesWrittenAt"/>: when NotesSync's write of the document was answered).
    /// </summary>
    public void Resynced(
        SyncedVersion synced, DateTimeOffset? notesModifiedAt, DateTimeOffset? crmModifiedAt, DateTimeOffset now,
        DateTimeOffset? notesWrittenAt = null)
    {
        ArgumentNullException.ThrowIfNull(synced);
        _fingerprints = synced.Notes.Keys.Union(synced.Crm.Keys, StringComparer.Ordinal).ToDictionary(
            field => field,
            field => Stored(
                Fingerprint.Of(synced.Notes.GetValueOrDefault(field)), Fingerprint.Of(synced.Crm.GetValueOrDefault(field))),
            StringComparer.Ordinal);
        NotesModifiedAt = notesModifiedAt;
        NotesWrittenAt = notesWrittenAt;
        CrmModifiedAt = crmModifiedAt;
        SyncedAt = now;
        Touch();
    }

    /// <summary>
    /// Whether the document's version modified at <paramref name="modified"/> is the one this link holds: the version
    /// read (the same time), or the one NotesSync wrote (after the version read, and no later than Domino's answer).
    /// A save by someone else within the same second as that answer cannot be told from ours by its time.
    /// </summary>
    public bool HoldsNotesVersion(DateTimeOffset modified) =>
        modified == NotesModifiedAt
        || (NotesWrittenAt is { } written && modified <= written && (NotesModifiedAt is not { } read || modified > read));

    /// <summary>The version NotesSync wrote is now known by its own time (when that time names it alone; else null).</summary>
    public void NotesVersionSeen(DateTimeOffset? modified)
    {
        if (modified is null || NotesWrittenAt is null) return;
        NotesModifiedAt = modified;
        NotesWrittenAt = null;
        Touch();
    }

    /// <summary>The fingerprint of <paramref name="field"/> as <paramref name="side"/> held it after the last sync; null for a field never synced.</summary>
    public Fingerprint? FingerprintOf(SyncSide side, string field)
    {
        if (!_fingerprints.TryGetValue(field, out var stored)) return null;
        var separator = stored.IndexOf(SideSeparator, StringComparison.Ordinal);
        if (separator < 0) return new Fingerprint(stored);
        return new Fingerprint(side == SyncSide.Notes ? stored[..separator] : stored[(separator + 1)..]);
    }

    private static string Stored(Fingerprint notes, Fingerprint crm) =>
        notes == crm ? notes.Value : $"{notes.Value}{SideSeparator}{crm.Value}";
}
