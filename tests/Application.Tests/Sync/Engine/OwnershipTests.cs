using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using static NotesSync.Application.Tests.Sync.Engine.SyncScenario;

namespace NotesSync.Application.Tests.Sync.Engine;

/// <summary>
/// A user syncs the CRM records they own (Zoé, <see cref="SyncScenario.UserId"/>); Marc is a colleague in the same
/// organisation, whose records the CRM answers to the same grant.
/// </summary>
public class OwnershipTests
{
    private const string Colleague = "marc";

    [Fact]
    public async Task A_first_sync_copies_into_Notes_only_the_users_own_records()
    {
        var scenario = new SyncScenario();
        var own = scenario.Crm.Add(SyncModule.Contacts, Contact("Zoé", "Martin", "zoe@acme.fr"), At(20, 10));
        scenario.Crm.Add(SyncModule.Contacts, Contact("Marc", "Petit", "marc.client@acme.fr"), At(20, 11), ownerId: Colleague);
        scenario.Crm.Add(SyncModule.Tasks, ToDo("Marc's call", "2026-12-01"), At(20, 12), ownerId: Colleague);

        Assert.True((await scenario.SyncAsync()).IsSuccess);
        Assert.True((await scenario.SyncAsync(SyncModule.Tasks)).IsSuccess);

        var copied = Assert.Single(scenario.Notes.All);
        Assert.Equal("zoe@acme.fr", copied.Values["email"]);
        Assert.Equal([$"{copied.Unid}={own}"], scenario.Links.Pairs(SyncModule.Contacts));
        Assert.Equal(0, scenario.NotesTasks.Count);
    }

    [Fact]
    public async Task Records_created_from_Notes_are_owned_by_the_user()
    {
        var scenario = new SyncScenario();
        scenario.Notes.Add(Contact("Léa", "Roux", "lea@client.fr"), At(20, 10));

        Assert.True((await scenario.SyncAsync()).IsSuccess);

        Assert.Equal(UserId, Assert.Single(scenario.Crm.Of(SyncModule.Contacts)).OwnerId);
    }

    [Fact]
    public async Task A_Notes_contact_whose_e_mail_a_colleagues_contact_has_is_not_created_and_is_reported_with_the_e_mail_only()
    {
        var scenario = new SyncScenario();
        scenario.Crm.Add(SyncModule.Contacts, Contact("Léa", "Roux", "lea@client.fr"), At(20, 9), ownerId: Colleague);
        var unid = scenario.Notes.Add(Contact("Léa", "Roux", "LEA@client.fr"), At(20, 10));

        Assert.True((await scenario.SyncAsync()).IsSuccess);

        Assert.Single(scenario.Crm.Of(SyncModule.Contacts));
        Assert.Empty(scenario.Crm.Writes);
        Assert.Empty(scenario.Links.Pairs(SyncModule.Contacts));
        Assert.Equal([new SkippedItem(SyncModule.Contacts, unid, "owned-by-colleague", "lea@client.fr")], scenario.Run.Skipped);
        Assert.Equal(new ModuleCounts(new DirectionCounts(), new DirectionCounts(), SkippedOwnedByColleague: 1), scenario.Counts());
        Assert.Equal(RunStatus.Succeeded, Finished(scenario).Status);
    }

    [Fact]
    public async Task A_contact_skipped_for_a_colleague_is_looked_at_again_and_linked_once_the_record_is_handed_over()
    {
        var scenario = new SyncScenario();
        var crmId = scenario.Crm.Add(SyncModule.Contacts, Contact("Léa", "Roux", "lea@client.fr"), At(20, 9), ownerId: Colleague);
        var unid = scenario.Notes.Add(Contact("Léa", "Roux", "lea@client.fr", "+33 6 11 22 33 44"), At(20, 10));
        await scenario.SyncAsync();

        // Unchanged in Notes, still the colleague's: read again (by UNID and e-mail), skipped again.
        await scenario.SyncAsync();
        Assert.Single(scenario.Run.Skipped);
        Assert.Empty(scenario.Crm.Writes);

        scenario.Crm.HandOver(crmId, UserId);
        await scenario.SyncAsync();

        Assert.Equal([$"{unid}={crmId}"], scenario.Links.Pairs(SyncModule.Contacts));
        Assert.Single(scenario.Crm.Of(SyncModule.Contacts));
        Assert.Equal(1, scenario.Notes.Count);
        Assert.Equal("+33 6 11 22 33 44", scenario.Crm.ValueOf(crmId, "phone"));
        Assert.Empty(scenario.Run.Skipped);
        Assert.Empty(scenario.Checkpoint().NotesToRetry);
    }

