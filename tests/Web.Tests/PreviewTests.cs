using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Infrastructure.Persistence;
using NotesSync.Simulators.Domino.Knobs;
using NotesSync.Simulators.Domino.Notes;

namespace NotesSync.Web.Tests;

/// <summary>A preview reads and decides as a run would, lists what it would do, and writes nothing anywhere.</summary>
public class PreviewTests : IAsyncLifetime
{
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<JsonElement> PreviewAsync()
    {
        var started = await _h.Admin.PostAsJsonAsync("/api/sync/runs", new { preview = true });
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        return await _h.WaitForAsync((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid());
    }

    private async Task<List<JsonElement>> PlanAsync(JsonElement run, string query = "")
    {
        var page = await _h.Admin.GetFromJsonAsync<JsonElement>($"/api/sync/runs/{run.GetProperty("runId").GetGuid()}/plan?{query}");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    /// <summary>The calls that change something: every one but reads (GET, and COQL, which only selects).</summary>
    private List<string> Writes() =>
    [
        .. _h.Domino.Journal.Requests.Where(r => r.Method != "GET").Select(r => $"DAS {r}"),
        .. _h.Zoho.Journal.Requests.Where(r => r.Method != "GET" && !r.Path.EndsWith("/coql", StringComparison.Ordinal)).Select(r => $"Zoho {r}"),
    ];

    private async Task<(int Links, string Checkpoints)> StoredAsync()
    {
        await using var scope = _h.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>();
        var checkpoints = await db.Checkpoints.AsNoTracking().OrderBy(c => c.Module).Select(c => c.Module + "=" + c.NotesPosition + "/" + c.CrmPosition).ToListAsync();
        return (await db.RecordLinks.CountAsync(), string.Join(";", checkpoints));
    }

    /// <summary>
    /// Waits until Domino's clock is two seconds past the second the sync saved the document in: a user's save within
    /// that second cannot be told from the sync's own write (RecordLink.HoldsNotesVersion), and a person comes later.
    /// </summary>
    private async Task NotesSecondOverAsync(string unid)
    {
        var savedSecond = _h.Domino.State.GetDocument(SyncHarness.MailFile, unid)!.Modified.ToUnixTimeSeconds();
        var until = DateTime.UtcNow.AddSeconds(10);
        while (_h.Domino.State.Clock.GetUtcNow().ToUnixTimeSeconds() < savedSecond + 2)
        {
            Assert.True(DateTime.UtcNow < until, "Domino's clock did not move on within 10 s");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_preview_lists_each_action_with_its_record_writes_nothing_and_a_run_after_it_does_what_it_said()
    {
        await _h.SettingsAsync("twoWay", winner: "crm", tasks: false);
        var kept = _h.AddNotesContact("Dora", "Deleted", "dora@client.example");
        var edited = _h.AddNotesContact("Emil", "Edited", "emil@client.example", phone: "+49 30 1000");
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());
        var emilInCrm = Assert.Single(_h.CrmContacts, c => c["Email"] == "emil@client.example");
        var doraInCrm = Assert.Single(_h.CrmContacts, c => c["Email"] == "dora@client.example");
        await NotesSecondOverAsync(edited);
        _h.Domino.State.UpdateItems(SyncHarness.MailFile, edited, NotesItem.Text("OfficePhoneNumber", "+49 30 2000"));
        _h.Org.UpdateRecord("Contacts", emilInCrm.Id, new JsonObject { ["Phone"] = "+49 30 3000" });
        _h.Org.DeleteRecord("Contacts", doraInCrm.Id);
        _h.AddNotesContact("Nina", "New", "nina@client.example");
        _h.AddCrmContact("Carl", "Crm", "carl@client.example");
        _h.AddNotesContact("Mia", "Match", "mia@client.example");
        _h.AddCrmContact("Mia", "Match", "MIA@client.example", phone: "+33 1 00");
        _h.AddNotesContact("Pia", "Private", "pia@client.example", isPrivate: true);
        var stored = await StoredAsync();
        _h.Domino.Journal.Clear();
        _h.Zoho.Journal.Clear();

        var preview = await PreviewAsync();

        SyncHarness.AssertStatus("previewed", preview);
        Assert.Empty(Writes());
        Assert.Equal(stored, await StoredAsync());
        var plan = (await PlanAsync(preview)).ToDictionary(
            i => i.GetProperty("notes").TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : i.GetProperty("crm").GetProperty("name").GetString()!,
            i => i);
        Assert.Equal("createInCrm", plan["Nina New"].GetProperty("action").GetString());
        Assert.Equal("createInNotes", plan["Carl Crm"].GetProperty("action").GetString());
        Assert.Equal(("match", "email"), (plan["Mia Match"].GetProperty("action").GetString(), plan["Mia Match"].GetProperty("matchedBy").GetString()));
        Assert.Equal("skipPrivate", plan["Pia Private"].GetProperty("action").GetString());
        Assert.Equal(("deleteInNotes", kept), (plan["Dora Deleted"].GetProperty("action").GetString(), plan["Dora Deleted"].GetProperty("notes").GetProperty("id").GetString()));
        var conflict = plan["Emil Edited"];
        Assert.Equal(("conflict", "crm"), (conflict.GetProperty("action").GetString(), conflict.GetProperty("winner").GetString()));
        var phone = Assert.Single(conflict.GetProperty("fields").EnumerateArray());
        Assert.Equal(("phone", "+49 30 2000", "+49 30 3000"), (phone.GetProperty("name").GetString(), phone.GetProperty("from").GetString(), phone.GetProperty("to").GetString()));
        Assert.Equal(["createInNotes"], (await PlanAsync(preview, "module=contacts&action=createInNotes")).Select(i => i.GetProperty("action").GetString()));

        var run = await _h.SyncAsync();

        Assert.Equal(preview.GetProperty("modules").GetRawText(), run.GetProperty("modules").GetRawText());
        Assert.NotEmpty(Writes());
    }

    [Fact]
    public async Task Applying_a_preview_after_a_change_says_how_many_actions_differ()
    {
        await _h.SettingsAsync("twoWay", tasks: false);
        _h.AddNotesContact("Nina", "New", "nina@client.example");
        _h.AddNotesContact("Otto", "Other", "otto@client.example");
        var preview = await PreviewAsync();
        Assert.Equal(2, SyncHarness.Count(preview, "contacts", "toCrm.created"));

        _h.AddCrmContact("Carl", "Crm", "carl@client.example");
        var applied = await _h.Admin.PostAsync($"/api/sync/runs/{preview.GetProperty("runId").GetGuid()}/apply", null);
        Assert.Equal(HttpStatusCode.Accepted, applied.StatusCode);
        var run = await _h.WaitForAsync((await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid());

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal(1, run.GetProperty("differencesFromPreview").GetInt32());
        Assert.Equal(3, _h.CrmContacts.Count);
    }

    [Fact]
    public async Task A_preview_while_a_run_is_going_answers_409()
    {
        await _h.SettingsAsync("twoWay");
        _h.AddNotesContact("Nina", "New", "nina@client.example");
        var domino = new RequestHold();
        _h.Domino.Faults.Add(FaultRule.Held("*", domino, times: int.MaxValue));
        var first = await _h.Admin.PostAsync("/api/sync/runs", null);
        await domino.WaitForArrivalsAsync(1, TimeSpan.FromSeconds(30));

        var preview = await _h.Admin.PostAsJsonAsync("/api/sync/runs", new { preview = true });

        await ProblemAssert.IsProblem(preview, HttpStatusCode.Conflict, "sync-running");
        domino.Release();
        _h.Domino.Faults.Clear();
        SyncHarness.AssertStatus("succeeded", await _h.WaitForAsync((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid()));
    }
}
