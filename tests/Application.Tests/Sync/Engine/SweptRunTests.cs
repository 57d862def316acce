using NotesSync.Application.Sync.Engine;
using NotesSync.Domain.Profiles;
using static NotesSync.Application.Tests.Sync.Engine.SyncScenario;

namespace NotesSync.Application.Tests.Sync.Engine;

/// <summary>A run the sweep took for dead while it ran learns it before its next batch of writes, and writes nothing more.</summary>
public class SweptRunTests
{
    [Fact]
    public async Task A_run_swept_after_its_first_CRM_batch_stops_before_the_next_one()
    {
        var scenario = new SyncScenario();
        foreach (var i in Enumerable.Range(1, 150)) scenario.Notes.Add(Contact($"Client{i}", "Martin", $"client{i}@example.fr"), At(20, 10));
        scenario.Crm.AfterWrite = scenario.Heartbeat.Sweep;

        await Assert.ThrowsAsync<RunNoLongerCurrentException>(() => scenario.SyncAsync());

        Assert.Equal(["create 100"], scenario.Crm.Writes);
        Assert.Empty(scenario.Notes.Writes);
        Assert.Equal(100, scenario.Links.Pairs(SyncModule.Contacts).Count);
        Assert.Null(scenario.Checkpoint().NotesPosition);
    }

    [Fact]
    public async Task A_run_swept_before_its_first_write_writes_nothing()
    {
        var scenario = new SyncScenario();
        scenario.Notes.Add(Contact("Zoé", "Martin", "zoe@example.fr"), At(20, 10));
        scenario.Crm.Add(SyncModule.Contacts, Contact("Léa", "Blanc", "lea@example.fr"), At(20, 11));
        scenario.Heartbeat.Sweep();

        await Assert.ThrowsAsync<RunNoLongerCurrentException>(() => scenario.SyncAsync());

        Assert.Empty(scenario.Crm.Writes);
        Assert.Empty(scenario.Notes.Writes);
        Assert.Empty(scenario.Links.Pairs(SyncModule.Contacts));
    }

    [Fact]
    public async Task A_run_swept_before_it_writes_to_Notes_writes_nothing_there()
    {
        var scenario = new SyncScenario();
        scenario.Crm.Add(SyncModule.Contacts, Contact("Léa", "Blanc", "lea@example.fr"), At(20, 11));
        scenario.Heartbeat.Sweep();

        await Assert.ThrowsAsync<RunNoLongerCurrentException>(() => scenario.SyncAsync());

        Assert.Empty(scenario.Notes.Writes);
    }
}
