using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using static NotesSync.Application.Tests.Sync.Engine.SyncScenario;

namespace NotesSync.Application.Tests.Sync.Engine;

/// <summary>
/// Someone saves a document in Notes between the run's read and its write (DAS answers 412): the pair is decided
/// again with the document as it is now, so their edit is kept, merged or logged, never overwritten.
/// </summary>
public class ConcurrentEditTests
{
    private readonly SyncScenario _scenario = new();
    private string _unid = "";
    private string _crmId = "";

    [Fact]
    public async Task An_edit_of_another_field_saved_in_Notes_meanwhile_ends_up_on_both_sides_with_the_CRM_edit()
    {
        await LinkedContactAsync();
        _scenario.Crm.Edit(_crmId, "title", "Directrice");
        _scenario.Notes.BeforeNextUpdate = unid => _scenario.Notes.Edit(unid, "mobile", "+33 6 12 34 56 78");

        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        Assert.Equal(("Directrice", "+33 6 12 34 56 78"), (_scenario.Notes.ValueOf(_unid, "title"), _scenario.Notes.ValueOf(_unid, "mobile")));
        Assert.Equal(("Directrice", "+33 6 12 34 56 78"), (_scenario.Crm.ValueOf(_crmId, "title"), _scenario.Crm.ValueOf(_crmId, "mobile")));
        Assert.Equal([$"update {_unid}", $"update {_unid}"], _scenario.Notes.Writes);
        Assert.Empty(_scenario.Run.Conflicts);
        Assert.Empty(_scenario.Run.Failures);
        Assert.Equal(new ModuleCounts(new DirectionCounts(Updated: 1), new DirectionCounts(Updated: 1)), _scenario.Counts());
    }

    [Fact]
    public async Task An_edit_of_the_same_field_saved_in_Notes_meanwhile_loses_to_the_CRM_and_is_logged_as_a_conflict()
    {
        await LinkedContactAsync();
        _scenario.Crm.Edit(_crmId, "title", "Directrice");
        _scenario.Notes.BeforeNextUpdate = unid => _scenario.Notes.Edit(unid, "title", "Gérante");

        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        Assert.Equal(("Directrice", "Directrice"), (_scenario.Notes.ValueOf(_unid, "title"), _scenario.Crm.ValueOf(_crmId, "title")));
        var conflict = Assert.Single(_scenario.Run.Conflicts);
        Assert.Equal((_unid, _crmId, SyncSide.Crm), (conflict.NotesId, conflict.CrmId, conflict.Winner));
        Assert.Equal([new ConflictField("title", "Gérante", "Directrice")], conflict.Fields);
        Assert.Equal("Gérante", conflict.LosingVersion["title"]);
        Assert.Equal(new ModuleCounts(new DirectionCounts(), new DirectionCounts(Updated: 1), Conflicts: 1), _scenario.Counts());
    }

    [Fact]
    public async Task When_Notes_wins_conflicts_the_edit_saved_meanwhile_is_carried_to_the_CRM_instead()
    {
        _scenario.Settings(winner: ConflictWinner.Notes);
        await LinkedContactAsync();
        _scenario.Crm.Edit(_crmId, "title", "Directrice");
        _scenario.Notes.BeforeNextUpdate = unid => _scenario.Notes.Edit(unid, "title", "Gérante");

        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        Assert.Equal(("Gérante", "Gérante"), (_scenario.Notes.ValueOf(_unid, "title"), _scenario.Crm.ValueOf(_crmId, "title")));
        Assert.Equal([new ConflictField("title", "Gérante", "Directrice")], Assert.Single(_scenario.Run.Conflicts).Fields);
        Assert.Equal(new ModuleCounts(new DirectionCounts(Updated: 1), new DirectionCounts(), Conflicts: 1), _scenario.Counts());
    }

    [Fact]
    public async Task The_run_after_a_merge_that_met_a_412_finds_both_sides_in_sync_and_writes_nothing()
    {
        await LinkedContactAsync();
        _scenario.Crm.Edit(_crmId, "title", "Directrice");
        _scenario.Notes.BeforeNextUpdate = unid => _scenario.Notes.Edit(unid, "mobile", "+33 6 12 34 56 78");
        Assert.True((await _scenario.SyncAsync()).IsSuccess);
        _scenario.Notes.Calls.Clear();
        _scenario.Crm.Calls.Clear();

        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        Assert.Empty(_scenario.Notes.Writes);
        Assert.Empty(_scenario.Crm.Writes);
        Assert.Empty(_scenario.Run.Conflicts);
    }

    /// <summary>A contact created in Notes and copied to the CRM by a first run.</summary>
    private async Task LinkedContactAsync()
    {
        _unid = _scenario.Notes.Add(Contact("Zoé", "Martin", "zoe@example.fr"), At(20, 10));
        Assert.True((await _scenario.SyncAsync()).IsSuccess);
        _crmId = Assert.Single(_scenario.Crm.Of(SyncModule.Contacts)).Id;
        _scenario.Notes.Calls.Clear();
    }
}
