using NotesSync.Application.Notes;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;
using static NotesSync.Application.Tests.Sync.Engine.SyncScenario;

namespace NotesSync.Application.Tests.Sync.Engine;

/// <summary>
/// A side that fails as a whole in the middle of a module stops it with that side's error: what was written before
/// stays linked, the checkpoints stay where they were, and the next run finishes the work without duplicates.
/// </summary>
public class WholeSideFailureTests
{
    private static readonly Error ZohoUnavailable = Error.Unprocessable("zoho-unavailable", "Zoho CRM is not answering.").OfWholeSide();

    private readonly SyncScenario _scenario = new();

    [Fact]
    public async Task Notes_becoming_unreachable_after_two_creates_stops_the_module_and_leaves_the_checkpoints_where_they_were()
    {
        var crmIds = Enumerable.Range(1, 6).Select(i => _scenario.Crm.Add(SyncModule.Contacts, Contact($"Client{i}", "Martin", $"client{i}@example.fr"), At(20, i))).ToList();
        var creates = 0;
        _scenario.Notes.AfterWrite = () => _scenario.Notes.Outage = ++creates == 2 ? NotesErrors.ServerUnreachable : _scenario.Notes.Outage;

        var result = await _scenario.SyncAsync();

        Assert.Equal(NotesErrors.ServerUnreachable, result.Error);
        Assert.Equal([crmIds[0], crmIds[1]], _scenario.Notes.All.Select(n => n.CrmId).Order(StringComparer.Ordinal));
        Assert.Equal(
            _scenario.Notes.All.Select(n => $"{n.Unid}={n.CrmId}").Order(StringComparer.Ordinal),
            _scenario.Links.Pairs(SyncModule.Contacts));
        Assert.Equal((null, null), (_scenario.Checkpoint().NotesPosition, _scenario.Checkpoint().CrmPosition));
    }

    [Fact]
    public async Task The_run_after_a_Notes_outage_copies_the_rest_without_copying_again_what_was_written_before_it()
    {
        var crmIds = Enumerable.Range(1, 6).Select(i => _scenario.Crm.Add(SyncModule.Contacts, Contact($"Client{i}", "Martin", $"client{i}@example.fr"), At(20, i))).ToList();
        var creates = 0;
        _scenario.Notes.AfterWrite = () => _scenario.Notes.Outage = ++creates == 2 ? NotesErrors.ServerUnreachable : _scenario.Notes.Outage;
        Assert.True((await _scenario.SyncAsync()).IsFailure);

        _scenario.Notes.AfterWrite = null;
        _scenario.Notes.Outage = null;
        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        Assert.Equal(crmIds.Order(StringComparer.Ordinal), _scenario.Notes.All.Select(n => n.CrmId).Order(StringComparer.Ordinal));
        Assert.Equal(6, _scenario.Links.Pairs(SyncModule.Contacts).Count);
        Assert.Equal(6, _scenario.Crm.Of(SyncModule.Contacts).Count());
        Assert.Equal("after 2026-11-20T06:00:00.0000000+00:00", _scenario.Checkpoint().CrmPosition);
    }

    [Fact]
    public async Task Zoho_becoming_unavailable_after_a_first_batch_keeps_that_batch_linked_and_writes_nothing_more()
    {
        var unids = Enumerable.Range(1, 150).Select(i => _scenario.Notes.Add(Contact($"Client{i}", "Martin", $"client{i}@example.fr"), At(20, 10))).ToList();
        _scenario.Crm.AfterWrite = () => _scenario.Crm.Outage = ZohoUnavailable;

        var result = await _scenario.SyncAsync();

        Assert.Equal("zoho-unavailable", result.Error?.Code);
        Assert.True(result.Error!.AffectsWholeSide);
        Assert.Equal(["create 100", "create 50"], _scenario.Crm.Writes);
        Assert.Equal(100, _scenario.Crm.Of(SyncModule.Contacts).Count());
        Assert.Equal(100, _scenario.Links.Pairs(SyncModule.Contacts).Count);
        Assert.Equal(unids.Take(100).Order(StringComparer.Ordinal), _scenario.Links.Pairs(SyncModule.Contacts).Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal));
        Assert.Empty(_scenario.Notes.Writes);
        Assert.Equal((null, null), (_scenario.Checkpoint().NotesPosition, _scenario.Checkpoint().CrmPosition));
    }

    [Fact]
    public async Task A_document_re_created_in_Notes_just_before_Notes_became_unreachable_is_not_duplicated_by_the_next_run()
    {
        var unid = _scenario.Notes.Add(Contact("Zoé", "Martin", "zoe@example.fr"), At(20, 10));
        var other = _scenario.Notes.Add(Contact("Paul", "Durand", "paul@example.fr"), At(20, 11));
        Assert.True((await _scenario.SyncAsync()).IsSuccess);
        var crmId = Assert.Single(_scenario.Crm.Of(SyncModule.Contacts), r => r.NotesUnid == unid).Id;
        // Deleted in Notes while edited in the CRM: the edit wins, the document is created again.
        _scenario.Notes.Remove(unid);
        _scenario.Crm.Edit(crmId, "title", "Directrice");
        _scenario.Crm.Add(SyncModule.Contacts, Contact("Léa", "Blanc", "lea@example.fr"), _scenario.Clock.GetUtcNow());
        _scenario.Notes.AfterWrite = () => _scenario.Notes.Outage = NotesErrors.ServerUnreachable;
        Assert.True((await _scenario.SyncAsync()).IsFailure);

        _scenario.Notes.AfterWrite = null;
        _scenario.Notes.Outage = null;
        Assert.True((await _scenario.SyncAsync()).IsSuccess);

        Assert.Equal(["Léa", "Paul", "Zoé"], _scenario.Notes.All.Select(n => n.Values["firstName"]).Order(StringComparer.Ordinal));
        Assert.Equal(["Léa", "Paul", "Zoé"], _scenario.Crm.Of(SyncModule.Contacts).Select(r => r.Values["firstName"]).Order(StringComparer.Ordinal));
        Assert.Equal("Directrice", Assert.Single(_scenario.Notes.All, n => n.CrmId == crmId).Values["title"]);
    }
}
