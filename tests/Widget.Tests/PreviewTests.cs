using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using NotesSync.Simulators.Domino.State;
using static Microsoft.Playwright.Assertions;

namespace NotesSync.Widget.Tests;

/// <summary>Preview on the dashboard: what a first sync would do, with nothing written, then Apply.</summary>
[Collection(BrowserCollection.Name)]
public class PreviewTests(BrowserFixture chromium) : IAsyncLifetime
{
    private SandboxWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await SandboxWorld.StartAsync();
        await _world.ConnectZohoAsync();
        await _world.ConnectNotesAsync();
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    /// <summary>The calls that change something on either side: all but reads (GET, COQL's select) and Zoho's sign-in.</summary>
    private List<string> Writes() =>
    [
        .. _world.Domino.Journal.Requests.Where(r => r.Method != "GET").Select(r => $"DAS {r}"),
        .. _world.Zoho.Journal.Requests
            .Where(r => r.Method != "GET" && !r.Path.EndsWith("/coql", StringComparison.Ordinal) && !r.Path.StartsWith("/oauth", StringComparison.Ordinal))
            .Select(r => $"Zoho {r}"),
    ];

    [Fact]
    public async Task A_first_two_way_preview_lists_a_match_and_a_creation_writes_nothing_and_Apply_runs_it()
    {
        // The same person on both sides (a first sync pairs them by e-mail), and one only in Notes (created in the CRM).
        _world.Domino.State.AddContact(SandboxWorld.MailFile, new ContactSpec { FirstName = "Mia", LastName = "Match", Email = "mia@client.example" });
        _world.Org.CreateRecord("Contacts", new JsonObject { ["First_Name"] = "Mia", ["Last_Name"] = "Match", ["Email"] = "mia@client.example" });
        _world.Domino.State.AddContact(SandboxWorld.MailFile, new ContactSpec { FirstName = "Nina", LastName = "Neu", Email = "nina@client.example" });
        _world.Domino.Journal.Clear();
        _world.Zoho.Journal.Clear();
        await using var widget = await WidgetPage.OpenAsync(chromium.Browser, _world.Sandbox.WidgetUrl());

        // No sync yet: Preview asks for the settings first (two-way, contacts only), and saving them previews.
        await widget.Role(AriaRole.Button, "Preview").ClickAsync();
        var dialog = widget.Page.GetByRole(AriaRole.Dialog, new() { Name = "Sync settings" });
        await dialog.GetByLabel("Sync tasks").UncheckAsync();
        await dialog.GetByLabel("Sync events").UncheckAsync();
        await dialog.GetByLabel("Sync type").SelectOptionAsync("twoWay");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        var plan = widget.Page.Locator("#plan-table");
        await Expect(plan).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(widget.Page.Locator("#run-status")).ToContainTextAsync("Preview ready");
        // The first-sync pair comes first, with what matched it; the creation is listed with its name.
        var first = plan.Locator("tbody tr").First;
        await Expect(first).ToHaveAttributeAsync("data-action", "match");
        var match = plan.Locator("tbody tr[data-action=match]", new() { HasText = "Mia Match" });
        await Expect(match).ToContainTextAsync("Matched by the same e-mail address");
        await Expect(plan.Locator("tbody tr[data-action=createInCrm]", new() { HasText = "Nina Neu" })).ToContainTextAsync("Create in Zoho CRM");
        await widget.CheckScreenAsync("18-preview-plan");
        Assert.Empty(Writes());
        // A preview is no sync: the last sync is still none.
        await Expect(widget.Page.Locator("#last-sync")).ToHaveTextAsync("never");

        // The action filter lists only what it names.
        await widget.Page.GetByLabel("Action", new() { Exact = true }).SelectOptionAsync("createInCrm");
        await Expect(plan.Locator("tbody tr[data-action=match]")).ToHaveCountAsync(0);
        await Expect(plan.Locator("tbody tr[data-action=createInCrm]", new() { HasText = "Nina Neu" })).ToBeVisibleAsync();

        await widget.Role(AriaRole.Button, "Apply").ClickAsync();

        var differences = widget.Page.Locator("#preview-differences");
        await Expect(differences).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(differences).ToHaveTextAsync("The sync did exactly what the preview listed.");
        await Expect(widget.Page.Locator("#run-status")).ToContainTextAsync("Finished");
        await Expect(widget.Page.Locator("#run-counts")).ToBeVisibleAsync();
        await widget.CheckScreenAsync("19-preview-applied");
        Assert.Single(_world.Org.Records("Contacts"), c => c["Email"] == "nina@client.example");
        Assert.Single(_world.Org.Records("Contacts"), c => c["Email"] == "mia@client.example");
        Assert.NotEmpty(Writes());
        using var api = await _world.ApiAsAsync();
        var runs = await api.GetFromJsonAsync<JsonArray>("/api/sync/runs");
        Assert.Equal(["succeeded", "previewed"], runs!.Select(r => (string)r!["status"]!));
        Assert.Empty(widget.ConsoleErrors);
    }
}
