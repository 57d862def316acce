using System.Globalization;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Zoho;

namespace NotesSync.Benchmarks;

/// <summary>What a scenario checked once its run ended (its data arrived where it must, and only there), and what was wrong.</summary>
public sealed record ScenarioCheck(string What, string? Failure)
{
    public bool Passed => Failure is null;

    public override string ToString() => Passed ? $"ok: {What}" : $"FAILED: {What}: {Failure}";
}

/// <summary>The checks of the scenarios where the CRM also holds a colleague's records.</summary>
public static class Checks
{
    /// <summary>Notes holds the user's contacts and to-dos, each once, and none of the colleague's.</summary>
    public static ScenarioCheck OnlyTheUsersRecordsInNotes(Tenant tenant, DataSet users)
    {
        var what = $"Notes holds exactly the user's {users.People.Count} contacts and {users.ToDos.Count} to-dos";
        var failures = new[]
        {
            Compare("contacts (by e-mail)", users.People.Select(p => p.Email), tenant.NotesDocuments("Person").Select(EmailOf)),
            Compare("to-dos (by subject)", users.ToDos.Select(t => t.Subject), tenant.NotesDocuments("Task").Select(d => d.Text("Subject"))),
        }.OfType<string>().ToList();
        return new ScenarioCheck(what, failures.Count == 0 ? null : string.Join("; ", failures));
    }

    /// <summary>
    /// Each item added in Notes is in the CRM once, owned by the user; the colleague still owns as many records as
    /// before (none upserted over, none handed over).
    /// </summary>
    public static ScenarioCheck AddedOnceAsTheUsers(Tenant tenant, DataSet added, ZohoUser colleague, int colleagueContacts, int colleagueTasks)
    {
        var what = $"the {added.People.Count} contacts and {added.ToDos.Count} to-dos added in Notes are in the CRM once each, " +
            "owned by the user, and the colleague's records are untouched";
        var user = tenant.Org.Admin.Id;
        var contacts = tenant.Org.Records("Contacts");
        var tasks = tenant.Org.Records("Tasks");
        var addedEmails = added.People.Select(p => p.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var addedSubjects = added.ToDos.Select(t => t.Subject).ToHashSet(StringComparer.Ordinal);
        var newContacts = contacts.Where(r => r["Email"] is { } email && addedEmails.Contains(email)).ToList();
        var newTasks = tasks.Where(r => r["Subject"] is { } subject && addedSubjects.Contains(subject)).ToList();
        var failures = new[]
        {
            Compare("contacts created (by e-mail)", addedEmails, newContacts.Select(r => r["Email"] ?? "")),
            Compare("to-dos created (by subject)", addedSubjects, newTasks.Select(r => r["Subject"] ?? "")),
            NotOwnedBy(user, "created", newContacts.Concat(newTasks)),
            Count("contacts the colleague owns", colleagueContacts, contacts.Count(r => r.OwnerId == colleague.Id)),
            Count("to-dos the colleague owns", colleagueTasks, tasks.Count(r => r.OwnerId == colleague.Id)),
        }.OfType<string>().ToList();
        return new ScenarioCheck(what, failures.Count == 0 ? null : string.Join("; ", failures));
    }

    /// <summary>
    /// The run used at most <paramref name="limit"/> Zoho credits: issue 23's target for a quiet sync of one user with
    /// three modules is 10, their lists' 304s (1 each) and deleted lists (2 each), and no more.
    /// </summary>
    public static ScenarioCheck CreditsWithin(ScenarioResult run, int limit) =>
        new($"the run used at most {limit} Zoho credits", run.ZohoCredits <= limit
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"it used {run.ZohoCredits} ({string.Join(", ", run.Zoho.Detail.Select(d => $"{d.Key} {d.Value}"))})"));

    /// <summary>NotesSync writes a contact's e-mail in InternetAddress; one made in the Notes client may hold it in MailAddress.</summary>
    private static string EmailOf(DocumentSnapshot document) =>
        document.Text("InternetAddress") is { Length: > 0 } internet ? internet : document.Text("MailAddress");

    /// <summary>Null when <paramref name="found"/> holds each of <paramref name="expected"/> once and nothing else.</summary>
    private static string? Compare(string what, IEnumerable<string> expected, IEnumerable<string> found)
    {
        var wanted = expected.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seen = found.GroupBy(f => f, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var missing = wanted.Count(w => !seen.ContainsKey(w));
        var foreign = seen.Keys.Count(k => !wanted.Contains(k));
        var twice = seen.Values.Count(n => n > 1);
        return missing + foreign + twice == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{what}: {missing} missing, {foreign} not expected, {twice} more than once");
    }

    private static string? NotOwnedBy(string owner, string what, IEnumerable<CrmRecord> records)
    {
        var others = records.Count(r => r.OwnerId != owner);
        return others == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{others} records {what} not owned by the user");
    }

    private static string? Count(string what, int expected, int found) =>
        expected == found ? null : string.Create(CultureInfo.InvariantCulture, $"{what}: {found}, expected {expected}");
}
