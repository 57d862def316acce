using NotesSync.Application.Notes;
using NotesSync.Domain.Profiles;

namespace NotesSync.Infrastructure.Domino.Modules;

/// <summary>One product field of a module and the Notes item that holds it.</summary>
internal sealed record NotesField(string Name, string Item);

/// <summary>
/// How one sync module's records look in a mail file (das.md §3–4): the view that lists them, their form, and the
/// item of each product field. Reads give the product's values; writes give the items to send (only the fields given).
/// </summary>
internal abstract class NotesModuleItems
{
    /// <summary>The item on each synced document that holds the CRM record's id (crash-safe adoption).</summary>
    public const string CrmIdItem = "NotesSyncCrmId";

    public abstract SyncModule Module { get; }
    public abstract string View { get; }
    public abstract string Form { get; }
    public abstract IReadOnlyList<NotesField> Fields { get; }

    public bool IsOfModule(NotesDocument document) => string.Equals(document.Form, Form, StringComparison.OrdinalIgnoreCase);

    /// <summary>A multi-value item reads as its values joined (a contact's two phone numbers are one field).</summary>
    public virtual IReadOnlyDictionary<string, string?> FromItems(NotesDocument document) =>
        Fields.ToDictionary(f => f.Name, f => document.Items.GetValueOrDefault(f.Item) is { } item ? string.Join(", ", item.Values) : null,
            StringComparer.Ordinal);

    public virtual Dictionary<string, NotesItem> ToItems(IReadOnlyDictionary<string, string?> values) =>
        Fields.Where(f => values.ContainsKey(f.Name))
            .ToDictionary(f => f.Item, f => NotesItem.Text(values[f.Name] ?? ""), StringComparer.Ordinal);

    public static NotesModuleItems For(SyncModule module, TimeProvider clock) => module switch
    {
        SyncModule.Contacts => new NotesContactItems(),
        SyncModule.Tasks => new NotesTaskItems(clock),
        _ => throw new NotSupportedException($"The {module} module has no Notes translation yet."),
    };
}
