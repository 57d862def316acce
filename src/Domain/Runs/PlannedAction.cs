using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Domain.Runs;

/// <summary>One field a planned update would write: to <see cref="Side"/>, from what it holds to the other side's value.</summary>
public sealed record PlannedField(string Name, string? From, string? To, SyncSide Side);

/// <summary>
/// What a preview found a run would do with one record (api.md "plan"): the action, each side's id and display name,
/// how a first sync matched the pair, the fields an update would write, and the winner of a conflict. Kept with its
/// run until the run is forgotten (the organisation's purge deletes them).
/// </summary>
public sealed class PlannedAction : AggregateRoot
{
    private List<PlannedField> _fields = [];

    private PlannedAction() { }

    public Guid RunId { get; private set; }

    /// <summary>The order the run decided it in: pages read in that order.</summary>
    public int Position { get; private set; }

    public SyncModule Module { get; private set; }
    public string Action { get; private set; } = "";
    public string? NotesId { get; private set; }
    public string? NotesName { get; private set; }
    public string? CrmId { get; private set; }
    public string? CrmName { get; private set; }
    public string? MatchedBy { get; private set; }
    public SyncSide? Winner { get; private set; }
    public IReadOnlyList<PlannedField> Fields => _fields;

    public static PlannedAction Of(
        SyncRun run, int position, SyncModule module, string action, (string? Id, string? Name) notes, (string? Id, string? Name) crm,
        string? matchedBy, IReadOnlyList<PlannedField> fields, SyncSide? winner) => new()
    {
        OrgId = run.OrgId,
        RunId = run.Id,
        Position = position,
        Module = module,
        Action = action,
        NotesId = notes.Id is { Length: > 0 } ? notes.Id : null,
        NotesName = Shortened(notes.Name),
        CrmId = crm.Id is { Length: > 0 } ? crm.Id : null,
        CrmName = Shortened(crm.Name),
        MatchedBy = matchedBy,
        Winner = winner,
        _fields = [.. fields],
    };

    /// <summary>The key the same record has in another run's plan (a preview and the run that applies it).</summary>
    public string Key => $"{Module}|{NotesId}|{CrmId}";

    private static string? Shortened(string? name) => name is { Length: > 200 } ? name[..200] : name;
}
