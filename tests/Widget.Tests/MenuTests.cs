using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace NotesSync.Widget.Tests;

/// <summary>The gear menu: what an admin and a user each find there, Manage users, Change password; and the meeting screen.</summary>
[Collection(BrowserCollection.Name)]
public class MenuTests(BrowserFixture chromium) : IAsyncLifetime
{
    private SandboxWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await SandboxWorld.StartAsync();
        await _world.ConnectZohoAsync();
        await _world.ConnectNotesAsync();
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private async Task SyncOnceAsync()
    {
        using var api = await _world.ApiAsAsync();
        var started = await api.PostAsync("/api/sync/runs", null);
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await api.GetFromJsonAsync<JsonElement>($"/api/sync/runs/{runId}")).GetProperty("status").GetString() is "queued" or "running")
        {
            Assert.True(DateTime.UtcNow < deadline, "the admin's sync did not end within a minute");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task An_admin_adds_and_removes_users_and_cannot_remove_one_who_has_synced()
    {
        await SyncOnceAsync();
        var second = _world.Sandbox.Organisation.Second;
        await using var widget = await WidgetPage.OpenAsync(chromium.Browser, _world.Sandbox.WidgetUrl());

        // By keyboard: the menu opens on its first item, arrows move, Enter chooses.
        await widget.Role(AriaRole.Button, "Settings").FocusAsync();
        await widget.Page.Keyboard.PressAsync("ArrowDown");
        await Expect(widget.Role(AriaRole.Menuitem, "Sync settings")).ToBeFocusedAsync();
        await widget.Page.Keyboard.PressAsync("End");
        await Expect(widget.Role(AriaRole.Menuitem, "Disconnect Notes")).ToBeFocusedAsync();
        await widget.Page.Keyboard.PressAsync("ArrowUp");
        await Expect(widget.Role(AriaRole.Menuitem, "Manage users")).ToBeFocusedAsync();
        await widget.Page.Keyboard.PressAsync("Enter");

        var dialog = widget.Page.GetByRole(AriaRole.Dialog, new() { Name = "Manage users" });
        await Expect(dialog.Locator("#seats")).ToHaveTextAsync("Seats used: 1 of 5");
        var admin = _world.Sandbox.Organisation.Admin;
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = $"Delete {admin.Name}" })).ToBeDisabledAsync();
        await Expect(dialog.Locator($"tr[data-user-id='{admin.Id}']")).ToContainTextAsync("has already synced and keeps the seat");

        await dialog.GetByLabel("CRM user", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = second.Id });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(dialog.Locator("#seats")).ToHaveTextAsync("Seats used: 2 of 5");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = $"Delete {second.Name}" })).ToBeEnabledAsync();
        await widget.CheckScreenAsync("12-manage-users");

        // Another CRM user in and out again: Delete works for whoever has not synced.
        var other = (await dialog.GetByLabel("CRM user", new() { Exact = true }).Locator("option").First.GetAttributeAsync("value"))!;
        await dialog.GetByLabel("CRM user", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = other });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(dialog.Locator("#seats")).ToHaveTextAsync("Seats used: 3 of 5");
        await dialog.Locator($"tr[data-user-id='{other}'] button").ClickAsync();
        await Expect(dialog.Locator("#seats")).ToHaveTextAsync("Seats used: 2 of 5");
        await Expect(dialog.Locator($"tr[data-user-id='{other}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_user_sees_the_tab_in_French_and_their_menu_has_no_manage_users()
    {
        // The sandbox's second user reads the CRM in French; they get a seat as soon as they open the tab.
        await using var widget = await WidgetPage.OpenAsync(chromium.Browser, _world.Sandbox.WidgetUrl(_world.Sandbox.Organisation.Second));

        await Expect(widget.Role(AriaRole.Heading, "Connecter votre compte IBM Notes")).ToBeVisibleAsync();
        await Expect(widget.Page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await widget.Role(AriaRole.Button, "Paramètres").ClickAsync();
        await Expect(widget.Page.GetByRole(AriaRole.Menuitem)).ToHaveTextAsync(["Paramètres de synchronisation"]);
        await widget.CheckScreenAsync("13-user-menu-in-french");

        await widget.Page.Keyboard.PressAsync("Escape");
        await Expect(widget.Role(AriaRole.Button, "Paramètres")).ToBeFocusedAsync();
        await widget.Page.GetByLabel("Nom du serveur").FillAsync("serveur mail"); // a space: not a server name, refused before any network call
        await widget.Page.GetByLabel("Nom d'utilisateur").FillAsync("Jean Dupont");
        await widget.Page.GetByLabel("Mot de passe").FillAsync("x");
        await widget.Role(AriaRole.Button, "Envoyer").ClickAsync();
        await Expect(widget.Page.Locator("[data-field=serverName] .field-error")).ToContainTextAsync("Ce n'est ni un nom de serveur");
    }

    [Fact]
    public async Task Change_password_keeps_the_old_one_when_Domino_refuses_and_saves_the_one_Domino_accepts()
    {
        var jane = _world.Domino.State.FindUser(SandboxWorld.NotesUser)!;
        _world.Domino.State.ChangePassword(SandboxWorld.NotesUser, "Jane-New-Pw-2");
        await using var widget = await WidgetPage.OpenAsync(chromium.Browser, _world.Sandbox.WidgetUrl());
        await widget.Role(AriaRole.Button, "Settings").ClickAsync();
        await widget.Role(AriaRole.Menuitem, "Change password").ClickAsync();
        var dialog = widget.Page.GetByRole(AriaRole.Dialog, new() { Name = "Change password" });

        await dialog.GetByLabel("E-mail id").FillAsync(jane.InternetAddress);
        await dialog.GetByLabel("New password").FillAsync("not-the-new-one");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Update password" }).ClickAsync();
        await Expect(dialog.Locator("[data-field=newPassword] .field-error")).ToContainTextAsync("the old password is kept");
        await widget.CheckScreenAsync("14-change-password-refused");

        await dialog.GetByLabel("New password").FillAsync("Jane-New-Pw-2");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Update password" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(widget.Page.Locator("#toast")).ToHaveTextAsync("Your new Notes password is saved.");
    }

    [Fact]
    public async Task Disconnect_Notes_asks_first_then_brings_back_Connect_Notes()
    {
        await using var widget = await WidgetPage.OpenAsync(chromium.Browser, _world.Sandbox.WidgetUrl());
        await widget.Role(AriaRole.Button, "Settings").ClickAsync();
        await widget.Role(AriaRole.Menuitem, "Disconnect Notes").ClickAsync();
        var dialog = widget.Page.GetByRole(AriaRole.Dialog, new() { Name = "Disconnect Notes" });
        await widget.CheckScreenAsync("17-disconnect-notes");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(widget.Role(AriaRole.Button, "Start sync")).ToBeVisibleAsync();

        await widget.Role(AriaRole.Button, "Settings").ClickAsync();
        await widget.Role(AriaRole.Menuitem, "Disconnect Notes").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Disconnect", Exact = true }).ClickAsync();
        await Expect(widget.Role(AriaRole.Heading, "Connect your IBM Notes account")).ToBeVisibleAsync();
        using var api = await _world.ApiAsAsync();
        var me = await api.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.False(me.GetProperty("notes").GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task The_schedule_meeting_screen_is_labelled_and_reachable_from_the_tabs()
    {
        await using var widget = await WidgetPage.OpenAsync(chromium.Browser, _world.Sandbox.WidgetUrl());
        await widget.Role(AriaRole.Tab, "Dashboard").FocusAsync();
        await widget.Page.Keyboard.PressAsync("ArrowRight");

        await Expect(widget.Role(AriaRole.Tab, "Schedule meeting")).ToHaveAttributeAsync("aria-selected", "true");
        foreach (var label in new[] { "Subject", "Participants", "Location", "Start", "End", "Reminder" })
            await Expect(widget.Page.GetByLabel(label, new() { Exact = true })).ToBeVisibleAsync();
        await Expect(widget.Role(AriaRole.Button, "Schedule")).ToBeVisibleAsync();
        await widget.CheckScreenAsync("15-schedule-meeting");
    }
}
