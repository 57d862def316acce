using NotesSync.Application.Sync.Modules;

namespace NotesSync.Application.Tests.Sync;

/// <summary>What makes two values the same for the sync, and what matches two records on a first sync.</summary>
public class ModuleDefinitionTests
{
    [Fact]
    public void Values_are_compared_trimmed_with_blanks_as_missing_and_every_field_present()
    {
        var canonical = new ContactModule().Canonical(new Dictionary<string, string?>
        {
            ["firstName"] = "  Zoé ", ["title"] = "   ", ["email"] = "Zoe.Martin@Example.FR", ["notAField"] = "x",
        });

        Assert.Equal(15, canonical.Count);
        Assert.Equal("Zoé", canonical["firstName"]);
        Assert.Null(canonical["title"]);
        Assert.Null(canonical["lastName"]);
        Assert.Equal("zoe.martin@example.fr", canonical["email"]);
        Assert.False(canonical.ContainsKey("notAField"));
    }

    [Fact]
    public void A_task_subject_keeps_its_case_only_the_e_mail_of_a_contact_loses_it()
    {
        var canonical = new TaskModule().Canonical(new Dictionary<string, string?> { ["subject"] = "Call ACME" });

        Assert.Equal("Call ACME", canonical["subject"]);
    }

    [Fact]
    public void Contacts_match_by_e_mail_then_by_name_and_phone_digits()
    {
        var keys = new ContactModule().MatchKeys(new Dictionary<string, string?>
        {
            ["email"] = "zoe@example.fr", ["firstName"] = "Zoé", ["lastName"] = "Martin", ["phone"] = "+33 (1) 23-45",
        }).ToList();

        Assert.Equal(["e:ZOE@EXAMPLE.FR", "n:ZOÉ MARTIN|3312345"], keys);
    }

    [Fact]
    public void Tasks_match_by_subject_and_due_date()
    {
        var keys = new TaskModule().MatchKeys(new Dictionary<string, string?> { ["subject"] = "Call back", ["dueDate"] = "2026-12-01" });

        Assert.Equal(["t:CALL BACK|2026-12-01"], keys);
    }
}
