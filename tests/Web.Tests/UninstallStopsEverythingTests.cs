using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Web.Tests;

/// <summary>Uninstall leaves nothing alive: not the Zoho grant, not a sync that was running.</summary>
public sealed class UninstallStopsEverythingTests : IAsyncLifetime
{
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task UninstallAsync() =>
        Assert.Equal(HttpStatusCode.NoContent, (await _h.App.HookAsync("uninstall", new { orgId = _h.Org.Id })).StatusCode);

    [Fact]
    public async Task After_uninstall_the_refresh_token_is_revoked_at_Zoho()
    {
        var grant = Assert.Single(_h.Zoho.State.RefreshTokens(_h.Org));
        Assert.False(grant.Revoked);

        await UninstallAsync();

        Assert.False(_h.Zoho.State.IsRefreshTokenValid(grant.Token));
        Assert.Contains(_h.Zoho.State.Calls.All, c => c.Path == "/oauth/v2/token/revoke" && c.Status == 200);
    }

    [Fact]
    public async Task An_uninstall_while_a_run_is_running_stops_it_before_its_next_write_batch()
    {
        for (var i = 0; i < 250; i++)
            _h.Domino.State.AddContact(SyncHarness.MailFile, new ContactSpec { FirstName = "Ann", LastName = $"Smith {i:000}", Email = $"ann.{i}@example.com" });
        await _h.SettingsAsync(direction: "notesToCrm", tasks: false);
        var firstBatch = _h.Zoho.State.Faults.HoldNext(1, "/crm/v8/Contacts*", "POST");

        var started = await _h.Admin.PostAsync("/api/sync/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid();
        await firstBatch.Arrived.WaitAsync(TimeSpan.FromSeconds(30));

        await UninstallAsync();
        firstBatch.Release();
        await StoppedAsync(runId);

        // The batch in flight when the organisation went was written; no other was sent, and the run ended quietly: not
        // as a failed sync, and not as a failed job for Hangfire to retry (EF Core may still log the refused save).
        Assert.DoesNotContain(_h.App.Logs.GetSnapshot(), r => r.Level >= LogLevel.Error
            && (r.Category?.Contains("ExecuteSyncRun", StringComparison.Ordinal) == true || r.Category?.StartsWith("Hangfire", StringComparison.Ordinal) == true));
        Assert.Single(_h.Zoho.State.Calls.ForOrg(_h.Org.Id), c => c.Method == "POST" && c.Path.StartsWith("/crm/v8/Contacts", StringComparison.Ordinal));
        Assert.Equal(100, _h.CrmContacts.Count);
    }

    /// <summary>Waits for the run's job to say it stopped because its run is gone; fails loudly after a deadline.</summary>
    private async Task StoppedAsync(Guid runId)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!_h.App.Logs.GetSnapshot().Any(r => r.Level == LogLevel.Warning && r.Message.Contains(runId.ToString(), StringComparison.Ordinal)
                                                   && r.Message.Contains("it stopped", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < until, $"run {runId} did not stop: {string.Join('\n', _h.App.Logs.GetSnapshot().Select(r => r.Message).TakeLast(20))}");
            await Task.Delay(100);
        }
    }
}
