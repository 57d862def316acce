using System.Globalization;
using NotesSync.Application.Crm;
using NotesSync.Application.Notes;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Sync.Modules;

/// <summary>
/// To-dos: the mail file's Task documents (das.md §4) and Zoho Tasks. Status and priority are compared by meaning
/// ("completed"/"open", "high"/"normal"/"low"), since each side has its own vocabulary.
/// </summary>
public sealed class TaskMapping(TimeProvider clock) : ModuleMapping
{
    public TaskMapping() : this(TimeProvider.System) { }

    public override SyncModule Module => SyncModule.Tasks;
    public override string NotesView => "($ToDo)";
    public override string NotesForm => "Task";

    public override IReadOnlyList<FieldMap> Fields { get; } =
    [
        new("subject", "Subject", "Subject", 255),
        new("dueDate", "DueDateTime", "Due_Date", 10),
        new("status", "CompletedDateTime", "Status", 100),
        new("priority", "Importance", "Priority", 100),
        new("description", "Body", "Description", 32000),
    ];

    public override IEnumerable<string> MatchKeys(IReadOnlyDictionary<string, string?> values)
    {
        if (values.GetValueOrDefault("subject") is { } subject)
            yield return $"t:{subject.ToUpperInvariant()}|{values.GetValueOrDefault("dueDate")}";
    }

    public override IReadOnlyDictionary<string, string?> FromNotes(NotesDocument document)
    {
        var items = document.Items;
        // The due date is kept as a date: Notes stores an instant (UTC on the wire), Zoho a calendar date (inferred:
        // the UTC date of the instant, which is the user's date for due times set during the working day).
        var due = items.GetValueOrDefault("DueDateTime")?.First ?? items.GetValueOrDefault("DueDate")?.First;
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["subject"] = Clean(items.GetValueOrDefault("Subject")?.First),
            ["dueDate"] = due is { Length: >= 10 } ? due[..10] : null,
            ["status"] = Clean(items.GetValueOrDefault("CompletedDateTime")?.First) is null ? "open" : "completed",
            ["priority"] = items.GetValueOrDefault("Importance")?.First switch { "1" => "high", "3" => "low", _ => "normal" },
            ["description"] = Clean(items.GetValueOrDefault("Body") is { } body ? string.Join("\n", body.Values) : null),
        };
    }

    public override IReadOnlyDictionary<string, string?> FromCrm(CrmRecord record)
    {
        var f = record.Fields;
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["subject"] = Clean(f.GetValueOrDefault("Subject")),
            ["dueDate"] = f.GetValueOrDefault("Due_Date") is { Length: >= 10 } due ? due[..10] : null,
            ["status"] = string.Equals(f.GetValueOrDefault("Status"), "Completed", StringComparison.OrdinalIgnoreCase) ? "completed" : "open",
            ["priority"] = f.GetValueOrDefault("Priority")?.ToUpperInvariant() switch
            {
                "HIGHEST" or "HIGH" => "high",
                "LOW" or "LOWEST" => "low",
                _ => "normal",
            },
            ["description"] = Clean(f.GetValueOrDefault("Description")),
        };
    }

    public override IReadOnlyDictionary<string, NotesItem> ToNotes(IReadOnlyDictionary<string, string?> values)
    {
        var items = new Dictionary<string, NotesItem>(StringComparer.Ordinal);
        if (values.TryGetValue("subject", out var subject)) items["Subject"] = NotesItem.Text(subject ?? "");
        if (values.TryGetValue("dueDate", out var due))
            items["DueDateTime"] = due is not null && DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? NotesItem.Date(date)
                : NotesItem.Text("");
        if (values.TryGetValue("status", out var status))
            items["CompletedDateTime"] = status == "completed" ? NotesItem.DateTime(clock.GetUtcNow()) : NotesItem.Text("");
        if (values.TryGetValue("priority", out var priority))
            items["Importance"] = NotesItem.Text(priority switch { "high" => "1", "low" => "3", _ => "2" });
        if (values.TryGetValue("description", out var description)) items["Body"] = NotesItem.Text(description ?? "");
        return items;
    }

    public override (IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<string> Truncated) ToCrm(IReadOnlyDictionary<string, string?> values)
    {
        var mapped = new Dictionary<string, string?>(values, StringComparer.Ordinal);
        // Zoho's picklists are the org's to edit (zoho.md §2); these are the defaults every edition ships.
        if (mapped.TryGetValue("status", out var status)) mapped["status"] = status == "completed" ? "Completed" : "Not Started";
        if (mapped.TryGetValue("priority", out var priority))
            mapped["priority"] = priority switch { "high" => "High", "low" => "Low", _ => "Normal" };
        return base.ToCrm(mapped);
    }
}
