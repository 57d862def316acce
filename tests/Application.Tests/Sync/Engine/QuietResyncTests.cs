using NotesSync.Domain.Profiles;
using static NotesSync.Application.Tests.Sync.Engine.SyncScenario;

namespace NotesSync.Application.Tests.Sync.Engine;

/// <summary>
/// Issue 23 item 5: once the CRM's clock has passed the newest record a read showed by more than Zoho's commit lag,
/// the checkpoint moves past it, so a quiet re-sync lists nothing again; until then the overlap keeps an edit
/// committed late within that second.
/// </summary>
public class QuietResyncTests
{
    private readonly SyncScenario _scenario = new();

    /// <summary>250 Notes contacts copied to the CRM: three batches, a second each, so the last two share its last two seconds.</summary>
    private async Task<List<string>> FirstSyncWritingManyAsync()
    {
        var unids = Enumerable.Range(1, 250)
            .Select(i => _scenario.Notes.Add(Contact($"Client{i}", "Martin", $"client{i}@example.fr"), At(20, 10))).ToList();
        Assert.True((await _scenario.SyncAsync()).IsSuccess);
        Assert.Equal(250, _scenario.Crm.Of(SyncModule.Contacts).Count());
        return unids;
    }

    [Fact]
    public async Task After_a_large_first_write_the_second_and_later_quiet_syncs_list_nothing_and_a_later_edit_is_still_read()
    {
        await FirstSyncWritingManyAsync();
        var newestWrite = _scenario.Crm.Of(SyncModule.Contacts).Max(r => r.ModifiedTime);

        _scenario.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.True((await _scenario.SyncAsync()).IsSuccess);
        Assert.True((await _scenario.SyncAsync()).IsSuccess);
        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        // The first sync found the CRM empty; the next lists its writes once, as changes; the quiet ones after, none
        // (with the overlap alone, each would list again the 150 records of the first sync's last two seconds).
        Assert.Equal([0, 250, 0, 0], _scenario.Crm.Listed);
        Assert.Equal($"after {newestWrite.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}.0000000+00:00", _scenario.Checkpoint().CrmPosition);

        var edited = _scenario.Crm.Of(SyncModule.Contacts).OrderBy(r => r.ModifiedTime).Last().Id;
        _scenario.Crm.Edit(edited, "title", "Directrice");
        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        Assert.Equal(1, _scenario.Crm.Listed[^1]);
        var email = _scenario.Crm.ValueOf(edited, "email");
        Assert.Equal("Directrice", _scenario.Notes.All.Single(n => n.Values["email"] == email).Values["title"]);
    }

    [Fact]
    public async Task A_record_stamped_in_the_second_of_the_newest_but_listed_only_after_the_read_is_still_synced()
    {
        // Zoho answers the read in the very second of its newest record: a change of that second may still be committing.
        var now = _scenario.Clock.GetUtcNow();
        _scenario.Crm.Add(SyncModule.Contacts, Contact("Léa", "Blanc", "lea@example.fr"), now);
        Assert.True((await _scenario.SyncAsync()).IsSuccess);
        Assert.Equal("2026-11-25T09:00:00.0000000+00:00", _scenario.Checkpoint().CrmPosition);

        var late = _scenario.Crm.Add(SyncModule.Contacts, Contact("Marc", "Roux", "marc@example.fr"), now);
        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        Assert.Contains(_scenario.Notes.All, n => n.CrmId == late && n.Values["email"] == "marc@example.fr");
    }

    [Fact]
    public async Task Without_the_CRMs_own_time_a_position_settles_only_once_our_clock_is_past_it_by_the_servers_possible_skew()
    {
        _scenario.Crm.DatesAnswers = false;
        await FirstSyncWritingManyAsync();
        _scenario.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await _scenario.SyncAsync()).IsSuccess);
        Assert.True((await _scenario.SyncAsync()).IsSuccess);
        _scenario.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.True((await _scenario.SyncAsync()).IsSuccess);
        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        // A minute after the write, Zoho's clock might be five minutes behind ours and not past it yet: the overlap
        // lists the last two seconds' 150 records again; fifteen minutes after, once more, and then no more.
        Assert.Equal([0, 250, 150, 150, 0], _scenario.Crm.Listed);
    }
}
