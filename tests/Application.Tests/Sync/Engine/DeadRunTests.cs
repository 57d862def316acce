using NotesSync.Domain.Profiles;
using static NotesSync.Application.Tests.Sync.Engine.SyncScenario;

namespace NotesSync.Application.Tests.Sync.Engine;

/// <summary>A run that dies after writing and before saving its links: the next run adopts what it wrote.</summary>
public class DeadRunTests
{
    private readonly SyncScenario _scenario = new();

    [Fact]
    public async Task Contacts_a_dead_run_copied_into_Notes_are_adopted_not_copied_again()
    {
        _scenario.Crm.Add(SyncModule.Contacts, Contact("Zoé", "Martin", "zoe@example.fr"), At(20, 10));
        _scenario.Crm.Add(SyncModule.Contacts, Contact("Paul", "Durand", "paul@example.fr"), At(20, 11));
        _scenario.Links.Unreachable = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => _scenario.SyncAsync());

        _scenario.Links.Unreachable = false;
        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        Assert.Equal(2, _scenario.Notes.Count);
        Assert.Equal(2, _scenario.Crm.Of(SyncModule.Contacts).Count());
        Assert.Equal(_scenario.Notes.All.Select(n => $"{n.Unid}={n.CrmId}").Order(StringComparer.Ordinal), _scenario.Links.Pairs(SyncModule.Contacts));
    }

    [Fact]
    public async Task A_document_a_dead_run_re_created_in_Notes_is_adopted_by_its_link_not_copied_again()
    {
        var unid = _scenario.Notes.Add(Contact("Zoé", "Martin", "zoe@example.fr"), At(20, 10));
        Assert.True((await _scenario.SyncAsync()).IsSuccess);
        var crmId = Assert.Single(_scenario.Crm.Of(SyncModule.Contacts)).Id;
        // Deleted in Notes while edited in the CRM: the edit wins, the document is created again; the run dies.
        _scenario.Notes.Remove(unid);
        _scenario.Crm.Edit(crmId, "title", "Directrice");
        _scenario.Links.Unreachable = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => _scenario.SyncAsync());

        _scenario.Links.Unreachable = false;
        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        var document = Assert.Single(_scenario.Notes.All);
        Assert.Equal((crmId, "Directrice"), (document.CrmId, document.Values["title"]));
        Assert.Single(_scenario.Crm.Of(SyncModule.Contacts));
        Assert.Equal([$"{document.Unid}={crmId}"], _scenario.Links.Pairs(SyncModule.Contacts));
    }

    [Fact]
    public async Task A_task_a_dead_run_re_created_in_the_CRM_is_adopted_by_its_link_not_copied_again()
    {
        var unid = _scenario.NotesTasks.Add(ToDo("Call ACME back", "2026-12-01"), At(20, 10));
        Assert.True((await _scenario.SyncAsync(SyncModule.Tasks)).IsSuccess);
        var crmId = Assert.Single(_scenario.Crm.Of(SyncModule.Tasks)).Id;
        // Deleted in the CRM while edited in Notes: the edit wins, the task is created again; the run dies.
        _scenario.Crm.Remove(crmId);
        _scenario.NotesTasks.Edit(unid, "priority", "high");
        _scenario.Links.Unreachable = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => _scenario.SyncAsync(SyncModule.Tasks));

        _scenario.Links.Unreachable = false;
        Assert.True((await _scenario.SyncAsync(SyncModule.Tasks)).IsSuccess);

        var task = Assert.Single(_scenario.Crm.Of(SyncModule.Tasks));
        Assert.Equal((unid, "high"), (task.NotesUnid, task.Values["priority"]));
        Assert.Equal(1, _scenario.NotesTasks.Count);
        Assert.Equal([$"{unid}={task.Id}"], _scenario.Links.Pairs(SyncModule.Tasks));
    }
}
