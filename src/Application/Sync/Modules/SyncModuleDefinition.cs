using NotesSync.Application.Notes;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Sync.Modules;

/// <summary>
/// What makes contacts, tasks and events different for the sync, in the product's own terms: the fields a record of
/// the module has (the names the links fingerprint and the dashboard shows), how two values are made comparable, and
/// what tells two records of the same thing apart on a first sync. Where each field lives on each side is the
/// adapters' business (the DAS adapter's items, the Zoho adapter's api names).
/// </summary>
public abstract class SyncModuleDefinition
{
    public abstract SyncModule Module { get; }

    /// <summary>The module's fields, by their product names.</summary>
    public abstract IReadOnlyList<string> Fields { get; }

    /// <summary>
    /// Fields a CRM write carries all of as soon as it carries one (an event's start, end and reminder: Zoho's reminder
    /// is a time, which means nothing without the start it is set before). Empty for most modules.
    /// </summary>
    public virtual IReadOnlyList<string> WrittenTogether { get; } = [];

    /// <summary>
    /// The values as the sync compares them: every field of the module present (a missing one is empty), blanks as
    /// no value, surrounding white space trimmed, and the module's own rules (e-mail addresses without case).
    /// </summary>
    public IReadOnlyDictionary<string, string?> Canonical(IReadOnlyDictionary<string, string?> values)
    {
        var prepared = Prepared(values);
        var canonical = new Dictionary<string, string?>(Fields.Count, StringComparer.Ordinal);
        foreach (var field in Fields) canonical[field] = CanonicalValue(field, prepared.GetValueOrDefault(field));
        return canonical;
    }

    /// <summary>One value as the sync compares it (see <see cref="Canonical"/>).</summary>
    public string? CanonicalValue(string field, string? value) =>
        !string.IsNullOrWhiteSpace(value) ? Normalised(field, value.Trim()) : null;

    /// <summary>Keys two records of the same thing share, for the first sync's matching, strongest first.</summary>
    public abstract IEnumerable<string> MatchKeys(IReadOnlyDictionary<string, string?> values);

    /// <summary>What a first-sync match on <paramref name="key"/> (one of <see cref="MatchKeys"/>) is called in a preview's plan.</summary>
    public abstract string MatchedBy(string key);

    /// <summary>How a record is named to the user (a preview's plan): a contact's name, a task's subject, an event's title.</summary>
    public abstract string? DisplayNameOf(IReadOnlyDictionary<string, string?> values);

    /// <summary>Whether a record with these canonical values is outside what the profile syncs (events: the range).</summary>
    public virtual bool IsOutOfRange(IReadOnlyDictionary<string, string?> values) => false;

    /// <summary>The module's Notes records in the user's mail file.</summary>
    public virtual INotesRecords NotesRecordsIn(INotesMailbox mailbox) => mailbox.RecordsOf(Module);

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

    /// <summary>Values that depend on one another made comparable together (an event's times by its all-day mark).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Prepared(IReadOnlyDictionary<string, string?> values) => values;

    public static IReadOnlyList<SyncModuleDefinition> All { get; } = [new ContactModule(), new TaskModule()];

    /// <summary>
    /// The modules a run syncs, in order: contacts, tasks, then events in <paramref name="window"/> (made for the run:
    /// the range depends on the user's today).
    /// </summary>
    public static IEnumerable<SyncModuleDefinition> ForRun(SyncSettings settings, EventWindow? window)
    {
        foreach (var module in All.Where(m => settings.Modules.Contains(m.Module))) yield return module;
        if (settings.Events && window is not null) yield return new EventModule(window);
    }
}
