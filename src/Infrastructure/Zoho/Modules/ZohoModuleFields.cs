using NotesSync.Domain.Profiles;

namespace NotesSync.Infrastructure.Zoho.Modules;

/// <summary>One product field of a module, the Zoho field that holds it, and Zoho's length limit for it.</summary>
internal sealed record ZohoField(string Name, string ApiName, int MaxLength);

/// <summary>
/// How one sync module's records look in Zoho (zoho.md §2): the api name of each product field, Zoho's limits,
/// and the values Zoho holds. Reads give the product's values; writes give Zoho's fields, each cut to its limit
/// (what was cut is said, so the run can tell the user: a shortened title beats a missing contact).
/// </summary>
internal abstract class ZohoModuleTranslation
{
    public abstract SyncModule Module { get; }
    public abstract IReadOnlyList<ZohoField> Fields { get; }

    /// <summary>Zoho fields to read: every mapped one, plus what the sync needs besides (the time, the private tag, the owner).</summary>
    public IReadOnlyList<string> ApiNamesToRead =>
        [.. Fields.Select(f => f.ApiName).Distinct(StringComparer.Ordinal), "Modified_Time", "Tag", ZohoRecords.OwnerField];

    public virtual IReadOnlyDictionary<string, string?> FromZoho(ZohoRecord record, PickLists pickLists) =>
        Fields.ToDictionary(f => f.Name, f => record.Fields.GetValueOrDefault(f.ApiName), StringComparer.Ordinal);

    /// <summary>The Zoho fields of a write of <paramref name="values"/> (only the fields given), and the ones cut to fit.</summary>
    public virtual (Dictionary<string, string?> Fields, List<string> Shortened) ToZoho(
        IReadOnlyDictionary<string, string?> values, PickLists pickLists)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        var shortened = new List<string>();
        foreach (var field in Fields.Where(f => values.ContainsKey(f.Name)))
        {
            var value = values[field.Name];
            if (value is not null && value.Length > field.MaxLength)
            {
                value = CutAt(value, field.MaxLength);
                shortened.Add(field.Name);
            }

            fields[field.ApiName] = value ?? "";
        }

        return (fields, shortened);
    }

    public static ZohoModuleTranslation For(SyncModule module) => module switch
    {
        SyncModule.Contacts => new ZohoContactFields(),
        SyncModule.Tasks => new ZohoTaskFields(),
        SyncModule.Events => new ZohoEventFields(),
        _ => throw new NotSupportedException($"The {module} module has no Zoho translation yet."),
    };

    /// <summary>Cuts without splitting a surrogate pair, so a shortened "Zoë 😀" is still valid text.</summary>
    private static string CutAt(string value, int length) =>
        char.IsHighSurrogate(value[length - 1]) ? value[..(length - 1)] : value[..length];
}

/// <summary>The org's picklists of one module, api name → its values in Zoho's order (empty when unknown).</summary>
internal sealed record PickLists(IReadOnlyDictionary<string, IReadOnlyList<string>> Values)
{
    public static PickLists None { get; } = new(new Dictionary<string, IReadOnlyList<string>>());

    public IReadOnlyList<string> Of(string apiName) => Values.GetValueOrDefault(apiName) ?? [];
}
