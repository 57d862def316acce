using NotesSync.Domain.Profiles;
using static NotesSync.Application.Tests.Sync.Engine.SyncScenario;

namespace NotesSync.Application.Tests.Sync.Engine;

/// <summary>
/// The CRM's changed records are paged by offset in Modified_Time order: a record of a page already read that is
/// edited meanwhile moves to the end, and the record that then moves up into the read page is never listed by that
/// read. Found by the two-node test, where many syncs of one organisation write while each reads.
/// </summary>
public class PagedReadTests
{
    private readonly SyncScenario _scenario = new();

    [Fact]
    public async Task A_record_passed_over_because_another_was_edited_during_the_read_is_synced_by_the_next_run()
    {
        var ids = Enumerable.Range(0, 450)
            .Select(i => _scenario.Crm.Add(SyncModule.Contacts, Contact($"Client{i}", "Martin", $"client{i}@example.fr"), At(20, 10).AddSeconds(i)))
            .ToList();
        _scenario.Crm.BetweenPages = page =>
        {
            if (page == 1) _scenario.Crm.Edit(ids[0], "title", "Directrice");
        };

        Assert.True((await _scenario.SyncAsync()).IsSuccess);
        // The edit moved the first record to the end: the 201st moved up into the first page, after it was read.
        Assert.DoesNotContain(_scenario.Notes.All, n => n.CrmId == ids[200]);

        _scenario.Crm.BetweenPages = null;
        _scenario.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        Assert.Equal(450, _scenario.Notes.All.Count(n => n.CrmId is not null));
        Assert.Contains(_scenario.Notes.All, n => n.CrmId == ids[200] && n.Values["email"] == "client200@example.fr");
        Assert.Equal("Directrice", _scenario.Notes.All.Single(n => n.CrmId == ids[0]).Values["title"]);
    }

    [Fact]
    public async Task Records_added_during_the_read_shift_nothing_back_and_the_next_quiet_run_lists_nothing_again()
    {
        foreach (var i in Enumerable.Range(0, 450))
            _scenario.Crm.Add(SyncModule.Contacts, Contact($"Client{i}", "Martin", $"client{i}@example.fr"), At(20, 10).AddSeconds(i));
        _scenario.Crm.BetweenPages = page =>
        {
            if (page == 1) _scenario.Crm.Add(SyncModule.Contacts, Contact("Nouveau", "Client", "nouveau@example.fr"), _scenario.Clock.GetUtcNow());
        };
        Assert.True((await _scenario.SyncAsync()).IsSuccess);
        _scenario.Crm.BetweenPages = null;

        _scenario.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.True((await _scenario.SyncAsync()).IsSuccess);
        _scenario.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        // Added at the end of the list, the new record moved nothing up into a page already read: the first run
        // listed all 451, and its checkpoint could go past them (the next run lists its own cross-reference writes
        // once, the one after nothing).
        Assert.Equal(451, _scenario.Notes.All.Count(n => n.CrmId is not null));
        Assert.Equal(0, _scenario.Crm.Listed[^1]);
    }
}
