using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NotesSync.Simulators.Domino.Hosting;

namespace NotesSync.Web.Tests;

/// <summary>
/// Colleagues' first syncs running at the same moment: each first sync marks its user's seat in the organisation's
/// account, and a run that saved the whole account with its end lost the race to the other's mark: its end was never
/// saved, and it stayed "running" until the sweep took it for dead (found by the two-node test, issue 23).
/// </summary>
public class ColleaguesFirstSyncTests
{
    [Fact]
    public async Task Two_colleagues_first_syncs_running_at_once_both_succeed_and_both_seats_are_marked_synced()
    {
        // Slow enough that both runs hold the account, read at their start, when the first one ends.
        await using var h = await SyncHarness.StartAsync(new DominoSimulatorOptions { Latency = TimeSpan.FromMilliseconds(20) });
        var (marc, marcClient, _) = await h.AddLicensedUserAsync("Marc", "Petit");
        await h.SettingsAsync("twoWay");
        await h.SettingsAsync("twoWay", user: marcClient);
        for (var i = 0; i < 5; i++) h.AddNotesContact($"Nina{i}", "Noir", $"nina{i}@client.example");

        var started = await Task.WhenAll(h.Admin.PostAsync("/api/sync/runs", null), marcClient.PostAsync("/api/sync/runs", null));
        Assert.All(started, s => Assert.Equal(HttpStatusCode.Accepted, s.StatusCode));
        var ids = await Task.WhenAll(started.Select(async s => (await s.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid()));

        SyncHarness.AssertStatus("succeeded", await h.WaitForAsync(ids[0]));
        SyncHarness.AssertStatus("succeeded", await h.WaitForAsync(ids[1], marcClient));
        var users = await h.Admin.GetFromJsonAsync<UsersBody>("/api/users");
        Assert.True(users!.Users.Single(u => u.UserId == h.Org.Admin.Id).HasSynced);
        Assert.True(users.Users.Single(u => u.UserId == marc.Id).HasSynced);
    }
}
