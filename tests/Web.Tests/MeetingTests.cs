using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotesSync.Web.Tests;

/// <summary>"Schedule meeting": one Notes meeting with its invitations and one CRM Event owned by the user, linked for the sync.</summary>
public class MeetingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddDays(3).Date.AddHours(8);
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private object Meeting(params object[] participants) => new
    {
        subject = "Quarterly review", participants, location = "Room 4", start = Start, end = Start.AddHours(1), reminderMinutes = 15,
    };

    private async Task<HttpResponseMessage> ScheduleAsync(object body, string? key = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/meetings") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await (client ?? _h.Admin).SendAsync(request);
    }

    private (string Anna, string Bruno) TwoContacts()
    {
        var anna = _h.Org.CreateRecord("Contacts", new JsonObject { ["First_Name"] = "Anna", ["Last_Name"] = "Alt", ["Email"] = "anna@client.example" });
        var bruno = _h.Org.CreateRecord("Contacts", new JsonObject { ["First_Name"] = "Bruno", ["Last_Name"] = "Blau", ["Email"] = "bruno@client.example" });
        return (anna.Id, bruno.Id);
    }

    [Fact]
    public async Task Two_contacts_and_an_address_make_one_Notes_meeting_with_three_invitations_and_one_CRM_event_and_a_sync_copies_nothing()
    {
        var (anna, bruno) = TwoContacts();

        var response = await ScheduleAsync(Meeting(new { crmContactId = anna }, new { crmContactId = bruno }, new { email = "carl@partner.example" }));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var meeting = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("scheduled", meeting.GetProperty("state").GetString());
        var notesEvent = Assert.Single(_h.Domino.State.GetEvents(SyncHarness.MailFile));
        // The user chairs it: Domino lists the chair among the attendees, and sends the chair no invitation.
        Assert.Equal(["anna@client.example", "bruno@client.example", "carl@partner.example"],
            notesEvent.Data.Attendees.Select(a => a.Email).Where(e => e != notesEvent.Data.Organizer?.Email).Order(StringComparer.Ordinal));
        Assert.Equal(Start, notesEvent.Data.Start.Utc);
        var invitation = Assert.Single(_h.Domino.State.SentNotices);
        Assert.Equal(["anna@client.example", "bruno@client.example", "carl@partner.example"], invitation.Recipients.Order(StringComparer.Ordinal));
        var crmEvent = Assert.Single(_h.Org.Records("Events"));
        Assert.Equal((meeting.GetProperty("crmEventId").GetString(), _h.Org.Admin.Id), (crmEvent.Id, crmEvent.OwnerId));
        Assert.Equal(Start, DateTimeOffset.Parse(crmEvent["Start_DateTime"]!, System.Globalization.CultureInfo.InvariantCulture));
        // The CRM's contacts are its participants as contacts; the other address as an e-mail participant.
        var participants = JsonNode.Parse(crmEvent["Participants"]!)!.AsArray()
            .Select(p => $"{p!["type"]}:{(string?)p["participant"] ?? (string?)p["Email"]}").Order(StringComparer.Ordinal);
        Assert.Equal([$"contact:{anna}", $"contact:{bruno}", "email:carl@partner.example"], participants.Order(StringComparer.Ordinal));

        await _h.SettingsAsync("twoWay", contacts: false, tasks: false, events: true, eventRange: "all");
        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Single(_h.Domino.State.GetEvents(SyncHarness.MailFile));
        Assert.Single(_h.Org.Records("Events"));
        Assert.Single(_h.Domino.State.SentNotices);
        Assert.Equal(crmEvent.ModifiedTime, Assert.Single(_h.Org.Records("Events")).ModifiedTime);
    }

    [Theory]
    [InlineData("subject", """{"subject":"","participants":[{"email":"a@b.example"}],"start":"START","end":"END"}""")]
    [InlineData("participants", """{"subject":"S","participants":[],"start":"START","end":"END"}""")]
    [InlineData("participants[0].email", """{"subject":"S","participants":[{"email":"not-an-address"}],"start":"START","end":"END"}""")]
    [InlineData("participants", """{"subject":"S","participants":[{"email":"a@b.example"},{"email":"A@B.example"}],"start":"START","end":"END"}""")]
    [InlineData("end", """{"subject":"S","participants":[{"email":"a@b.example"}],"start":"END","end":"START"}""")]
    [InlineData("start", """{"subject":"S","participants":[{"email":"a@b.example"}],"start":"PAST","end":"END"}""")]
    [InlineData("reminderMinutes", """{"subject":"S","participants":[{"email":"a@b.example"}],"start":"START","end":"END","reminderMinutes":40321}""")]
    [InlineData("location", """{"subject":"S","participants":[{"email":"a@b.example"}],"location":"LONG","start":"START","end":"END"}""")]
    public async Task A_meeting_that_is_not_valid_is_refused_with_its_field_and_nothing_is_written(string field, string body)
    {
        var json = body.Replace("START", Start.ToString("O"), StringComparison.Ordinal)
            .Replace("END", Start.AddHours(1).ToString("O"), StringComparison.Ordinal)
            .Replace("PAST", DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O"), StringComparison.Ordinal)
            .Replace("LONG", new string('x', 256), StringComparison.Ordinal);

        var response = await _h.Admin.PostAsync("/api/meetings", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase)), problem.ToString());
        Assert.Empty(_h.Domino.State.GetEvents(SyncHarness.MailFile));
        Assert.Empty(_h.Org.Records("Events"));
        Assert.Empty(await _h.Admin.GetFromJsonAsync<JsonElement[]>("/api/meetings") ?? []);
    }

    [Fact]
    public async Task A_CRM_failure_after_the_Notes_meeting_leaves_it_partial_and_a_retry_completes_it_without_a_second_event_or_invitation()
    {
        _h.Zoho.State.Faults.FailNext(20, "/crm/v8/Events", 500, "POST");

        var response = await ScheduleAsync(Meeting(new { email = "carl@partner.example" }), key: "click-1");

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var partial = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("partial", partial.GetProperty("state").GetString());
        Assert.True(!partial.TryGetProperty("crmEventId", out var crmEventId) || crmEventId.ValueKind == JsonValueKind.Null, partial.ToString());
        Assert.False(string.IsNullOrEmpty(partial.GetProperty("error").GetProperty("code").GetString()));
        Assert.Single(_h.Domino.State.GetEvents(SyncHarness.MailFile));
        Assert.Empty(_h.Org.Records("Events"));

        _h.Zoho.State.Faults.Clear();
        var id = partial.GetProperty("meetingId").GetGuid();
        var retried = await _h.Admin.PostAsync($"/api/meetings/{id}/retry", null);
        var again = await ScheduleAsync(Meeting(new { email = "carl@partner.example" }), key: "click-1");

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("scheduled", (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meetingId").GetGuid());
        Assert.Single(_h.Domino.State.GetEvents(SyncHarness.MailFile));
        Assert.Single(_h.Domino.State.SentNotices);
        Assert.Single(_h.Org.Records("Events"));
        var listed = Assert.Single(await _h.Admin.GetFromJsonAsync<JsonElement[]>("/api/meetings") ?? []);
        Assert.Equal("scheduled", listed.GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_schedules_one_meeting()
    {
        var first = await ScheduleAsync(Meeting(new { email = "carl@partner.example" }), key: "double-click");
        var second = await ScheduleAsync(Meeting(new { email = "carl@partner.example" }), key: "double-click");

        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meetingId").GetGuid(),
            (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meetingId").GetGuid());
        Assert.Single(_h.Domino.State.GetEvents(SyncHarness.MailFile));
        Assert.Single(_h.Domino.State.SentNotices);
        Assert.Single(_h.Org.Records("Events"));
    }

    [Fact]
    public async Task Another_organisations_token_can_neither_list_nor_retry_a_meeting()
    {
        var created = await (await ScheduleAsync(Meeting(new { email = "carl@partner.example" }))).Content.ReadFromJsonAsync<JsonElement>();
        var otherSecret = await _h.App.InstallAsync("org-other");
        var other = _h.App.ClientFor(otherSecret, "org-other", "org-other-admin");

        var listed = await other.GetFromJsonAsync<JsonElement[]>("/api/meetings");
        var retry = await other.PostAsync($"/api/meetings/{created.GetProperty("meetingId").GetGuid()}/retry", null);

        Assert.Empty(listed ?? []);
        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
    }

    [Fact]
    public async Task A_contact_of_a_colleague_cannot_be_invited_by_its_id_and_the_picker_lists_only_the_users_own_contacts()
    {
        TwoContacts();
        var colleague = _h.Org.AddUser("Marc", "Petit", "marc@acme.example");
        var theirs = _h.Org.CreateRecord("Contacts", new JsonObject { ["First_Name"] = "Anne", ["Last_Name"] = "Autre", ["Email"] = "anne@other.example" }, by: colleague);

        var picked = await _h.Admin.GetFromJsonAsync<JsonElement[]>("/api/crm/contacts?search=ann");
        var response = await ScheduleAsync(Meeting(new { crmContactId = theirs.Id }));

        Assert.Equal(["anna@client.example"], (picked ?? []).Select(c => c.GetProperty("email").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_h.Domino.State.GetEvents(SyncHarness.MailFile));

        // Typed, the colleague's contact's address is invited as an address: the CRM Event does not name their record.
        var typed = await ScheduleAsync(Meeting(new { email = "anne@other.example" }));
        Assert.Equal(HttpStatusCode.Created, typed.StatusCode);
        var participant = Assert.Single(JsonNode.Parse(Assert.Single(_h.Org.Records("Events"))["Participants"]!)!.AsArray())!;
        Assert.Equal(("email", "anne@other.example"), ((string?)participant["type"], (string?)participant["Email"]));
        Assert.DoesNotContain(theirs.Id, participant.ToJsonString(), StringComparison.Ordinal);
    }
}
