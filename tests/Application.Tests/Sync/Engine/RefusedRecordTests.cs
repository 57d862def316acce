using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using static NotesSync.Application.Tests.Sync.Engine.SyncScenario;

namespace NotesSync.Application.Tests.Sync.Engine;

/// <summary>The CRM refuses some records of a batch: those are reported with Zoho's reason, the others are synced.</summary>
public class RefusedRecordTests
{
    private readonly SyncScenario _scenario = new();

    [Fact]
    public async Task A_record_Zoho_answers_ALREADY_MODIFIED_for_is_reported_failed_and_the_rest_of_the_batch_is_updated()
    {
        var unids = new[] { "Zoé", "Paul", "Inès" }.Select((first, i) => _scenario.Notes.Add(Contact(first, "Martin", $"{first}@example.fr"), At(20, 10 + i))).ToList();
        Assert.True((await _scenario.SyncAsync()).IsSuccess);
        var crmIds = unids.Select(unid => Assert.Single(_scenario.Crm.Of(SyncModule.Contacts), r => r.NotesUnid == unid).Id).ToList();
        foreach (var unid in unids) _scenario.Notes.Edit(unid, "title", "Gérant");
        _scenario.Crm.Refuse(crmIds[1], "ALREADY_MODIFIED", "the record was modified by another user");
        _scenario.Crm.Calls.Clear();
        var savesBefore = _scenario.Links.Saves.Count;

        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        Assert.Equal(["update 3"], _scenario.Crm.Writes);
        Assert.Equal(["Gérant", null, "Gérant"], crmIds.Select(id => _scenario.Crm.ValueOf(id, "title")));
        Assert.Equal([new RecordFailure(SyncModule.Contacts, SyncSide.Crm, crmIds[1], "ALREADY_MODIFIED", "the record was modified by another user")],
            _scenario.Run.Failures);
        Assert.Equal([$"{unids[0]}={crmIds[0]}", $"{unids[2]}={crmIds[2]}"],
            _scenario.Links.Saves.Skip(savesBefore).SelectMany(s => s.Changed).Order(StringComparer.Ordinal));
        Assert.Equal(new ModuleCounts(new DirectionCounts(Updated: 2), new DirectionCounts(), Failed: 1), _scenario.Counts());
    }

    [Fact]
    public async Task Records_refused_in_a_batch_are_listed_with_their_code_and_the_others_are_linked_and_the_run_goes_on()
    {
        var zoe = _scenario.Notes.Add(Contact("Zoé", "Martin", "zoe@example.fr"), At(20, 10));
        var paul = _scenario.Notes.Add(Contact("Paul", "Durand", "paul@example"), At(20, 11));
        var ines = _scenario.Notes.Add(Contact("Inès", "Petit", "ines@example.fr"), At(20, 12));
        var marc = _scenario.Notes.Add(Contact("Marc", "Roux", "marc@example.fr"), At(20, 13));
        var lea = _scenario.Crm.Add(SyncModule.Contacts, Contact("Léa", "Blanc", "lea@example.fr"), At(21, 9));
        _scenario.Crm.Refuse(paul, "INVALID_DATA", "invalid email", field: "email");
        _scenario.Crm.Refuse(marc, "DUPLICATE_DATA", "duplicate data");

        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        Assert.Equal(["create 4"], _scenario.Crm.Writes.Where(w => w.StartsWith("create", StringComparison.Ordinal)));
        Assert.Equal(["ines@example.fr", "lea@example.fr", "zoe@example.fr"],
            _scenario.Crm.Of(SyncModule.Contacts).Select(r => r.Values["email"]).Order());
        Assert.Equal(
        [
            new RecordFailure(SyncModule.Contacts, SyncSide.Crm, paul, "INVALID_DATA", "email: invalid email"),
            new RecordFailure(SyncModule.Contacts, SyncSide.Crm, marc, "DUPLICATE_DATA", "duplicate data"),
        ], _scenario.Run.Failures);
        var leaInNotes = Assert.Single(_scenario.Notes.All, n => n.CrmId == lea).Unid;
        Assert.Equal(
            new[] { $"{zoe}={CrmIdOf(zoe)}", $"{ines}={CrmIdOf(ines)}", $"{leaInNotes}={lea}" }.Order(StringComparer.Ordinal),
            _scenario.Links.Pairs(SyncModule.Contacts));
        Assert.Equal(new ModuleCounts(new DirectionCounts(Created: 2), new DirectionCounts(Created: 1), Failed: 2), _scenario.Counts());
        Assert.Equal("2026-11-20T13:00:00.0000000+00:00", _scenario.Checkpoint().NotesPosition);
    }

    [Fact]
    public async Task A_contact_the_CRM_refused_is_tried_again_by_the_next_run()
    {
        var paul = _scenario.Notes.Add(Contact("Paul", "Durand", "paul@example.fr"), At(20, 10));
        _scenario.Notes.Add(Contact("Zoé", "Martin", "zoe@example.fr"), At(21, 10));
        _scenario.Crm.Refuse(paul, "DUPLICATE_DATA", "duplicate data");
        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        // The user removes the duplicate from the CRM and syncs again, without touching the contact in Notes.
        _scenario.Crm.Accept(paul);
        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        Assert.Equal(["paul@example.fr", "zoe@example.fr"], _scenario.Crm.Of(SyncModule.Contacts).Select(r => r.Values["email"]).Order());
    }

    private string CrmIdOf(string unid) => Assert.Single(_scenario.Crm.Of(SyncModule.Contacts), r => r.NotesUnid == unid).Id;
}
