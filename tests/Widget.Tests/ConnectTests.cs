using Microsoft.Playwright;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;
using static Microsoft.Playwright.Assertions;

namespace NotesSync.Widget.Tests;

/// <summary>The first steps in the tab: the admin connects Zoho CRM through the pop-up, then their Notes account.</summary>
[Collection(BrowserCollection.Name)]
public class ConnectTests(BrowserFixture chromium)
{
    /// <summary>The mail file's contacts view, as Domino's mail template names it.</summary>
    private const string ContactsView = "($Contacts)";

    [Fact]
    public async Task An_admin_connects_Zoho_in_the_pop_up_then_Notes_and_reaches_the_dashboard()
    {
        await using var world = await SandboxWorld.StartAsync();
        await using var widget = await WidgetPage.OpenAsync(chromium.Browser, world.Sandbox.WidgetUrl());

        await Expect(widget.Role(AriaRole.Heading, "Connect Zoho CRM")).ToBeVisibleAsync();
        await widget.CheckScreenAsync("01-zoho-connection");
        await widget.Role(AriaRole.Button, "Connect Zoho CRM").ClickAsync();

        // The simulator's consent page approves at once; the callback page tells the widget and closes.
        await Expect(widget.Role(AriaRole.Heading, "Connect your IBM Notes account")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await widget.CheckScreenAsync("02-connect-notes");

        await widget.Page.GetByLabel("Server name").FillAsync(world.Domino.BaseUri.ToString());
        await widget.Page.GetByLabel("User name").FillAsync(SandboxWorld.NotesUser);
        await widget.Page.GetByLabel("Password").FillAsync("not-her-password");
        await widget.Role(AriaRole.Button, "Submit").ClickAsync();

        // Told beside the password, and what was typed is kept.
        await Expect(widget.Page.Locator("[data-field=password] .field-error")).ToContainTextAsync("Domino refused this user name and password");
        await Expect(widget.Page.GetByLabel("Server name")).ToHaveValueAsync(world.Domino.BaseUri.ToString());
        await widget.CheckScreenAsync("03-connect-notes-wrong-password");

        await widget.Page.GetByLabel("Password").FillAsync(SandboxWorld.NotesPassword);
        await widget.Role(AriaRole.Button, "Submit").ClickAsync();

        await Expect(widget.Role(AriaRole.Button, "Start sync")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(widget.Role(AriaRole.Tab, "Dashboard")).ToHaveAttributeAsync("aria-selected", "true");
        await widget.CheckScreenAsync("04-dashboard-before-first-sync");
        Assert.Empty(widget.ConsoleErrors);
    }

    [Fact]
    public async Task Each_DAS_switch_that_is_off_shows_its_steps_and_check_again_goes_on_once_it_is_on()
    {
        await using var world = await SandboxWorld.StartAsync();
        await world.ConnectZohoAsync();
        world.Domino.State.ConfigureServer(s => s.DataServiceEnabled = false);
        await using var widget = await WidgetPage.OpenAsync(chromium.Browser, world.Sandbox.WidgetUrl());

        await widget.Page.GetByLabel("Server name").FillAsync(world.Domino.BaseUri.ToString());
        await widget.Page.GetByLabel("User name").FillAsync(SandboxWorld.NotesUser);
        await widget.Page.GetByLabel("Password").FillAsync(SandboxWorld.NotesPassword);
        await widget.Role(AriaRole.Button, "Submit").ClickAsync();

        var help = widget.Page.Locator(".das-help");
        await Expect(help.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Domino Access Services are off on the server");
        await Expect(help.Locator("ol.steps li")).ToHaveCountAsync(4);
        await Expect(help.Locator("ol.steps")).ToContainTextAsync("Domino Web Engine");
        await widget.CheckScreenAsync("05-das-disabled-server");

        world.Domino.State.ConfigureServer(s => s.DataServiceEnabled = true);
        world.Domino.State.SetDatabaseAccess(SandboxWorld.MailFile, DataServiceAccess.Never);
        await widget.Role(AriaRole.Button, "Check again").ClickAsync();
        await Expect(help.GetByRole(AriaRole.Heading)).ToContainTextAsync("not allowed on the database");
        await Expect(help.Locator("ol.steps")).ToContainTextAsync("Views and documents");
        await widget.CheckScreenAsync("06-das-disabled-database");

        world.Domino.State.SetDatabaseAccess(SandboxWorld.MailFile, DataServiceAccess.ViewsAndDocuments);
        world.Domino.State.SetViewAccess(SandboxWorld.MailFile, ContactsView, false);
        await widget.Role(AriaRole.Button, "Check again").ClickAsync();
        await Expect(help.GetByRole(AriaRole.Heading)).ToContainTextAsync("not allowed on the view");
        await Expect(help.Locator("ol.steps")).ToContainTextAsync("Allow Domino Data Service operations");
        await widget.CheckScreenAsync("07-das-disabled-view");

        world.Domino.State.SetViewAccess(SandboxWorld.MailFile, ContactsView, true);
        await widget.Role(AriaRole.Button, "Check again").ClickAsync();
        await Expect(widget.Role(AriaRole.Button, "Start sync")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }
}
