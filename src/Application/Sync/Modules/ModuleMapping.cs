using NotesSync.Application.Crm;
using NotesSync.Application.Notes;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Sync.Modules;

/// <summary>
/// One canonical field of a module, and where it lives on each side. The sync compares, merges and fingerprints
/// canonical values, so a module is a table of these plus its two adapters' calls, not a copy of the pipeline.
/// </summary>
public sealed record FieldMap(string Name, string NotesItem, string CrmField, int CrmMaxLength);

/// <summary>What makes contacts, tasks (and later events) different for the sync: their fields and how to read them.</summary>
public abstract class ModuleMapping
{
    /// <summary>The Notes item on each synced document that holds the CRM record's id (crash-safe adoption).</summary>
    public const string CrmIdItem = "NotesSyncCrmId";

    /// <summary>The CRM tag that marks a record private (zoho.md §2: Zoho has no per-record private flag).</summary>
    public const string PrivateTag = "Private";

    public abstract SyncModule Module { get; }
    public abstract string NotesView { get; }
    public abstract string NotesForm { get; }
    public abstract IReadOnlyList<FieldMap> Fields { get; }

    /// <summary>Zoho fields to read: every mapped one, plus what the sync needs besides.</summary>
    public IReadOnlyList<string> CrmFieldsToRead =>
        [.. Fields.Select(f => f.CrmField).Distinct(StringComparer.Ordinal), "Modified_Time", "Tag"];

    public virtual bool IsModuleDocument(NotesDocument document) =>
        string.Equals(document.Form, NotesForm, StringComparison.OrdinalIgnoreCase);

    public virtual IReadOnlyDictionary<string, string?> FromNotes(NotesDocument document) =>
        Fields.ToDictionary(f => f.Name, f => Clean(document.Items.GetValueOrDefault(f.NotesItem) is { } item ? string.Join(", ", item.Values) : null), StringComparer.Ordinal);

    public virtual IReadOnlyDictionary<string, string?> FromCrm(CrmRecord record) =>
        Fields.ToDictionary(f => f.Name, f => Clean(record.Fields.GetValueOrDefault(f.CrmField)), StringComparer.Ordinal);

    public virtual IReadOnlyDictionary<string, NotesItem> ToNotes(IReadOnlyDictionary<string, string?> values) =>
        Fields.Where(f => values.ContainsKey(f.Name))
            .ToDictionary(f => f.NotesItem, f => NotesItem.Text(values[f.Name] ?? ""), StringComparer.Ordinal);

    /// <summary>
    /// The CRM fields to write, each cut to Zoho's length limit; what had to be cut is returned so the run can
    /// report it (the record is still written: a shortened title beats a missing contact).
    /// </summary>
    public virtual (IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<string> Truncated) ToCrm(IReadOnlyDictionary<string, string?> values)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        var truncated = new List<string>();
        foreach (var f in Fields.Where(f => values.ContainsKey(f.Name)))
        {
            var value = values[f.Name];
            if (value is not null && value.Length > f.CrmMaxLength)
            {
                value = CutAt(value, f.CrmMaxLength);
                truncated.Add(f.Name);
            }

            fields[f.CrmField] = value ?? "";
        }

        return (fields, truncated);
    }

    /// <summary>
    /// Readies, once for all the CRM writes of a run, what their values need from the CRM itself (a lookup by name
    /// costs one lookup for the run, not one per record), so that <see cref="ResolveCrmFieldsAsync"/> finds it ready.
    /// <paramref name="valuesToWrite"/> are the canonical values of each write. A failure is the CRM's as a whole; what
    /// fails for one value only is left to <see cref="ResolveCrmFieldsAsync"/> to report on the records that carry it.
    /// </summary>
    public virtual Task<Result> PrepareCrmWritesAsync(
        IEnumerable<IReadOnlyDictionary<string, string?>> valuesToWrite, ICrmGateway crm, string orgId, CancellationToken ct) =>
        Task.FromResult(Result.Success());

    /// <summary>
    /// Turns the CRM fields of a write into what Zoho takes, where a value needs the CRM itself (a lookup by name);
    /// answers an error for this record only, or null.
    /// </summary>
    public virtual Task<Error?> ResolveCrmFieldsAsync(Dictionary<string, string?> fields, ICrmGateway crm, string orgId, CancellationToken ct) =>
        Task.FromResult<Error?>(null);

    /// <summary>A key two records of the same thing share, for the first sync's matching; null when there is none.</summary>
    public abstract IEnumerable<string> MatchKeys(IReadOnlyDictionary<string, string?> values);

    protected static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Cuts without splitting a surrogate pair, so a shortened "Zoë 😀" is still valid text.</summary>
    private static string CutAt(string value, int length) =>
        char.IsHighSurrogate(value[length - 1]) ? value[..(length - 1)] : value[..length];
}
