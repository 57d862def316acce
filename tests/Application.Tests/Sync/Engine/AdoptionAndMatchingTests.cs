using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using static NotesSync.Application.Tests.Sync.Engine.SyncScenario;

namespace NotesSync.Application.Tests.Sync.Engine;

/// <summary>Records that are already one on both sides are linked, never copied a second time.</summary>
public class AdoptionAndMatchingTests
{
    [Fact]
    public async Task A_document_a_dead_run_wrote_into_Notes_is_adopted_by_the_next_run_not_copied_again()
    {
        var scenario = new SyncScenario();
        var crmId = scenario.Crm.Add(SyncModule.Contacts, Contact("Zoé", "Martin", "zoe@example.fr"), At(20, 10));
        var unid = scenario.Notes.Add(Contact("Zoé", "Martin", "zoe@example.fr"), At(25, 8), crmId: crmId);

        Assert.True((await scenario.SyncAsync()).IsSuccess);

        Assert.Equal([$"{unid}={crmId}"], scenario.Links.Pairs(SyncModule.Contacts));
        Assert.Equal(1, scenario.Notes.Count);
        Assert.Single(scenario.Crm.Of(SyncModule.Contacts));
        Assert.DoesNotContain(scenario.Notes.Calls, c => c == "create");
        Assert.DoesNotContain(scenario.Crm.Calls, c => c.StartsWith("create", StringComparison.Ordinal));
        Assert.Equal(unid, scenario.Crm[crmId].NotesUnid);
        Assert.Equal(new ModuleCounts(new DirectionCounts(), new DirectionCounts(), Unchanged: 1), scenario.Counts());
    }

    [Fact]
    public async Task Contacts_are_matched_on_a_first_sync_by_e_mail_whatever_its_case_and_their_other_fields_merged()
    {
        var scenario = new SyncScenario();
        var unid = scenario.Notes.Add(Contact("Zoé", "Martin", "Zoe.Martin@Example.fr", "+33 1 23 45 67 89"), At(20, 10));
        var crmId = scenario.Crm.Add(SyncModule.Contacts, Contact("Zoé", "Martin", "zoe.martin@example.fr"), At(21, 10));

        Assert.True((await scenario.SyncAsync()).IsSuccess);

        Assert.Equal([$"{unid}={crmId}"], scenario.Links.Pairs(SyncModule.Contacts));
        Assert.Equal(1, scenario.Notes.Count);
        Assert.Single(scenario.Crm.Of(SyncModule.Contacts));
        Assert.Equal("+33 1 23 45 67 89", scenario.Crm.ValueOf(crmId, "phone"));
        Assert.Equal(unid, scenario.Crm[crmId].NotesUnid);
        Assert.Equal(new ModuleCounts(new DirectionCounts(Updated: 1), new DirectionCounts()), scenario.Counts());
    }

    [Fact]
    public async Task Contacts_without_e_mail_are_matched_by_name_and_the_digits_of_their_phone()
    {
        var scenario = new SyncScenario();
        var unid = scenario.Notes.Add(Contact("Paul", "Durand", phone: "+33 (1) 23-45-67-89"), At(20, 10));
        var crmId = scenario.Crm.Add(SyncModule.Contacts, Contact("Paul", "Durand", phone: "+33 1 23 45 67 89"), At(21, 10));
        var other = scenario.Crm.Add(SyncModule.Contacts, Contact("Paul", "Durand", phone: "+33 6 00 00 00 00"), At(21, 11));

        Assert.True((await scenario.SyncAsync()).IsSuccess);

        // The namesake with another phone is another person: copied into Notes, not matched.
        Assert.Equal(2, scenario.Notes.Count);
        var copied = Assert.Single(scenario.Notes.All, n => n.Unid != unid);
        Assert.Equal([$"{unid}={crmId}", $"{copied.Unid}={other}"], scenario.Links.Pairs(SyncModule.Contacts));
        Assert.Equal(2, scenario.Crm.Of(SyncModule.Contacts).Count());
        // The two spellings of the phone differ: the CRM's wins (the profile's default) and Notes' is logged.
        Assert.Equal("+33 1 23 45 67 89", scenario.Notes.ValueOf(unid, "phone"));
        Assert.Equal([new ConflictField("phone", "+33 (1) 23-45-67-89", "+33 1 23 45 67 89")], Assert.Single(scenario.Run.Conflicts).Fields);
        Assert.Equal(new ModuleCounts(new DirectionCounts(), new DirectionCounts(Created: 1, Updated: 1), Conflicts: 1), scenario.Counts());
    }

    [Fact]
    public async Task Tasks_are_matched_on_a_first_sync_by_subject_and_due_date()
    {
        var scenario = new SyncScenario();
        var unid = scenario.NotesTasks.Add(ToDo("Call ACME back", "2026-12-01"), At(20, 10));
        var crmId = scenario.Crm.Add(SyncModule.Tasks, ToDo("call acme back", "2026-12-01"), At(21, 10));
        var later = scenario.Crm.Add(SyncModule.Tasks, ToDo("Call ACME back", "2026-12-15"), At(21, 11));

        Assert.True((await scenario.SyncAsync(SyncModule.Tasks)).IsSuccess);

        var copied = Assert.Single(scenario.NotesTasks.All, n => n.Unid != unid);
        Assert.Equal("2026-12-15", copied.Values["dueDate"]);
        Assert.Equal([$"{unid}={crmId}", $"{copied.Unid}={later}"], scenario.Links.Pairs(SyncModule.Tasks));
        Assert.Equal(2, scenario.Crm.Of(SyncModule.Tasks).Count());
    }
}
