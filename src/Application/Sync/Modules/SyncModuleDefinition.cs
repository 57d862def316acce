using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Sync.Modules;

/// <summary>
/// What makes contacts, tasks (and later events) different for the sync, in the product's own terms: the fields a
/// record of the module has (the names the links fingerprint and the dashboard shows), how two values are made
/// comparable, and what tells two records of the same thing apart on a first sync. Where each field lives on each
/// side is the adapters' business (the DAS adapter's items, the Zoho adapter's api names).
/// </summary>
public abstract class SyncModuleDefinition
{
    public abstract SyncModule Module { get; }

    /// <summary>The module's fields, by their product names.</summary>
    public abstract IReadOnlyList<string> Fields { get; }

    /// <summary>
    /// The values as the sync compares them: every field of the module present (a missing one is empty), blanks as
    /// no value, surrounding white space trimmed, and the module's own rules (e-mail addresses without case).
    /// </summary>
    public IReadOnlyDictionary<string, string?> Canonical(IReadOnlyDictionary<string, string?> values)
    {
        var canonical = new Dictionary<string, string?>(Fields.Count, StringComparer.Ordinal);
        foreach (var field in Fields) canonical[field] = CanonicalValue(field, values.GetValueOrDefault(field));
        return canonical;
    }

    /// <summary>One value as the sync compares it (see <see cref="Canonical"/>).</summary>
    public string? CanonicalValue(string field, string? value) =>
        !string.IsNullOrWhiteSpace(value) ? Normalised(field, value.Trim()) : null;

    /// <summary>Keys two records of the same thing share, for the first sync's matching, strongest first.</summary>
    public abstract IEnumerable<string> MatchKeys(IReadOnlyDictionary<string, string?> values);

    /// <summary>
    /// The field the CRM keeps one record per value of, across its users (a contact's e-mail: one contact per
    /// person), or null when the module has none. A Notes item whose value a colleague's CRM record already holds is
    /// not created a second time.
    /// </summary>
    public virtual string? IdentityField => null;

    /// <summary>The value of <see cref="IdentityField"/> in <paramref name="values"/>, as the sync compares it, or null.</summary>
    public string? IdentityOf(IReadOnlyDictionary<string, string?> values) =>
        IdentityField is { } field ? CanonicalValue(field, values.GetValueOrDefault(field)) : null;

    protected virtual string Normalised(string field, string value) => value;

    public static IReadOnlyList<SyncModuleDefinition> All { get; } = [new ContactModule(), new TaskModule()];
}
