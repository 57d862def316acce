using System.Text.Json.Nodes;

namespace NotesSync.Simulators.Zoho.Crm;

internal sealed class StoredRecord
{
    public required string Id { get; init; }

    public required long Key { get; init; }

    /// <summary>Normalised values: lookups as {"id"}, date-times in UTC, participants with their row ids.</summary>
    public JsonObject Values { get; set; } = [];

    public DateTimeOffset CreatedTime { get; init; }

    public DateTimeOffset ModifiedTime { get; set; }

    public required ZohoUser CreatedBy { get; init; }

    public required ZohoUser ModifiedBy { get; set; }

    public required ZohoUser Owner { get; set; }

    public List<string> Tags { get; set; } = [];

    public string? GetString(string field) => Values[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

internal sealed class DeletedEntry
{
    public required string Id { get; init; }

    public required string? DisplayName { get; init; }

    public required ZohoUser? DeletedBy { get; init; }

    public required ZohoUser? CreatedBy { get; init; }

    public required DateTimeOffset DeletedTime { get; init; }

    /// <summary>When the row left the recycle bin for good (emptied, or after 60 days). Null: still in the bin.</summary>
    public DateTimeOffset? PermanentSince { get; set; }
}

internal sealed class ModuleStore(ModuleSchema schema)
{
    private readonly Dictionary<string, StoredRecord[]> _sorted = new(StringComparer.Ordinal);
    private long _sortedVersion = -1;

    public ModuleSchema Schema { get; } = schema;

    public Dictionary<string, StoredRecord> ById { get; } = new(StringComparer.Ordinal);

    public List<DeletedEntry> Deleted { get; } = [];

    public long Version { get; private set; }

    public void Touch() => Version++;

    /// <summary>Records ascending by the sort key then id; cached until the next write.</summary>
    public StoredRecord[] SortedAscending(string sortBy)
    {
        if (_sortedVersion != Version)
        {
            _sorted.Clear();
            _sortedVersion = Version;
        }
        if (_sorted.TryGetValue(sortBy, out var cached)) return cached;
        var all = ById.Values.ToArray();
        Array.Sort(all, (a, b) => Compare(a, b, sortBy));
        _sorted[sortBy] = all;
        return all;
    }

    public static long SortValue(StoredRecord record, string sortBy) => sortBy switch
    {
        "Created_Time" => record.CreatedTime.UtcTicks,
        "Modified_Time" => record.ModifiedTime.UtcTicks,
        _ => record.Key,
    };

    public static int Compare(StoredRecord a, StoredRecord b, string sortBy)
    {
        var bySort = SortValue(a, sortBy).CompareTo(SortValue(b, sortBy));
        return bySort != 0 ? bySort : a.Key.CompareTo(b.Key);
    }
}
