using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Sync.Modules;

/// <summary>
/// To-dos (product.md §3). Status and priority are meanings, not either side's words: <see cref="Completed"/> or
/// <see cref="Open"/>; <see cref="High"/>, <see cref="Normal"/> or <see cref="Low"/>. The due date is a calendar
/// date, <c>yyyy-MM-dd</c>.
/// </summary>
public sealed class TaskModule : SyncModuleDefinition
{
    public const string Subject = "subject";
    public const string DueDate = "dueDate";
    public const string Status = "status";
    public const string Priority = "priority";
    public const string Description = "description";

    public const string Completed = "completed";
    public const string Open = "open";
    public const string High = "high";
    public const string Normal = "normal";
    public const string Low = "low";

    public override SyncModule Module => SyncModule.Tasks;
    public override IReadOnlyList<string> Fields { get; } = [Subject, DueDate, Status, Priority, Description];

    public override string MatchedBy(string key) => "subjectDueDate";

    public override string? DisplayNameOf(IReadOnlyDictionary<string, string?> values) => values.GetValueOrDefault(Subject);

    /// <summary>By subject and due date.</summary>
    public override IEnumerable<string> MatchKeys(IReadOnlyDictionary<string, string?> values)
    {
        if (values.GetValueOrDefault(Subject) is { } subject)
            yield return $"t:{subject.ToUpperInvariant()}|{values.GetValueOrDefault(DueDate)}";
    }
}
