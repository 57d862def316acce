using System.Globalization;
using NotesSync.Simulators.Domino.Calendar;

namespace NotesSync.Simulators.Domino.Notes;

/// <summary>A Notes document. Mutated only under the <see cref="State.DominoState"/> lock.</summary>
internal sealed class NotesDocument(string unid, int noteId, DateTimeOffset created)
{
    public string Unid { get; } = unid;
    public int NoteId { get; } = noteId;
    public string NoteIdHex => NoteId.ToString("X", CultureInfo.InvariantCulture);
    public DateTimeOffset Created { get; } = created;
    public DateTimeOffset Modified
    {
        get;
        set
        {
            field = value;
            Revision++;
        }
    } = created;

    public string? ParentUnid
    {
        get;
        set
        {
            field = value;
            Revision++;
        }
    }

    /// <summary>Counts every change made through this class: what a view already built can be checked against.</summary>
    public int Revision { get; private set; }
    public OrderedDictionary<string, NotesItem> Items { get; } = new(StringComparer.OrdinalIgnoreCase);
    public HashSet<string> ReadBy { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<string> UpdatedBy { get; } = [];

    /// <summary>Calendar-and-scheduling data the items cannot carry (attendee states, recurrence).</summary>
    public CalendarEntry? Calendar
    {
        get;
        set
        {
            field = value;
            Revision++;
        }
    }

    public string Form => Text("Form");

    public NotesItem? Item(string name) => Items.TryGetValue(name, out var item) ? item : null;

    public string Text(string name) => Item(name)?.FirstText ?? "";

    public void Set(NotesItem item)
    {
        Revision++;
        if (Items.TryGetValue(item.Name, out _))
        {
            // Notes keeps the original spelling of an item's name when it is replaced.
            var index = Items.IndexOf(item.Name);
            var existingName = Items.GetAt(index).Key;
            Items.SetAt(index, item with { Name = existingName });
            return;
        }
        Items.Add(item.Name, item);
    }

    public void SetText(string name, string? value)
    {
        if (string.IsNullOrEmpty(value)) Remove(name);
        else Set(NotesItem.Text(name, value));
    }

    public void Remove(string name)
    {
        Revision++;
        Items.Remove(name);
    }

    /// <summary>Puts back the items a refused write had started to change.</summary>
    public void RestoreItems(IEnumerable<NotesItem> items)
    {
        Revision++;
        Items.Clear();
        foreach (var item in items) Items.Add(item.Name, item);
    }

    public void MarkUpdatedBy(string canonicalName)
    {
        UpdatedBy.Remove(canonicalName);
        UpdatedBy.Add(canonicalName);
    }

    public DocumentSnapshot Snapshot() => new(
        Unid, NoteIdHex, Form, Created, Modified, ParentUnid,
        Items.Values.ToDictionary(i => i.Name, i => i, StringComparer.OrdinalIgnoreCase),
        Calendar?.EventId);
}

/// <summary>A copy of a document, safe to read outside the simulator's lock.</summary>
public sealed record DocumentSnapshot(
    string Unid,
    string NoteId,
    string Form,
    DateTimeOffset Created,
    DateTimeOffset Modified,
    string? ParentUnid,
    IReadOnlyDictionary<string, NotesItem> Items,
    string? EventId)
{
    public string Text(string name) => Items.TryGetValue(name, out var item) ? item.FirstText : "";

    public IReadOnlyList<object> Values(string name) => Items.TryGetValue(name, out var item) ? item.Values : [];
}
