using NotesSync.Simulators.Domino.State;
using NotesSync.Simulators.Zoho;

namespace NotesSync.Web.Tests;

/// <summary>
/// Zoho refusing calls for concurrency (429) as a user sees it: absorbed while it passes, and a run that fails with
/// <c>zoho-throttled</c> rather than hangs when it does not (ADR 0006). The host counts the organisation's limit in
/// the database, as nodes sharing one do.
/// </summary>
public sealed class ZohoThrottledRunTests
{
    [Fact]
    public async Task A_run_facing_429s_that_never_end_fails_with_zoho_throttled_and_the_next_run_succeeds_without_duplicates()
    {
        await using var h = await SyncHarness.StartAsync(
            settings: new Dictionary<string, string> { ["Zoho:ConcurrencyScope"] = "Deployment", ["Zoho:MaxThrottleRetries"] = "2" },
            zohoOptions: new ZohoSimulatorOptions { ConcurrencyRetryAfter = null });
        await h.SettingsAsync("notesToCrm", tasks: false);
        h.Domino.State.AddContact(SyncHarness.MailFile, new ContactSpec { FirstName = "Zoë", LastName = "Dupont", Email = "zoe@example.fr" });
        SyncHarness.AssertStatus("succeeded", await h.SyncAsync());
        h.Domino.State.AddContact(SyncHarness.MailFile, new ContactSpec { FirstName = "Jörg", LastName = "Müller", Email = "jorg@example.de" });

        h.Org.ConcurrencyLimit = 0;
        var throttled = await h.SyncAsync();
        var refused = h.Org.ConcurrencyRejections;
        h.Org.ConcurrencyLimit = 10;
        var next = await h.SyncAsync();

        SyncHarness.AssertStatus("failed", throttled);
        Assert.Equal("zoho-throttled", throttled.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(1 + 2, refused);
        SyncHarness.AssertStatus("succeeded", next);
        Assert.Equal(["Dupont", "Müller"], h.CrmContacts.Select(c => c.Fields["Last_Name"]!.GetValue<string>()).Order());
    }
}
