using System.Net;
using System.Text.Json;
using NotesSync.Simulators.Domino.Calendar;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.Tests;

public sealed class CalendarTests
{
    private const string Meeting = """
        {"events":[{
          "summary":"Point Zoho – Müller","location":"Salle 2","description":"Ordre du jour",
          "start":{"date":"2024-05-06","time":"13:00:00","utc":true},
          "end":{"date":"2024-05-06","time":"14:00:00","utc":true},
          "class":"public","transparency":"opaque","sequence":0,
          "attendees":[
            {"role":"req-participant","status":"needs-action","rsvp":true,"displayName":"Hans Müller","email":"hans@example.de"},
            {"role":"opt-participant","status":"needs-action","rsvp":true,"displayName":"Ana Núñez","email":"ana@example.es"}]
        }]}
        """;

    private static async Task<(string Id, Uri Location)> CreateMeeting(TestDomino domino, string query = "")
    {
        using var response = await domino.Http.PostAsync($"{domino.MailFile}/api/calendar/events{query}", TestDomino.Json(Meeting));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await TestDomino.ReadJson(response);
        return (body.GetProperty("events")[0].GetProperty("id").GetString()!, response.Headers.Location!);
    }

    [Fact]
    public async Task Creating_a_meeting_with_attendees_answers_201_with_location_and_sends_invitations()
    {
        await using var domino = await TestDomino.StartAsync();

        var (id, location) = await CreateMeeting(domino);
        var notice = Assert.Single(domino.State.SentNotices);
        var stored = domino.State.GetEvent(domino.User.MailFilePath, id)!;

        Assert.EndsWith("-Lotus_Notes_Generated", id, StringComparison.Ordinal);
        Assert.Equal(new Uri(domino.Simulator.BaseUri, $"{domino.MailFile}/api/calendar/events/{id}"), location);
        Assert.Equal(NoticeKind.Invitation, notice.Kind);
        Assert.Equal(["hans@example.de", "ana@example.es"], notice.Recipients);
        Assert.Equal("chair", stored.Data.Attendees[0].Role);
        Assert.Equal(domino.User.InternetAddress, stored.Data.Organizer!.Email);
    }

    [Fact]
    public async Task Workflow_false_creates_the_meeting_without_sending_anything()
    {
        await using var domino = await TestDomino.StartAsync();

        await CreateMeeting(domino, "?workflow=false");

        Assert.Empty(domino.State.SentNotices);
    }

    [Fact]
    public async Task The_event_list_is_a_utc_summary_with_a_content_range_and_escaped_unicode()
    {
        await using var domino = await TestDomino.StartAsync();
        var (id, _) = await CreateMeeting(domino);
        domino.State.AddEvent(domino.User.MailFilePath, new EventData
        {
            Summary = "Médecin",
            Class = "private",
            Start = EventTime.At(TestDomino.Start.AddDays(2)),
            End = EventTime.At(TestDomino.Start.AddDays(2).AddHours(1)),
        });

        using var response = await domino.Http.GetAsync($"{domino.MailFile}/api/calendar/events?since=2024-05-01T00:00:00Z&before=2024-06-01T00:00:00Z");
        var raw = await response.Content.ReadAsStringAsync();
        var events = JsonDocument.Parse(raw).RootElement.GetProperty("events");
        var meeting = events.EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);

