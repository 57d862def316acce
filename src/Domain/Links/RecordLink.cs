using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Domain.Links;

/// <summary>
/// One synced pair: a Notes document and a CRM record that NotesSync knows are the same thing, with a fingerprint
/// of each mapped field as last synced. The unit of idempotency and the base of the field-level merge.
/// </summary>
public sealed class RecordLink : AggregateRoot
{
    private Dictionary<string, string> _fingerprints = [];

    private RecordLink() { }

    public string UserId { get; private set; } = "";
    public SyncModule Module { get; private set; }
    public string NotesUnid { get; private set; } = "";
    public string CrmId { get; private set; } = "";
    public DateTimeOffset? NotesModifiedAt { get; private set; }
    public DateTimeOffset? CrmModifiedAt { get; private set; }
    public DateTimeOffset LinkedAt { get; private set; }
    public DateTimeOffset SyncedAt { get; private set; }

    public IReadOnlyDictionary<string, string> Fingerprints => _fingerprints;

    public static RecordLink Link(
        string orgId, string userId, SyncModule module, string notesUnid, string crmId,
        IReadOnlyDictionary<string, string?> syncedFields, DateTimeOffset? notesModifiedAt,
        DateTimeOffset? crmModifiedAt, DateTimeOffset now)
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
        link.Resynced(syncedFields, notesModifiedAt, crmModifiedAt, now);
        return link;
    }

    /// <summary>Both sides now hold <paramref name="syncedFields"/>: remember their fingerprints, not the values.</summary>
    public void Resynced(
        IReadOnlyDictionary<string, string?> syncedFields, DateTimeOffset? notesModifiedAt,
        DateTimeOffset? crmModifiedAt, DateTimeOffset now)
    {
        _fingerprints = syncedFields.ToDictionary(f => f.Key, f => Fingerprint.Of(f.Value).Value, StringComparer.Ordinal);
        NotesModifiedAt = notesModifiedAt;
        CrmModifiedAt = crmModifiedAt;
        SyncedAt = now;
        Touch();
    }

    /// <summary>Whether <paramref name="value"/> differs from the field as last synced.</summary>
    public bool FieldChanged(string field, string? value) =>
        !_fingerprints.TryGetValue(field, out var last) || !new Fingerprint(last).Matches(value);
}
