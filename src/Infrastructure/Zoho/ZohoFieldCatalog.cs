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
    public string? DataType(string apiName) => DataTypes.GetValueOrDefault(apiName);
}

/// <summary>
/// The fields of each org's modules, in this node's memory. Nothing is lost with it: on a miss (another node, a
/// restart) it is read again from the fields API, and every preparation reads it afresh.
/// </summary>
internal sealed class ZohoFieldCatalog
{
    private readonly ConcurrentDictionary<(string OrgId, SyncModule Module), ZohoModuleFields> _known = new();

    public bool TryGet(string orgId, SyncModule module, out ZohoModuleFields fields) =>
        _known.TryGetValue((orgId, module), out fields!);

    public void Remember(string orgId, SyncModule module, ZohoModuleFields fields) => _known[(orgId, module)] = fields;
}