        Assert.Equal("items 0-1", response.Content.Headers.GetValues("Content-Range").Single());
        Assert.Contains("M\\u00fcller", raw, StringComparison.Ordinal);
        Assert.True(meeting.GetProperty("start").GetProperty("utc").GetBoolean());
        Assert.Equal("TRUE", meeting.GetProperty("x-lotus-summarydataonly").GetProperty("data").GetString());
        Assert.False(meeting.TryGetProperty("last-modified", out _));
        Assert.False(meeting.TryGetProperty("attendees", out _));
        Assert.False(meeting.TryGetProperty("description", out _));
        Assert.Contains(events.EnumerateArray(), e => e.GetProperty("class").GetString() == "private");
    }

    [Fact]
    public async Task Reading_one_event_answers_local_times_with_tzid_timezones_and_basic_last_modified()
    {
        await using var domino = await TestDomino.StartAsync();
        var (id, location) = await CreateMeeting(domino);

        var full = await TestDomino.ReadJson(await domino.Http.GetAsync(location));
        var e = full.GetProperty("events")[0];

        Assert.Equal("Romance Standard Time", full.GetProperty("timezones")[0].GetProperty("tzid").GetString());
        Assert.Equal("15:00:00", e.GetProperty("start").GetProperty("time").GetString());
        Assert.Equal("Romance Standard Time", e.GetProperty("start").GetProperty("tzid").GetString());
        Assert.Equal("20240502T090000Z", e.GetProperty("last-modified").GetString());
        Assert.Equal(3, e.GetProperty("attendees").GetArrayLength());
        Assert.Equal(id, e.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_bare_event_without_the_events_wrapper_creates_nothing()
    {
        await using var domino = await TestDomino.StartAsync();

        using var response = await domino.Http.PostAsync($"{domino.MailFile}/api/calendar/events",
            TestDomino.Json("""{"summary":"Bare","start":{"date":"2024-05-06","time":"13:00:00","utc":true}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1034, (await TestDomino.ReadJson(response)).GetProperty("cserror").GetInt32());
        Assert.Empty(domino.State.GetEvents(domino.User.MailFilePath));
    }

    [Fact]
    public async Task A_tzid_without_its_timezones_block_is_refused()
    {
        await using var domino = await TestDomino.StartAsync();

        using var response = await domino.Http.PostAsync($"{domino.MailFile}/api/calendar/events",
            TestDomino.Json("""{"events":[{"summary":"Zoned","start":{"date":"2024-05-06","time":"13:00:00","tzid":"Romance Standard Time"},"end":{"date":"2024-05-06","time":"14:00:00","tzid":"Romance Standard Time"}}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The Timezone ID is not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_replaces_the_whole_event_and_strictsequence_refuses_a_stale_sequence_with_409()
    {
        await using var domino = await TestDomino.StartAsync();
        var (_, location) = await CreateMeeting(domino, "?workflow=false");
        const string update = """{"events":[{"summary":"Déplacé","start":{"date":"2024-05-07","time":"09:00:00","utc":true},"end":{"date":"2024-05-07","time":"10:00:00","utc":true},"sequence":0}]}""";

        using var replaced = await domino.Http.PutAsync($"{location}?workflow=false", TestDomino.Json(update));
        var e = (await TestDomino.ReadJson(replaced)).GetProperty("events")[0];
        using var stale = await domino.Http.PutAsync($"{location}?strictsequence=true&workflow=false", TestDomino.Json(update));

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.False(e.TryGetProperty("location", out _));
        Assert.False(e.TryGetProperty("attendees", out _));
        Assert.Equal("Ordre du jour", e.GetProperty("description").GetString());
        Assert.Equal(1, e.GetProperty("sequence").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(1027, (await TestDomino.ReadJson(stale)).GetProperty("cserror").GetInt32());
    }

    [Fact]
    public async Task A_meeting_someone_else_organised_refuses_a_PUT_as_a_personal_change_with_409()
    {
        await using var domino = await TestDomino.StartAsync();
        var paul = new Organizer("Paul Martin/Acme", "paul.martin@acme.com");
        var invited = domino.State.AddEvent(domino.User.MailFilePath, new EventData
        {
            Summary = "Revue", Start = EventTime.At(new DateTimeOffset(2026, 5, 6, 9, 0, 0, TimeSpan.Zero)),
            End = EventTime.At(new DateTimeOffset(2026, 5, 6, 10, 0, 0, TimeSpan.Zero)), Organizer = paul,
            Attendees = [new Attendee("chair", "accepted", false, paul.DisplayName, paul.Email),
                new Attendee("req-participant", "accepted", true, "Jane", domino.User.InternetAddress)],
        });
        const string update = """{"events":[{"summary":"Renommée","start":{"date":"2026-05-06","time":"09:00:00","utc":true},"end":{"date":"2026-05-06","time":"10:00:00","utc":true}}]}""";

        using var refused = await domino.Http.PutAsync(
            $"{domino.MailFile}/api/calendar/events/{invited.EventId}?workflow=false", TestDomino.Json(update));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(1030, (await TestDomino.ReadJson(refused)).GetProperty("cserror").GetInt32());
        Assert.Equal("Revue", domino.State.GetEvent(domino.User.MailFilePath, invited.EventId)!.Data.Summary);
    }

    [Fact]
    public async Task Deleting_a_meeting_sends_cancellations_unless_workflow_is_false()
    {
        await using var domino = await TestDomino.StartAsync();
        var (id, location) = await CreateMeeting(domino, "?workflow=false");

        using var deleted = await domino.Http.DeleteAsync(location);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(NoticeKind.Cancellation, Assert.Single(domino.State.SentNotices).Kind);
        Assert.Null(domino.State.GetEvent(domino.User.MailFilePath, id));
    }

    [Fact]
    public async Task Recurring_instances_share_an_id_and_deleting_one_instance_keeps_the_others()
    {
        await using var domino = await TestDomino.StartAsync();
        var series = domino.State.AddEvent(domino.User.MailFilePath, new EventData
        {
            Summary = "Hebdo",
            Start = EventTime.At(new DateTimeOffset(2024, 5, 6, 8, 0, 0, TimeSpan.Zero)),
            End = EventTime.At(new DateTimeOffset(2024, 5, 6, 9, 0, 0, TimeSpan.Zero)),
            RecurrenceRule = "FREQ=WEEKLY;COUNT=3",
        });
        const string window = "?since=2024-05-01T00:00:00Z&before=2024-06-01T00:00:00Z";

        var before = (await TestDomino.ReadJson(await domino.Http.GetAsync($"{domino.MailFile}/api/calendar/events{window}"))).GetProperty("events");
        using var deleted = await domino.Http.DeleteAsync($"{domino.MailFile}/api/calendar/events/{series.EventId}/20240513T080000Z");
        var after = (await TestDomino.ReadJson(await domino.Http.GetAsync($"{domino.MailFile}/api/calendar/events{window}"))).GetProperty("events");

        Assert.All(before.EnumerateArray(), e => Assert.Equal(series.EventId, e.GetProperty("id").GetString()));
        Assert.Equal(["20240506T080000Z", "20240513T080000Z", "20240520T080000Z"], before.EnumerateArray().Select(e => e.GetProperty("recurrenceId").GetString()));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(["20240506T080000Z", "20240520T080000Z"], after.EnumerateArray().Select(e => e.GetProperty("recurrenceId").GetString()));
    }

    [Fact]
    public async Task An_empty_window_answers_200_with_no_body_and_no_content_type()
    {
        await using var domino = await TestDomino.StartAsync();

        using var response = await domino.Http.GetAsync($"{domino.MailFile}/api/calendar/events");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("?since=2024-05-01", "Invalid since parameter: 2024-05-01")]
    [InlineData("?count=101", "Invalid count parameter: 101.  It must be greater than 0 and less than 101.")]
    [InlineData("?since=2024-05-02T00:00:00Z&before=2024-05-01T00:00:00Z", "The \"before\" date must be after the \"since\" date")]
    public async Task Bad_window_parameters_answer_400(string query, string message)
    {
        await using var domino = await TestDomino.StartAsync();

        using var response = await domino.Http.GetAsync($"{domino.MailFile}/api/calendar/events{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (await TestDomino.ReadJson(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_unprocessed_invitation_is_listed_as_a_notice_and_cannot_be_read_as_an_event()
    {
        await using var domino = await TestDomino.StartAsync();
        var invitation = domino.State.AddInvitation(domino.User.MailFilePath, new EventData
        {
            Summary = "Invitation",
            Start = EventTime.At(TestDomino.Start.AddDays(1)),
            End = EventTime.At(TestDomino.Start.AddDays(1).AddHours(1)),
            Organizer = new Organizer("Paul Martin", "paul@example.fr"),
            Attendees = [new Attendee("chair", "accepted", false, "Paul Martin", "paul@example.fr")],
        });

        var listed = (await TestDomino.ReadJson(await domino.Http.GetAsync($"{domino.MailFile}/api/calendar/events"))).GetProperty("events")[0];
        using var read = await domino.Http.GetAsync($"{domino.MailFile}/api/calendar/events/{invitation.EventId}");

        Assert.Equal("I", listed.GetProperty("x-lotus-noticetype").GetProperty("data").GetString());
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }
}
