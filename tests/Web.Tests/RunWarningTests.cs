namespace NotesSync.Web.Tests;

/// <summary>A value shortened to fit Zoho is the run's warning, not its failure (api.md: members added, never renamed).</summary>
public class RunWarningTests : IAsyncLifetime
{
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_value_shortened_to_fit_Zoho_is_a_warning_and_a_run_that_synced_everything_succeeds()
    {
        await _h.SettingsAsync("notesToCrm", tasks: false);
        // Zoho keeps 80 characters of a last name; Notes more.
        var longName = _h.AddNotesContact("Ada", new string('L', 100), "ada@example.com");

        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Empty(run.GetProperty("failures").EnumerateArray());
        Assert.Equal(0, SyncHarness.Count(run, "contacts", "failed"));
        var warning = Assert.Single(run.GetProperty("warnings").EnumerateArray());
        Assert.Equal(("contacts", "crm", "value-truncated"),
            (warning.GetProperty("module").GetString(), warning.GetProperty("side").GetString(), warning.GetProperty("code").GetString()));
        Assert.Contains(warning.GetProperty("id").GetString(), new[] { longName, Assert.Single(_h.CrmContacts).Id });
        Assert.Equal(new string('L', 80), Assert.Single(_h.CrmContacts)["Last_Name"]);
    }
}
