using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using static NotesSync.Application.Tests.Sync.Engine.SyncScenario;

namespace NotesSync.Application.Tests.Sync.Engine;

/// <summary>A side reporting most of the linked records gone at once is taken for broken: nothing is deleted.</summary>
public class MassDeletionGuardTests
{
    private readonly SyncScenario _scenario = new();
    private List<string> _unids = [];

    [Fact]
    public async Task Six_of_ten_linked_documents_gone_from_Notes_stop_the_module_and_delete_nothing_in_the_CRM()
    {
        await TenLinkedContactsAsync();
        foreach (var unid in _unids.Take(6)) _scenario.Notes.Remove(unid);

        var result = await _scenario.SyncAsync();

        Assert.Equal("mass-deletion-guard", result.Error?.Code);
        Assert.Equal(10, _scenario.Crm.Of(SyncModule.Contacts).Count());
        Assert.Empty(_scenario.Crm.Writes);
        Assert.Equal(10, _scenario.Links.Pairs(SyncModule.Contacts).Count);
    }

    [Fact]
    public async Task Six_of_ten_linked_records_reported_deleted_by_the_CRM_stop_the_module_and_delete_nothing_in_Notes()
    {
        await TenLinkedContactsAsync();
        foreach (var record in _scenario.Crm.Of(SyncModule.Contacts).Take(6).ToList()) _scenario.Crm.Remove(record.Id);

        var result = await _scenario.SyncAsync();

        Assert.Equal("mass-deletion-guard", result.Error?.Code);
        Assert.Equal(10, _scenario.Notes.Count);
        Assert.Empty(_scenario.Notes.Writes);
    }

    [Fact]
    public async Task Five_of_ten_linked_documents_gone_from_Notes_are_deleted_in_the_CRM()
    {
        await TenLinkedContactsAsync();
        foreach (var unid in _unids.Take(5)) _scenario.Notes.Remove(unid);

        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        Assert.Equal(["delete 5"], _scenario.Crm.Writes);
        Assert.Equal(_unids.Skip(5).Order(StringComparer.Ordinal),
            _scenario.Crm.Of(SyncModule.Contacts).Select(r => r.NotesUnid!).Order(StringComparer.Ordinal));
        Assert.Equal(5, _scenario.Links.Pairs(SyncModule.Contacts).Count);
        Assert.Equal(new ModuleCounts(new DirectionCounts(Deleted: 5), new DirectionCounts()), _scenario.Counts());
    }

    private async Task TenLinkedContactsAsync()
    {
        _unids = [.. Enumerable.Range(1, 10).Select(i => _scenario.Notes.Add(Contact($"Client{i}", "Martin", $"client{i}@example.fr"), At(20, i)))];
        Assert.True((await _scenario.SyncAsync()).IsSuccess);
        Assert.Equal(10, _scenario.Links.Pairs(SyncModule.Contacts).Count);
        _scenario.Crm.Calls.Clear();
        _scenario.Notes.Calls.Clear();
    }
}
