using System.Collections.Concurrent;
using NotesSync.Domain.Profiles;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>
/// What the adapter must know of one module of one org: the api name Zoho gave the Notes UNID field (usually
/// <c>Notes_UNID</c>; only Zoho knows, so it is read back), whether it is unique (upsert needs it), and each field's
/// <c>data_type</c>, which decides how a written value is typed.
/// </summary>
internal sealed record ZohoModuleFields(string NotesUnid, bool NotesUnidIsUnique, IReadOnlyDictionary<string, string> DataTypes)
{
    /// <summary>Each picklist's values as the org has them (an org can rename or add them: zoho.md §2), in Zoho's order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> PickLists { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public string? DataType(string apiName) => DataTypes.GetValueOrDefault(apiName);
}

/// <summary>
/// The fields of each org's modules, in this node's memory. Nothing is lost with it: on a miss (another node, a
/// restart) it is read again from the fields API. A preparation reads it afresh once it is older than
/// <see cref="FreshFor"/>: an org's users sync one after the other, and the fields API costs credits like any call.
/// </summary>
internal sealed class ZohoFieldCatalog(TimeProvider clock)
{
    /// <summary>How long a preparation trusts what it read: an admin who deletes the field meanwhile makes the runs
    /// fail with Zoho's refusal for at most this long, after which the field is created again.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<(string OrgId, SyncModule Module), (ZohoModuleFields Fields, DateTimeOffset ReadAt)> _known = new();

    public bool TryGet(string orgId, SyncModule module, out ZohoModuleFields fields)
    {
        var found = _known.TryGetValue((orgId, module), out var entry);
        fields = entry.Fields;
        return found;
    }

    /// <summary>Whether the module's fields were read less than <see cref="FreshFor"/> ago.</summary>
    public bool IsFresh(string orgId, SyncModule module) =>
        _known.TryGetValue((orgId, module), out var entry) && clock.GetUtcNow() - entry.ReadAt < FreshFor;

    public void Remember(string orgId, SyncModule module, ZohoModuleFields fields) => _known[(orgId, module)] = (fields, clock.GetUtcNow());
}
