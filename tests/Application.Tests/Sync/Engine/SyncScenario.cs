using Microsoft.Extensions.Time.Testing;
using NotesSync.Application.Sync.Engine;
using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Tests.Sync.Engine;

/// <summary>
/// One user's mail file and CRM in memory, and the engine run on them as <c>ExecuteSyncRunHandler</c> runs it: each
/// <see cref="SyncAsync"/> is a new run of one module, with the profile's settings, links and checkpoints kept
/// from one run to the next.
/// </summary>
public sealed class SyncScenario
{
    public const string OrgId = "org-1";
    public const string UserId = "zoe";

    public SyncScenario()
    {
        Notes = new FakeNotesRecords(SyncModule.Contacts, Clock);
        NotesTasks = new FakeNotesRecords(SyncModule.Tasks, Clock);
        Crm = new FakeCrmRecords(Clock, UserId);
    }

    /// <summary>Our clock, and every fake server's: each write on either side takes one second of it.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public FakeNotesRecords Notes { get; }
    public FakeNotesRecords NotesTasks { get; }
    public FakeCrmRecords Crm { get; }
    public InMemoryLinkStore Links { get; } = new();
    public FakeHeartbeat Heartbeat { get; } = new();
    public SyncProfile Profile { get; } = SyncProfile.Create(OrgId, UserId);

    /// <summary>The latest run.</summary>
    public SyncRun Run { get; private set; } = SyncRun.Queue(OrgId, UserId, RunTrigger.Manual, DateTimeOffset.MinValue);

    public ModuleCounts Counts(SyncModule module = SyncModule.Contacts) => Run.Modules[module];

    public ModuleCheckpoint Checkpoint(SyncModule module = SyncModule.Contacts) => Profile.CheckpointOf(module);

    public void Settings(SyncDirection direction = SyncDirection.TwoWay, ConflictWinner winner = ConflictWinner.Crm) =>
        Profile.ChangeSettings(SyncSettings.Create(true, true, false, EventRange.FromToday, direction, winner, null).Value);

    /// <summary>A new run of <paramref name="module"/>, driven as the run's handler drives each module.</summary>
    public async Task<Result> SyncAsync(SyncModule module = SyncModule.Contacts)
    {
        Run = SyncRun.Queue(OrgId, UserId, RunTrigger.Manual, Clock.GetUtcNow());
        Run.Start(Clock.GetUtcNow());
        await using var liveness = new RunLiveness(Heartbeat, Run.Id, Clock);
        var context = new SyncContext(
            Run, Profile, new FakeNotesMailbox(Notes, NotesTasks), Crm, Links, SavesOnlyRunRepository.Create(), liveness, Clock);
        return await new ModuleRun(SyncModuleDefinition.All.Single(d => d.Module == module), context).RunAsync(CancellationToken.None);
    }

    /// <summary>A contact's values in the product's field names.</summary>
    public static Dictionary<string, string?> Contact(string first, string last, string? email = null, string? phone = null) => new()
    {
        ["firstName"] = first,
        ["lastName"] = last,
        ["email"] = email,
        ["phone"] = phone,
    };

    public static Dictionary<string, string?> ToDo(string subject, string? dueDate) => new()
    {
        ["subject"] = subject,
        ["dueDate"] = dueDate,
        ["status"] = "open",
        ["priority"] = "normal",
    };

    public static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);
}
