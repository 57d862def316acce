using NotesSync.Domain.Profiles;
using static NotesSync.Application.Tests.Sync.Engine.SyncScenario;

namespace NotesSync.Application.Tests.Sync.Engine;

/// <summary>Once a module's writes are all recorded, each side's checkpoint moves to the newest change it showed.</summary>
public class CheckpointTests
{
    private readonly SyncScenario _scenario = new();

    [Fact]
    public async Task A_first_sync_moves_each_checkpoint_to_the_newest_record_that_side_showed()
    {
        _scenario.Notes.Add(Contact("Zoé", "Martin", "zoe@example.fr"), At(21, 15, 30));
        _scenario.Notes.Add(Contact("Paul", "Durand", "paul@example.fr"), At(20, 10));
        _scenario.Crm.Add(SyncModule.Contacts, Contact("Léa", "Blanc", "lea@example.fr"), At(23, 12));
        _scenario.Crm.Add(SyncModule.Contacts, Contact("Marc", "Roux", "marc@example.fr"), At(22, 8));

        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        Assert.Equal("2026-11-21T15:30:00.0000000+00:00", _scenario.Checkpoint().NotesPosition);
        // The CRM answered at 09:00, long after its newest record: nothing at or before it can appear any more.
        Assert.Equal("after 2026-11-23T12:00:00.0000000+00:00", _scenario.Checkpoint().CrmPosition);
        Assert.Null(_scenario.Checkpoint(SyncModule.Tasks).NotesPosition);
    }

    [Fact]
    public async Task The_next_run_reads_from_the_checkpoint_and_moves_it_to_the_change_it_found()
    {
        var unid = _scenario.Notes.Add(Contact("Zoé", "Martin", "zoe@example.fr"), At(21, 15, 30));
        Assert.True((await _scenario.SyncAsync()).IsSuccess);
        _scenario.Clock.SetUtcNow(At(26, 8));
        _scenario.Notes.Edit(unid, "title", "Directrice");
        _scenario.Notes.Calls.Clear();

        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        Assert.Equal("2026-11-26T08:00:00.0000000+00:00", _scenario.Checkpoint().NotesPosition);
        Assert.Equal("Directrice", Assert.Single(_scenario.Crm.Of(SyncModule.Contacts)).Values["title"]);
        Assert.Equal(["list", "changed", $"get {unid}"], _scenario.Notes.Calls);
    }

    [Fact]
    public async Task A_first_sync_of_an_empty_module_starts_its_checkpoints_from_before_the_run_allowing_for_clock_skew()
    {
        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        // The run began at 09:00:00; the servers' clocks may be five minutes behind ours. The CRM, read whole, said
        // it answered at 09:00:00: nothing stamped five minutes before can appear any more.
        Assert.Equal("2026-11-25T08:55:00.0000000+00:00", _scenario.Checkpoint().NotesPosition);
        Assert.Equal("after 2026-11-25T08:55:00.0000000+00:00", _scenario.Checkpoint().CrmPosition);
    }
}
