using NotesSync.Domain.Common;

namespace NotesSync.Domain.Profiles;

public enum SyncModule
{
    Contacts,
    Tasks,
    Events,
}

public enum SyncDirection
{
    NotesToCrm,
    CrmToNotes,
    TwoWay,
}

public enum ConflictWinner
{
    Crm,
    Notes,
}

/// <summary>Which calendar entries a run considers (help page: all events, from today, from last month).</summary>
public enum EventRange
{
    All,
    FromToday,
    FromLastMonth,
}

/// <summary>What a user chose to sync and how (product.md §3). Valid by construction.</summary>
public sealed record SyncSettings
{
    public const int MinAutoSyncMinutes = 15;
    public const int MaxAutoSyncMinutes = 1440;

    public bool Contacts { get; private init; }
    public bool Tasks { get; private init; }
    public bool Events { get; private init; }
    public EventRange EventRange { get; private init; }
    public SyncDirection Direction { get; private init; }
    public ConflictWinner ConflictWinner { get; private init; }
    public int? AutoSyncMinutes { get; private init; }

    /// <summary>A new user's profile: contacts and tasks both ways, the CRM wins, manual runs only.</summary>
    public static SyncSettings Default { get; } = new()
    {
        Contacts = true,
        Tasks = true,
        Events = false,
        EventRange = EventRange.FromToday,
        Direction = SyncDirection.TwoWay,
        ConflictWinner = ConflictWinner.Crm,
    };

    public static Result<SyncSettings> Create(
        bool contacts, bool tasks, bool events, EventRange eventRange,
        SyncDirection direction, ConflictWinner conflictWinner, int? autoSyncMinutes)
    {
        if (!contacts && !tasks && !events)
            return Error.Validation("nothing-selected", "Choose at least one of contacts, tasks and events.");
        if (autoSyncMinutes is < MinAutoSyncMinutes or > MaxAutoSyncMinutes)
            return Error.Validation("auto-sync-out-of-range",
                $"Automatic sync runs every {MinAutoSyncMinutes} to {MaxAutoSyncMinutes} minutes, or is off.");

        return new SyncSettings
        {
            Contacts = contacts,
            Tasks = tasks,
            Events = events,
            EventRange = eventRange,
            Direction = direction,
            ConflictWinner = conflictWinner,
            AutoSyncMinutes = autoSyncMinutes,
        };
    }

    public IEnumerable<SyncModule> Modules
    {
        get
        {
            if (Contacts) yield return SyncModule.Contacts;
            if (Tasks) yield return SyncModule.Tasks;
            if (Events) yield return SyncModule.Events;
        }
    }
}
