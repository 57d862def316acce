using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace NotesSync.Widget.Tests;

/// <summary>The widget asks the extension's function for a new token before the one it holds expires.</summary>
[Collection(BrowserCollection.Name)]
public class TokenRenewalTests(BrowserFixture chromium)
{
    [Fact]
    public async Task The_widget_renews_its_token_five_minutes_before_it_expires_and_keeps_working()
    {
        // Tokens of six minutes: the widget renews a minute after it got one.
        await using var world = await SandboxWorld.StartAsync(tokenLifetime: TimeSpan.FromMinutes(6));
        await world.ConnectZohoAsync();
        await world.ConnectNotesAsync();
        await using var widget = await WidgetPage.OpenAsync(chromium.Browser, world.Sandbox.WidgetUrl(), controlClock: true);
        await Expect(widget.Role(AriaRole.Button, "Start sync")).ToBeVisibleAsync();
        var minted = world.Sandbox.Organisation.TokensMinted;

        await widget.Page.Clock.FastForwardAsync("00:50");
        await Expect(widget.Role(AriaRole.Button, "Start sync")).ToBeVisibleAsync();
        Assert.Equal(minted, world.Sandbox.Organisation.TokensMinted);

        await widget.Page.Clock.FastForwardAsync("00:15");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (world.Sandbox.Organisation.TokensMinted == minted)
        {
            Assert.True(DateTime.UtcNow < deadline, "the widget did not ask for a new token a minute before its token's last five");
            await Task.Delay(50);
        }

        // The next call goes out with the new token and is answered.
        await widget.Role(AriaRole.Button, "Settings").ClickAsync();
        await widget.Role(AriaRole.Menuitem, "Sync settings").ClickAsync();
        await Expect(widget.Page.GetByRole(AriaRole.Dialog, new() { Name = "Sync settings" })).ToBeVisibleAsync();
        Assert.Empty(widget.ConsoleErrors);
    }
}
