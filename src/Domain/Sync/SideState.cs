using NotesSync.Domain.Links;
using NotesSync.Domain.Runs;

namespace NotesSync.Domain.Sync;

public enum SidePresence
{
    /// <summary>Not on this side and never linked there: nothing to propagate, nothing to delete.</summary>
    Absent,
    Present,
    /// <summary>Was linked, is gone now.</summary>
    Deleted,

    /// <summary>
    /// Linked, and not read by this run: it reported no change since the link, or could not be found (a CRM record
    /// that lost its cross-reference). Nothing is decided on half the facts.
    /// </summary>
    Unread,
}

/// <summary>
/// One side of a pair as a run finds it. Field values are canonical: keyed by the mapped field names the link's
/// fingerprints use, a field missing from <see cref="Fields"/> reads as empty.
/// </summary>
public sealed class SideState
{
    private static readonly IReadOnlyDictionary<string, string?> NoFields = new Dictionary<string, string?>();

    private SideState(
        SidePresence presence, IReadOnlyDictionary<string, string?> fields, bool isPrivate, bool isOutOfRange, bool isColleagues = false)
    {
        Presence = presence;
        Fields = fields;
        IsPrivate = isPrivate;
        IsOutOfRange = isOutOfRange;
        IsColleagues = isColleagues;
    }

    public SidePresence Presence { get; }
    public IReadOnlyDictionary<string, string?> Fields { get; }

    /// <summary>A private or confidential Notes item, or a CRM record the profile marks private: never synced.</summary>
    public bool IsPrivate { get; }

    /// <summary>An event outside the profile's range: left alone on both sides.</summary>
    public bool IsOutOfRange { get; }

    /// <summary>
    /// A CRM record another CRM user owns: outside this user's records (product.md: a user syncs their own), so never
    /// written, matched or deleted by this user's sync. Its values are not this user's to see: it has none here.
    /// </summary>
    public bool IsColleagues { get; }

    public bool IsPresent => Presence == SidePresence.Present;

    public static SideState Absent { get; } = new(SidePresence.Absent, NoFields, false, false);
    public static SideState Deleted { get; } = new(SidePresence.Deleted, NoFields, false, false);
    public static SideState Unread { get; } = new(SidePresence.Unread, NoFields, false, false);
    public static SideState OwnedByColleague { get; } = new(SidePresence.Present, NoFields, false, false, isColleagues: true);

    public static SideState Present(
        IReadOnlyDictionary<string, string?> fields, bool isPrivate = false, bool isOutOfRange = false)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new SideState(SidePresence.Present, fields, isPrivate, isOutOfRange);
    }

    public string? ValueOf(string field) => Fields.TryGetValue(field, out var value) ? value : null;

    /// <summary>
    /// Whether this side changed any field since <paramref name="link"/> last synced it: a value that differs from what
    /// this side held then, or a non-empty value in a field the link has never synced.
    /// </summary>
    public bool ChangedSince(RecordLink link, SyncSide side)
    {
        ArgumentNullException.ThrowIfNull(link);
        return IsPresent && Fields.Any(field => FieldMerge.Changed(link, side, field.Key, field.Value));
    }

    public override string ToString() =>
        IsColleagues ? "OwnedByColleague"
        : IsPresent ? $"Present({Fields.Count} fields{(IsPrivate ? ", private" : "")}{(IsOutOfRange ? ", out of range" : "")})"
                  : Presence.ToString();
}
