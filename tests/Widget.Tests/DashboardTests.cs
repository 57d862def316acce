using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;
using static Microsoft.Playwright.Assertions;

namespace NotesSync.Widget.Tests;

/// <summary>The dashboard and its settings: what a user does every day in the tab.</summary>
[Collection(BrowserCollection.Name)]
public class DashboardTests(BrowserFixture chromium) : IAsyncLifetime
{
    private SandboxWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await SandboxWorld.StartAsync();
        await _world.ConnectZohoAsync();
        await _world.ConnectNotesAsync();
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static async Task OpenMenuItemAsync(WidgetPage widget, string item)
    {
        await widget.Role(AriaRole.Button, "Settings").ClickAsync();
        await widget.Role(AriaRole.Menuitem, item).ClickAsync();
    }

    [Fact]
    public async Task A_settings_field_error_is_shown_beside_its_field_and_saving_works_once_it_is_fixed()
    {
        await using var widget = await WidgetPage.OpenAsync(chromium.Browser, _world.Sandbox.WidgetUrl());
        await OpenMenuItemAsync(widget, "Sync settings");
        var dialog = widget.Page.GetByRole(AriaRole.Dialog, new() { Name = "Sync settings" });
        await dialog.GetByLabel("Sync automatically").CheckAsync();
        await dialog.GetByLabel("Every (minutes)").FillAsync("5");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(dialog.Locator("[data-field=autoSyncMinutes] .field-error")).ToContainTextAsync("15 to 1440 minutes");
        await Expect(dialog.GetByLabel("Every (minutes)")).ToHaveValueAsync("5");
        await widget.CheckScreenAsync("08-sync-settings-field-error");

        await dialog.GetByLabel("Every (minutes)").FillAsync("30");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(widget.Page.Locator("#next-sync")).Not.ToContainTextAsync("off");
        using var api = await _world.ApiAsAsync();
        var saved = await api.GetFromJsonAsync<JsonElement>("/api/sync/settings");
        Assert.Equal(30, saved.GetProperty("autoSyncMinutes").GetInt32());
    }

    [Fact]
    public async Task A_sync_shows_its_progress_then_its_counts_and_a_conflict_with_both_values()
    {
        var unid = _world.Domino.State.AddContact(SandboxWorld.MailFile,
            new ContactSpec { FirstName = "Jörg", LastName = "Müller", Email = "jorg@example.de", OfficePhone = "+49 30 1234" });
        // The run waits at its first CRM contacts call until the test has seen the progress.
        var held = _world.Zoho.State.Faults.HoldNext(1, "/crm/v8/Contacts*");
        await using var widget = await WidgetPage.OpenAsync(chromium.Browser, _world.Sandbox.WidgetUrl());

        // The first Start sync goes through the settings, as on the help page.
        await widget.Role(AriaRole.Button, "Start sync").ClickAsync();
        var dialog = widget.Page.GetByRole(AriaRole.Dialog, new() { Name = "Sync settings" });
        await dialog.GetByLabel("Sync tasks").UncheckAsync();
        await dialog.GetByLabel("Sync events").UncheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save and start sync" }).ClickAsync();

        await held.Arrived.WaitAsync(TimeSpan.FromSeconds(30));
        await Expect(widget.Page.Locator("#sync-progress")).ToBeVisibleAsync();
        await Expect(widget.Role(AriaRole.Heading, "Syncing…")).ToBeVisibleAsync();
        await widget.CheckScreenAsync("09-sync-in-progress");
        held.Release();

        var counts = widget.Page.Locator("#run-counts");
        await Expect(counts).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(widget.Page.Locator("#run-status")).ToContainTextAsync("Finished");
        var run = await LatestRunAsync();
        var created = run.GetProperty("modules").GetProperty("contacts").GetProperty("toCrm").GetProperty("created").GetInt32();
        Assert.True(created >= 1, run.ToString());
        await Expect(counts.Locator("tr[data-module=contacts] [data-count='toCrm.created']")).ToHaveTextAsync(created.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(widget.Page.Locator("#history tbody tr")).ToHaveCountAsync(1);
        await widget.CheckScreenAsync("10-dashboard-after-sync");

        // Both sides change Jörg's phone; the CRM wins (the default), and Notes' value is shown as not kept.
        var crmId = _world.Org.Records("Contacts").Single(r => r["Email"] == "jorg@example.de").Id;
        _world.Domino.State.UpdateItems(SandboxWorld.MailFile, unid, NotesItem.Text("OfficePhoneNumber", "+49 30 1111"));
        _world.ZohoClock.Advance(TimeSpan.FromSeconds(1));
        _world.Org.UpdateRecord("Contacts", crmId, new JsonObject { ["Phone"] = "+49 30 2222" });
        await widget.Role(AriaRole.Button, "Start sync").ClickAsync();

        var conflict = widget.Page.Locator($"article.conflict[data-crm-id='{crmId}']");
        await Expect(conflict).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(conflict).ToContainTextAsync("Kept: Zoho CRM");
        await Expect(conflict.Locator("td.lost")).ToContainTextAsync("+49 30 1111");
        await Expect(conflict.Locator("td.kept")).ToContainTextAsync("+49 30 2222");
        await Expect(widget.Page.Locator("#history tbody tr")).ToHaveCountAsync(2);
        await widget.CheckScreenAsync("11-dashboard-conflict");
        Assert.Empty(widget.ConsoleErrors);
    }

    [Fact]
    public async Task A_failed_run_says_in_words_what_stopped_it_and_what_to_do()
    {
        using (var api = await _world.ApiAsAsync())
        {
            var first = await api.PutAsJsonAsync("/api/sync/settings", new
            {
                contacts = true,
                tasks = false,
                events = false,
                eventRange = "fromToday",
                direction = "twoWay",
                conflictWinner = "crm",
                autoSyncMinutes = (int?)null,
            });
            Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync());
        }
        // Jane changed her password in Notes; NotesSync still holds the old one.
        _world.Domino.State.ChangePassword(SandboxWorld.NotesUser, "Jane-Changed-It");
        await using var widget = await WidgetPage.OpenAsync(chromium.Browser, _world.Sandbox.WidgetUrl());
        await widget.Page.Locator("#current-run").WaitForAsync();

        // No run yet: the first Start sync opens the settings; saving starts the run.
        await widget.Role(AriaRole.Button, "Start sync").ClickAsync();
        await widget.Page.GetByRole(AriaRole.Button, new() { Name = "Save and start sync" }).ClickAsync();

        var error = widget.Page.Locator("#run-error");
        await Expect(error).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(error).ToHaveAttributeAsync("data-code", "invalid-credentials");
        await Expect(error).ToContainTextAsync("Domino refused your stored password");
        await Expect(error).ToContainTextAsync("Change password");
        await Expect(widget.Page.Locator("#run-status")).ToContainTextAsync("Failed");
        await widget.CheckScreenAsync("16-dashboard-failed-run");
    }

    private async Task<JsonElement> LatestRunAsync()
    {
        using var api = await _world.ApiAsAsync();
        var runs = await api.GetFromJsonAsync<JsonElement>("/api/sync/runs?limit=1");
        var runId = runs[0].GetProperty("runId").GetGuid();
        return await api.GetFromJsonAsync<JsonElement>($"/api/sync/runs/{runId}");
    }
}