    [Fact]
    public async Task A_contact_added_to_Notes_later_is_checked_against_the_CRM_before_it_is_created()
    {
        var scenario = new SyncScenario();
        var colleagues = scenario.Crm.Add(SyncModule.Contacts, Contact("Léa", "Roux", "lea@client.fr"), At(20, 9), ownerId: Colleague);
        var later = scenario.Crm.Add(SyncModule.Contacts, Contact("Hugo", "Blanc", "hugo@client.fr"), At(21, 9));
        await scenario.SyncAsync();
        // The colleague's record has not changed since: only a lookup can tell it exists. The next run creates nothing.
        var lea = scenario.Notes.Add(Contact("Léa", "Roux", "lea@client.fr"), scenario.Clock.GetUtcNow());
        scenario.Clock.Advance(TimeSpan.FromMinutes(1));
        var writesBefore = scenario.Crm.Writes.Count();

        await scenario.SyncAsync();

        Assert.Contains(scenario.Crm.Calls, c => c.StartsWith("find", StringComparison.Ordinal));
        Assert.Equal(writesBefore, scenario.Crm.Writes.Count());
        Assert.Equal([new SkippedItem(SyncModule.Contacts, lea, "owned-by-colleague", "lea@client.fr")], scenario.Run.Skipped);
        Assert.Equal([colleagues, later], scenario.Crm.Of(SyncModule.Contacts).Select(r => r.Id).Order());
    }

    [Fact]
    public async Task A_contact_added_to_Notes_later_is_matched_with_the_users_unchanged_CRM_contact_of_the_same_e_mail()
    {
        var scenario = new SyncScenario();
        scenario.Settings(SyncDirection.NotesToCrm);
        var own = scenario.Crm.Add(SyncModule.Contacts, Contact("Hugo", "Blanc", "hugo@client.fr"), At(20, 9));
        var later = scenario.Crm.Add(SyncModule.Contacts, Contact("Léa", "Roux", "lea@client.fr"), At(21, 9));
        await scenario.SyncAsync();
        var hugo = scenario.Notes.Add(Contact("Hugo", "Blanc", "hugo@client.fr", "+33 1 00 00 00 00"), scenario.Clock.GetUtcNow());
        scenario.Clock.Advance(TimeSpan.FromMinutes(1));

        await scenario.SyncAsync();

        Assert.Equal([$"{hugo}={own}"], scenario.Links.Pairs(SyncModule.Contacts));
        Assert.Equal([own, later], scenario.Crm.Of(SyncModule.Contacts).Select(r => r.Id).Order());
        Assert.Equal("+33 1 00 00 00 00", scenario.Crm.ValueOf(own, "phone"));
    }

    [Fact]
    public async Task A_linked_record_handed_to_a_colleague_stops_syncing_and_its_Notes_copy_stays()
    {
        var scenario = new SyncScenario();
        var crmId = scenario.Crm.Add(SyncModule.Contacts, Contact("Léa", "Roux", "lea@client.fr"), At(20, 9));
        await scenario.SyncAsync();
        var unid = Assert.Single(scenario.Notes.All).Unid;

        scenario.Crm.HandOver(crmId, Colleague);
        await scenario.SyncAsync();

        Assert.Empty(scenario.Links.Pairs(SyncModule.Contacts));
        Assert.Equal("lea@client.fr", scenario.Notes.ValueOf(unid, "email"));
        Assert.Equal([new SkippedItem(SyncModule.Contacts, unid, "owned-by-colleague", null)], scenario.Run.Skipped);

        // From now on it is the colleague's: their edits stay out of Notes, and the user's stay out of the CRM.
        scenario.Crm.Edit(crmId, "phone", "+33 6 99 99 99 99");
        scenario.Notes.Edit(unid, "lastName", "Roux-Martin");
        var writesBefore = scenario.Crm.Writes.Count();
        await scenario.SyncAsync();

        Assert.Null(scenario.Notes.ValueOf(unid, "phone"));
        Assert.Equal("Roux", scenario.Crm.ValueOf(crmId, "lastName"));
        Assert.Single(scenario.Crm.Of(SyncModule.Contacts));
        Assert.Equal(writesBefore, scenario.Crm.Writes.Count());
        Assert.Equal(1, scenario.Notes.Count);
    }

    [Fact]
    public async Task A_colleagues_record_that_carries_the_documents_UNID_is_never_upserted_over()
    {
        // Two users connected to copies of one mail file have documents with the same UNIDs: the colleague synced
        // first. An upsert on that UNID would make the colleague's record the user's.
        var scenario = new SyncScenario();
        var unid = scenario.Notes.Add(Contact("Léa", "Roux", "lea@client.fr"), At(20, 10));
        var colleagues = scenario.Crm.Add(SyncModule.Contacts, Contact("Léa", "Roux", "lea.old@client.fr"), At(20, 11), notesUnid: unid, ownerId: Colleague);

        await scenario.SyncAsync();

        Assert.Empty(scenario.Crm.Writes);
        Assert.Equal(Colleague, scenario.Crm[colleagues].OwnerId);
        Assert.Equal("lea.old@client.fr", scenario.Crm.ValueOf(colleagues, "email"));
        Assert.Single(scenario.Run.Skipped);
    }

    private static SyncRun Finished(SyncScenario scenario)
    {
        scenario.Run.Finish(scenario.Clock.GetUtcNow());
        return scenario.Run;
    }
}
