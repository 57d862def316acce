using NotesSync.Domain.Profiles;
using static NotesSync.Application.Sync.Modules.TaskModule;

namespace NotesSync.Infrastructure.Zoho.Modules;

/// <summary>
/// Zoho Tasks (zoho.md §2). <c>Status</c> and <c>Priority</c> are picklists the org can edit, so they are read and
/// written by meaning against the org's own values (from the fields metadata), never as literal words: "Completed",
/// "Done" or "Terminée" all mean completed. An org whose list has no value of a meaning gets Zoho's default word,
/// which Zoho then refuses for that record only (reported), rather than a guess.
/// </summary>
internal sealed class ZohoTaskFields : ZohoModuleTranslation
{
    private const string StatusField = "Status";
    private const string PriorityField = "Priority";

    // Words that say a meaning in the picklists Zoho ships and in the ways orgs rename them (English and French).
    private static readonly string[] CompletedWords = ["complet", "done", "closed", "finished", "termin", "fait", "achev"];
    private static readonly string[] OpenWords = ["not started", "open", "to do", "todo", "new", "pas commenc", "à faire", "a faire", "nouveau"];
    private static readonly string[] HighWords = ["high", "urgent", "haut", "élev", "elev", "important"];
    private static readonly string[] LowWords = ["low", "bas", "faible"];
    private static readonly string[] NormalWords = ["normal", "medium", "moyen"];

    public override SyncModule Module => SyncModule.Tasks;

    public override IReadOnlyList<ZohoField> Fields { get; } =
    [
        new(Subject, "Subject", 255),
        new(DueDate, "Due_Date", 10),
        new(Status, StatusField, 100),
        new(Priority, PriorityField, 100),
        new(Description, "Description", 32000),
    ];

    public override IReadOnlyDictionary<string, string?> FromZoho(ZohoRecord record, PickLists pickLists)
    {
        var values = new Dictionary<string, string?>(base.FromZoho(record, pickLists), StringComparer.Ordinal);
        values[DueDate] = values.GetValueOrDefault(DueDate) is { Length: >= 10 } due ? due[..10] : null;
        values[Status] = Means(values.GetValueOrDefault(Status), CompletedWords) ? Completed : Open;
        values[Priority] = values.GetValueOrDefault(Priority) is { } priority
            ? Means(priority, HighWords) ? High : Means(priority, LowWords) ? Low : Normal
            : Normal;
        return values;
    }

    public override (Dictionary<string, string?> Fields, List<string> Shortened) ToZoho(
        IReadOnlyDictionary<string, string?> values, PickLists pickLists)
    {
        var words = new Dictionary<string, string?>(values, StringComparer.Ordinal);
        if (words.TryGetValue(Status, out var status))
            words[Status] = status == Completed
                ? ValueMeaning(pickLists.Of(StatusField), CompletedWords) ?? "Completed"
                : ValueMeaning(pickLists.Of(StatusField), OpenWords)
                    ?? pickLists.Of(StatusField).FirstOrDefault(v => !IsNone(v) && !Means(v, CompletedWords)) ?? "Not Started";
        if (words.TryGetValue(Priority, out var priority))
            words[Priority] = priority switch
            {
                High => ValueMeaning(pickLists.Of(PriorityField), HighWords) ?? "High",
                Low => ValueMeaning(pickLists.Of(PriorityField), LowWords) ?? "Low",
                _ => ValueMeaning(pickLists.Of(PriorityField), NormalWords) ?? "Normal",
            };
        return base.ToZoho(words, pickLists);
    }

    /// <summary>
    /// The org's value that says the meaning; the plainest one when several do ("High" before "Highest": the shortest).
    /// </summary>
    private static string? ValueMeaning(IReadOnlyList<string> pickList, string[] words) =>
        pickList.Where(v => !IsNone(v) && Means(v, words)).OrderBy(v => v.Length).FirstOrDefault();

    private static bool Means(string? value, string[] words) =>
        value is not null && words.Any(w => value.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>Zoho lists "-None-" first in a picklist that may be left empty.</summary>
    private static bool IsNone(string value) => value.Trim('-', ' ').Equals("None", StringComparison.OrdinalIgnoreCase);
}
