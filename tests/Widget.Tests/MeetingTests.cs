using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace NotesSync.Widget.Tests;

/// <summary>"Schedule meeting" against the real backend: one Notes meeting with its invitations and one CRM Event.</summary>
[Collection(BrowserCollection.Name)]
public class MeetingTests(BrowserFixture chromium) : IAsyncLifetime
{
    private SandboxWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await SandboxWorld.StartAsync();
        await _world.ConnectZohoAsync();
        await _world.ConnectNotesAsync();
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_contact_picked_by_name_and_a_typed_address_are_invited_and_the_meeting_is_listed_as_scheduled()
    {
        // Created by the admin (the sandbox's signed-in user), so one of the admin's own contacts.
        var anneliese = _world.Org.CreateRecord("Contacts", new JsonObject { ["First_Name"] = "Anneliese", ["Last_Name"] = "Zorn", ["Email"] = "anneliese@client.example" });
        // datetime-local fields take the page's wall-clock time (Europe/Paris): three days ahead, 10:00 to 11:00.
        var day = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var widget = await WidgetPage.OpenAsync(chromium.Browser, _world.Sandbox.WidgetUrl());
        await widget.Role(AriaRole.Tab, "Schedule meeting").ClickAsync();

        await widget.Page.GetByLabel("Subject", new() { Exact = true }).FillAsync("Contract review");
        var participants = widget.Page.GetByLabel("Participants", new() { Exact = true });
        await participants.PressSequentiallyAsync("Anneli");
        var suggestion = widget.Page.GetByRole(AriaRole.Option, new() { Name = "Anneliese Zorn <anneliese@client.example>" });
        await Expect(suggestion).ToBeVisibleAsync();
        // The keyboard alone: down into the suggestions, Enter picks; then a typed address and Enter.
        await participants.PressAsync("ArrowDown");
        await widget.Page.Keyboard.PressAsync("Enter");
        await participants.FillAsync("carl@partner.example");
        await participants.PressAsync("Enter");
        var chosen = widget.Page.GetByRole(AriaRole.List, new() { Name = "Chosen participants" });
        await Expect(chosen.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await widget.Page.GetByLabel("Location", new() { Exact = true }).FillAsync("Room 4");
        await widget.Page.GetByLabel("Start", new() { Exact = true }).FillAsync($"{day}T10:00");
        await widget.Page.GetByLabel("End", new() { Exact = true }).FillAsync($"{day}T11:00");
        await widget.Role(AriaRole.Button, "Schedule").ClickAsync();

        await Expect(widget.Page.Locator("#meeting-form .notice")).ToContainTextAsync("invitations are sent");
        var row = widget.Page.Locator("#meetings-list tbody tr", new() { HasText = "Contract review" });
        await Expect(row.Locator("td[data-state]")).ToHaveAttributeAsync("data-state", "scheduled");
        await Expect(row).ToContainTextAsync("Scheduled");
        await Expect(row).ToContainTextAsync("Anneliese Zorn");
        await widget.CheckScreenAsync("20-meeting-scheduled");

        // Domino sent the invitations (none to the chair), and the CRM holds the Event, owned by the user, at 10:00 Paris.
        var invitation = Assert.Single(_world.Domino.State.SentNotices);
        Assert.Equal(["anneliese@client.example", "carl@partner.example"], invitation.Recipients.Order(StringComparer.Ordinal));
        var crmEvent = Assert.Single(_world.Org.Records("Events"), e => e["Event_Title"] == "Contract review");
        Assert.Equal(_world.Org.Admin.Id, crmEvent.OwnerId);
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var start = DateTimeOffset.Parse(crmEvent["Start_DateTime"]!, CultureInfo.InvariantCulture);
        Assert.Equal($"{day}T10:00", TimeZoneInfo.ConvertTime(start, paris).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        // Anneliese is one of the CRM's contacts: she takes part as that contact; Carl by his address.
        Assert.Contains($"\"participant\":\"{anneliese.Id}\"", crmEvent["Participants"], StringComparison.Ordinal);
        Assert.Contains("carl@partner.example", crmEvent["Participants"], StringComparison.Ordinal);
        Assert.Empty(widget.ConsoleErrors);
    }

    [Fact]
    public async Task Pressing_Schedule_again_after_a_lost_answer_makes_no_second_meeting_and_Retry_completes_a_partial_one()
    {
        // The CRM refuses new Events until the test clears it: the meeting stays partial (in Notes only).
        _world.Zoho.State.Faults.FailNext(1000, "/crm/v8/Events", 500, "POST");
        var day = DateTime.UtcNow.AddDays(4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var widget = await WidgetPage.OpenAsync(chromium.Browser, _world.Sandbox.WidgetUrl());
        // The first answer is lost on its way back: the server has made the meeting, the browser sees a reset connection.
        var keys = new List<string>();
        await widget.Page.RouteAsync("**/api/meetings", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }
            keys.Add(route.Request.Headers["idempotency-key"]);
            if (keys.Count > 1)
            {
                await route.ContinueAsync();
                return;
            }
            await route.FetchAsync();
            await route.AbortAsync("connectionreset");
        });
        await widget.Role(AriaRole.Tab, "Schedule meeting").ClickAsync();
        await widget.Page.GetByLabel("Subject", new() { Exact = true }).FillAsync("Lost answer");
        await widget.Page.GetByLabel("Participants", new() { Exact = true }).FillAsync("carl@partner.example");
        await widget.Page.GetByLabel("Start", new() { Exact = true }).FillAsync($"{day}T14:00");
        await widget.Page.GetByLabel("End", new() { Exact = true }).FillAsync($"{day}T15:00");

        await widget.Role(AriaRole.Button, "Schedule").ClickAsync();
        await Expect(widget.Page.Locator("#meeting-form .notice")).ToContainTextAsync("cannot be reached");
        await widget.Role(AriaRole.Button, "Schedule").ClickAsync();

        await Expect(widget.Page.Locator("#meeting-form .notice")).ToContainTextAsync("could not be created yet");
        var row = widget.Page.Locator("#meetings-list tbody tr", new() { HasText = "Lost answer" });
        await Expect(row.Locator("td[data-state]")).ToHaveAttributeAsync("data-state", "partial");
        await Expect(row).ToContainTextAsync("In Notes only");
        await widget.CheckScreenAsync("21-meeting-partial");
        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0], keys[1]);
        Assert.Single(_world.Domino.State.SentNotices);

        _world.Zoho.State.Faults.Clear();
        await row.GetByRole(AriaRole.Button, new() { Name = "Retry creating the CRM event of Lost answer" }).ClickAsync();

        await Expect(row.Locator("td[data-state]")).ToHaveAttributeAsync("data-state", "scheduled");
        await Expect(widget.Page.Locator("#meeting-form .notice")).ToContainTextAsync("the CRM event is created");
        Assert.Single(_world.Domino.State.SentNotices);
        Assert.Single(_world.Org.Records("Events"), e => e["Event_Title"] == "Lost answer");
    }
}
