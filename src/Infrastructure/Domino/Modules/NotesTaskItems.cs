using System.Globalization;
using NotesSync.Application.Notes;
using NotesSync.Domain.Profiles;
using static NotesSync.Application.Sync.Modules.TaskModule;

namespace NotesSync.Infrastructure.Domino.Modules;

/// <summary>
/// To-dos: the mail file's Task documents in the <c>($ToDo)</c> view (das.md §4). Notes says a to-do is done by its
/// completion time and rates it by <c>Importance</c> 1 (high), 2 (normal), 3 (low).
/// </summary>
internal sealed class NotesTaskItems(TimeProvider clock) : NotesModuleItems
{
    public override SyncModule Module => SyncModule.Tasks;
    public override string View => "($ToDo)";
    public override string Form => "Task";

    public override IReadOnlyList<NotesField> Fields { get; } =
    [
        new(Subject, "Subject"),
        new(DueDate, "DueDateTime"),
        new(Status, "CompletedDateTime"),
        new(Priority, "Importance"),
        new(Description, "Body"),
    ];

    public override IReadOnlyDictionary<string, string?> FromItems(NotesDocument document)
    {
        var items = document.Items;
        // The due date is kept as a date: Notes stores an instant (UTC on the wire), Zoho a calendar date (inferred:
        // the UTC date of the instant, which is the user's date for due times set during the working day).
        var due = items.GetValueOrDefault("DueDateTime")?.First ?? items.GetValueOrDefault("DueDate")?.First;
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [Subject] = items.GetValueOrDefault("Subject")?.First,
            [DueDate] = due is { Length: >= 10 } ? due[..10] : null,
            [Status] = string.IsNullOrWhiteSpace(items.GetValueOrDefault("CompletedDateTime")?.First) ? Open : Completed,
            [Priority] = items.GetValueOrDefault("Importance")?.First switch { "1" => High, "3" => Low, _ => Normal },
            [Description] = items.GetValueOrDefault("Body") is { } body ? string.Join("\n", body.Values) : null,
        };
    }

    public override Dictionary<string, NotesItem> ToItems(IReadOnlyDictionary<string, string?> values)
    {
        var items = new Dictionary<string, NotesItem>(StringComparer.Ordinal);
        if (values.TryGetValue(Subject, out var subject)) items["Subject"] = NotesItem.Text(subject ?? "");
        if (values.TryGetValue(DueDate, out var due))
            items["DueDateTime"] = due is not null && DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? NotesItem.Date(date)
                : NotesItem.Text("");
        if (values.TryGetValue(Status, out var status))
            items["CompletedDateTime"] = status == Completed ? NotesItem.DateTime(clock.GetUtcNow()) : NotesItem.Text("");
        if (values.TryGetValue(Priority, out var priority))
            items["Importance"] = NotesItem.Text(priority switch { High => "1", Low => "3", _ => "2" });
        if (values.TryGetValue(Description, out var description)) items["Body"] = NotesItem.Text(description ?? "");
        return items;
    }
}
