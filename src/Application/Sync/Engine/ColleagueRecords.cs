using NotesSync.Application.Crm;
using NotesSync.Application.Sync.Modules;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// What a run learnt of the CRM records other users own: not this user's to sync, so none of their values is kept,
/// only what tells whether one of this user's items is already theirs — the record's id (a link or a Notes document
/// may name it), the Notes UNID it carries, and its identity value (a contact's e-mail).
/// </summary>
internal sealed class ColleagueRecords(SyncModuleDefinition module)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _identities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the user's own sync may see <paramref name="record"/>: it must say it is theirs.</summary>
    public static bool IsOwnedBy(CrmRecord record, string userId) => string.Equals(record.OwnerId, userId, StringComparison.Ordinal);

    public void Add(CrmRecord record)
    {
        _ids.Add(record.Id);
        if (record.NotesUnid is { Length: > 0 } unid) _unids.Add(unid);
        if (module.IdentityOf(record.Values) is { } identity) _identities.Add(identity);
    }

    public bool Owns(string crmId) => _ids.Contains(crmId);

    /// <summary>
    /// Whether a colleague's record already stands for this Notes item: it carries the item's UNID, the item carries
    /// its id, or it holds the item's identity value. Such an item is neither created nor upserted: an upsert on the
    /// UNID would take the colleague's record over.
    /// </summary>
    public bool Hold(NotesSide notes) =>
        _unids.Contains(notes.Unid)
        || (notes.CrmId is { } crmId && _ids.Contains(crmId))
        || (module.IdentityOf(notes.Values) is { } identity && _identities.Contains(identity));
}
