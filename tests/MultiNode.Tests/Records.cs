namespace NotesSync.MultiNode.Tests;

/// <summary>What each user finds in their mail file and, as owner, in the CRM: every record once, on both sides.</summary>
internal static class Records
{
    /// <summary>
    /// Every contact (by e-mail) and to-do (by subject) given to the user on either side is in both their mail file and
    /// the CRM, exactly once: no run, interrupted or not, on whichever node, wrote one twice.
    /// </summary>
    public static void AssertEachOnceOnBothSides(Cluster cluster, SyncUser user)
    {
        // The simulated CRM seeds each organisation with its own sample records, owned by the admin: only the test's
        // records (their e-mails and subjects name the user) are counted.
        var ours = (string value) => value.EndsWith(Organisation.Tail(user), StringComparison.Ordinal);
        var notesContacts = cluster.Domino.State.GetDocuments(user.MailFile, "Person").Select(EmailOf).Where(ours);
        var notesTasks = cluster.Domino.State.GetDocuments(user.MailFile, "Task").Select(d => d.Text("Subject")).Where(ours);
        var crmContacts = user.Organisation.Org.Records("Contacts").Where(r => r.OwnerId == user.UserId).Select(r => r["Email"] ?? "").Where(ours);
        var crmTasks = user.Organisation.Org.Records("Tasks").Where(r => r.OwnerId == user.UserId).Select(r => r["Subject"] ?? "").Where(ours);
        AssertSame(user.Emails, notesContacts, $"{user}'s contacts in Notes");
        AssertSame(user.Emails, crmContacts, $"{user}'s contacts in the CRM");
        AssertSame(user.Subjects, notesTasks, $"{user}'s to-dos in Notes");
        AssertSame(user.Subjects, crmTasks, $"{user}'s tasks in the CRM");
    }

    /// <summary>A Person's e-mail as the mail file's contacts view shows it (a contact written over DAS may carry either item).</summary>
    private static string EmailOf(NotesSync.Simulators.Domino.Notes.DocumentSnapshot person) =>
        person.Text("MailAddress") is { Length: > 0 } mail ? mail : person.Text("InternetAddress");

    private static void AssertSame(IEnumerable<string> expected, IEnumerable<string> found, string what)
    {
        var sortedFound = found.Order(StringComparer.Ordinal).ToList();
        var duplicates = sortedFound.GroupBy(f => f).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}").ToList();
        Assert.True(duplicates.Count == 0, $"{what}: duplicates {string.Join(", ", duplicates)}");
        var missing = expected.Except(sortedFound).ToList();
        var unexpected = sortedFound.Except(expected).ToList();
        Assert.True(missing.Count == 0 && unexpected.Count == 0,
            $"{what}: missing {string.Join(", ", missing)}; unexpected {string.Join(", ", unexpected)}");
    }
}
