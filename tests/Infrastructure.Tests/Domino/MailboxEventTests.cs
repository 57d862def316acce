using NotesSync.Application.Notes;
using NotesSync.Simulators.Domino.Calendar;
using NotesSync.Simulators.Domino.Knobs;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Infrastructure.Tests.Domino;

/// <summary>Calendar entries through the calendar service (over real HTTP).</summary>
public sealed class MailboxEventTests
{
    private const string Paris = "Romance Standard Time";
    private static readonly DateTimeOffset Start = MailboxHost.Start;
    private static readonly DateTimeOffset Monday = new(2024, 5, 6, 0, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static EventData Entry(string summary, DateTimeOffset start, TimeSpan length) => new()
    {
        Summary = summary,
        Start = EventTime.At(start),
        End = EventTime.At(start + length),
    };

    private static readonly Attendee Hans = new("req-participant", "accepted", true, "Hans Müller/Acme", "hans@example.de");

    [Fact]
    public async Task The_event_list_gives_one_summary_per_instance_of_a_series_and_skips_invitations()
    {
        await using var host = await MailboxHost.StartAsync();
        var lunch = host.State.AddEvent(host.MailFile, Entry("Déjeuner avec Müller", Monday.AddHours(10), TimeSpan.FromHours(1)));
        host.State.AddEvent(host.MailFile, Entry("Médecin", Monday.AddDays(1).AddHours(15), TimeSpan.FromHours(1)) with { Class = "private" });
        var series = host.State.AddEvent(host.MailFile, Entry("Point hebdo", Monday.AddHours(8), TimeSpan.FromMinutes(30)) with { RecurrenceRule = "FREQ=WEEKLY;COUNT=3" });
        host.State.AddInvitation(host.MailFile, Entry("Invitation : revue", Monday.AddDays(2).AddHours(9), TimeSpan.FromHours(1)));

        var events = (await host.Mailbox.ListEventsAsync(Start, Start.AddDays(30), Ct)).Value;

        Assert.Equal(5, events.Count);
        Assert.DoesNotContain(events, e => e.Summary.StartsWith("Invitation", StringComparison.Ordinal));
        var instances = events.Where(e => e.Id == series.EventId).ToList();
        Assert.Equal(3, instances.Select(e => e.RecurrenceId).Distinct().Count());
        Assert.All(instances, e => Assert.NotNull(e.RecurrenceId));
        var first = events.Single(e => e.Id == lunch.EventId);
        Assert.Equal((Monday.AddHours(10), Monday.AddHours(11), false), (first.Start.Instant, first.End.Instant, first.Start.AllDay));
        Assert.Equal((null, 0, null), (first.Description, first.Attendees.Count, first.LastModified));
        Assert.True(events.Single(e => e.Summary == "Médecin").IsPrivate);
        Assert.StartsWith("?since=2024-05-02T09:00:00Z&before=2024-06-01T09:00:01Z&start=0&count=100",
            host.CallsTo("/api/calendar/events").Single().Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_window_without_events_is_an_empty_list()
    {
        await using var host = await MailboxHost.StartAsync();

        var events = await host.Mailbox.ListEventsAsync(Start.AddYears(2), Start.AddYears(2).AddDays(1), Ct);

        Assert.True(events.IsSuccess);
        Assert.Empty(events.Value);
    }

    [Fact]
    public async Task A_window_of_150_events_is_read_in_two_pages_of_100()
    {
        await using var host = await MailboxHost.StartAsync();
        for (var i = 0; i < 150; i++)
            host.State.AddEvent(host.MailFile, Entry($"Rendez-vous {i:000}", Monday.AddHours(i), TimeSpan.FromMinutes(30)));

        var events = (await host.Mailbox.ListEventsAsync(Start, Start.AddDays(30), Ct)).Value;

        Assert.Equal(150, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(["start=0&count=100", "start=100&count=100"],
            host.CallsTo("/api/calendar/events").Select(c => c.Query[(c.Query.IndexOf("start=", StringComparison.Ordinal))..]));
    }

    [Fact]
    public async Task Reading_an_event_turns_its_local_times_and_tzid_into_the_right_instants_summer_and_winter()
    {
        await using var host = await MailboxHost.StartAsync();
        var summer = new DateTimeOffset(2024, 7, 1, 8, 0, 0, TimeSpan.Zero);
        var winter = new DateTimeOffset(2025, 1, 13, 8, 0, 0, TimeSpan.Zero);
        var meeting = host.State.AddEvent(host.MailFile, Entry("Réunion Zoë", summer, TimeSpan.FromHours(1)) with
        {
            Description = "Ordre du jour : bilan",
            TimeZoneId = Paris,
            AlarmMinutesBefore = 15,
            Attendees = [Hans],
            Organizer = new Organizer("Jane Doe/Acme", "jdoe@acme.com"),
        });
        var january = host.State.AddEvent(host.MailFile, Entry("Vœux", winter, TimeSpan.FromHours(2)) with { TimeZoneId = Paris });

        var e = (await host.Mailbox.GetEventAsync(meeting.EventId, null, Ct)).Value!;
        var w = (await host.Mailbox.GetEventAsync(january.EventId, null, Ct)).Value!;

        Assert.Equal((summer, summer.AddHours(1)), (e.Start.Instant, e.End.Instant));
        Assert.Equal((winter, winter.AddHours(2)), (w.Start.Instant, w.End.Instant));
        Assert.Equal(("Réunion Zoë", "Ordre du jour : bilan", 15), (e.Summary, e.Description, e.ReminderMinutesBefore));
        Assert.Equal(new DateTimeOffset(meeting.Modified.UtcDateTime.AddTicks(-(meeting.Modified.UtcTicks % TimeSpan.TicksPerSecond)), TimeSpan.Zero), e.LastModified);
        Assert.Contains(e.Attendees, a => a is { Email: "hans@example.de", Name: "Hans Müller/Acme", Role: "req-participant", Status: "accepted" });
        Assert.Equal(0, e.Sequence);
    }

    [Fact]
    public async Task Creating_a_meeting_with_attendees_sends_invitations_and_answers_the_id_of_its_location()
    {
        await using var host = await MailboxHost.StartAsync();
        var draft = new NotesEvent(null, null, "Point Zoho – Müller", "Salle 2", "Ordre du jour",
            NotesEventTime.At(Monday.AddHours(13)), NotesEventTime.At(Monday.AddHours(14)), false,
            [new NotesAttendee("hans@example.de", "Hans Müller"), new NotesAttendee("mailto:ana@example.es", "Ana Núñez")],
            ReminderMinutesBefore: 10);

        var id = (await host.Mailbox.CreateEventAsync(draft, sendInvitations: true, Ct)).Value;

        var stored = host.State.GetEvent(host.MailFile, id)!;
        var notice = Assert.Single(host.State.SentNotices);
        Assert.Equal((NoticeKind.Invitation, id), (notice.Kind, notice.EventId));
        Assert.Equal(["hans@example.de", "ana@example.es"], notice.Recipients);
        Assert.Equal(("Point Zoho – Müller", "Salle 2", "public", 10), (stored.Data.Summary, stored.Data.Location, stored.Data.Class, stored.Data.AlarmMinutesBefore));
        Assert.Equal((Monday.AddHours(13), Monday.AddHours(14)), (stored.Data.Start.Utc, stored.Data.End.Utc));
        Assert.Contains(stored.Data.Attendees, a => a is { Email: "ana@example.es", DisplayName: "Ana Núñez", Role: "req-participant" });
        Assert.DoesNotContain("workflow", host.CallsTo("/api/calendar/events").Single().Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_a_meeting_without_invitations_sends_none()
    {
        await using var host = await MailboxHost.StartAsync();
        var draft = new NotesEvent(null, null, "Préparation", null, null,
            NotesEventTime.At(Monday.AddHours(9)), NotesEventTime.At(Monday.AddHours(10)), false, [new NotesAttendee("hans@example.de", "Hans Müller")]);

        var id = await host.Mailbox.CreateEventAsync(draft, sendInvitations: false, Ct);

        Assert.NotNull(host.State.GetEvent(host.MailFile, id.Value));
        Assert.Empty(host.State.SentNotices);
        Assert.Equal("?workflow=false", host.CallsTo("/api/calendar/events").Single().Query);
    }

    [Fact]
    public async Task An_all_day_private_event_reads_back_all_day_and_private_with_its_reminder()
    {
        await using var host = await MailboxHost.StartAsync();
        var draft = new NotesEvent(null, null, "Congés", null, null,
            NotesEventTime.OnDay(new DateOnly(2024, 5, 9)), NotesEventTime.OnDay(new DateOnly(2024, 5, 10)), true, [], ReminderMinutesBefore: 30);

        var id = (await host.Mailbox.CreateEventAsync(draft, sendInvitations: false, Ct)).Value;
        var read = (await host.Mailbox.GetEventAsync(id, null, Ct)).Value!;

        Assert.Equal("private", host.State.GetEvent(host.MailFile, id)!.Data.Class);
        Assert.Equal((true, true, true, 30), (read.Start.AllDay, read.End.AllDay, read.IsPrivate, read.ReminderMinutesBefore));
        Assert.Equal((draft.Start, draft.End), (read.Start, read.End));
    }

    [Fact]
    public async Task An_event_id_with_characters_reserved_in_urls_is_escaped_and_comes_back_unchanged()
    {
        await using var host = await MailboxHost.StartAsync();
        const string externalId = "crm 4711@zoho.example";
        var draft = new NotesEvent(externalId, null, "Depuis le CRM", null, null,
            NotesEventTime.At(Monday.AddHours(16)), NotesEventTime.At(Monday.AddHours(17)), false, []);

        var id = (await host.Mailbox.CreateEventAsync(draft, sendInvitations: false, Ct)).Value;
        var read = (await host.Mailbox.GetEventAsync(id, null, Ct)).Value;

        Assert.Equal(externalId, id);
        Assert.Equal(externalId, read?.Id);
    }

    [Fact]
    public async Task Updating_a_series_puts_the_whole_event_keeps_its_recurrence_and_description_and_notifies_no_one_when_asked_not_to()
    {
        await using var host = await MailboxHost.StartAsync();
        var series = host.State.AddEvent(host.MailFile, Entry("Point hebdo", Monday.AddHours(8), TimeSpan.FromMinutes(30)) with
        {
            RecurrenceRule = "FREQ=WEEKLY;COUNT=4",
            Description = "Suivi des comptes",
            TimeZoneId = Paris,
            Attendees = [Hans],
            Transparency = "transparent",
        });
        var read = (await host.Mailbox.GetEventAsync(series.EventId, null, Ct)).Value!;

        var outcome = await host.Mailbox.UpdateEventAsync(
            read with { Summary = "Point hebdo – comptes clés", Location = "Salle Écluse" }, notifyAttendees: false, Ct);

        Assert.Equal(NotesWriteOutcome.Done, outcome.Value);
        var stored = host.State.GetEvent(host.MailFile, series.EventId)!.Data;
        Assert.Equal(("Point hebdo – comptes clés", "Salle Écluse"), (stored.Summary, stored.Location));
        Assert.Equal(("FREQ=WEEKLY;COUNT=4", "Suivi des comptes", "transparent"), (stored.RecurrenceRule, stored.Description, stored.Transparency));
        Assert.Equal((Monday.AddHours(8), 1), (stored.Start.Utc, stored.Sequence));
        Assert.Contains(stored.Attendees, a => a.Email == "hans@example.de");
        Assert.Empty(host.State.SentNotices);
        var put = Assert.Single(host.CallsTo("/api/calendar/events/"), c => c.Method == "PUT");
        Assert.Equal("?strictsequence=true&workflow=false", put.Query);
    }

    [Fact]
    public async Task Updating_a_meeting_with_a_stale_sequence_answers_changed_meanwhile_and_keeps_the_newer_version()
    {
        await using var host = await MailboxHost.StartAsync();
        var meeting = host.State.AddEvent(host.MailFile, Entry("Revue de contrat", Monday.AddHours(14), TimeSpan.FromHours(1)) with { Attendees = [Hans] });
        var read = (await host.Mailbox.GetEventAsync(meeting.EventId, null, Ct)).Value!;
        var first = await host.Mailbox.UpdateEventAsync(read with { Summary = "Revue de contrat – v2" }, notifyAttendees: false, Ct);

        var stale = await host.Mailbox.UpdateEventAsync(read with { Summary = "Revue de contrat – ancienne" }, notifyAttendees: false, Ct);

        Assert.Equal(NotesWriteOutcome.Done, first.Value);
        Assert.Equal(NotesWriteOutcome.ChangedMeanwhile, stale.Value);
        Assert.Equal("Revue de contrat – v2", host.State.GetEvent(host.MailFile, meeting.EventId)!.Data.Summary);
    }

    [Fact]
    public async Task Deleting_one_instance_of_a_series_leaves_the_other_instances()
    {
        await using var host = await MailboxHost.StartAsync();
        var series = host.State.AddEvent(host.MailFile, Entry("Point hebdo", Monday.AddHours(8), TimeSpan.FromMinutes(30)) with { RecurrenceRule = "FREQ=WEEKLY;COUNT=3" });
        var before = (await host.Mailbox.ListEventsAsync(Start, Start.AddDays(30), Ct)).Value;
        var second = before[1];

        var outcome = await host.Mailbox.DeleteEventAsync(series.EventId, second.RecurrenceId, notifyAttendees: false, Ct);
        var after = (await host.Mailbox.ListEventsAsync(Start, Start.AddDays(30), Ct)).Value;

        Assert.Equal(NotesWriteOutcome.Done, outcome.Value);
        Assert.Equal([before[0].RecurrenceId, before[2].RecurrenceId], after.Select(e => e.RecurrenceId));
    }

    [Fact]
    public async Task Deleting_an_event_removes_it_and_an_event_that_is_not_there_reads_null_and_answers_gone()
    {
        await using var host = await MailboxHost.StartAsync();
        var entry = host.State.AddEvent(host.MailFile, Entry("Annulé", Monday.AddHours(11), TimeSpan.FromHours(1)));
        var read = (await host.Mailbox.GetEventAsync(entry.EventId, null, Ct)).Value!;

        var deleted = await host.Mailbox.DeleteEventAsync(entry.EventId, null, notifyAttendees: false, Ct);
        var again = await host.Mailbox.DeleteEventAsync(entry.EventId, null, notifyAttendees: false, Ct);
        var get = await host.Mailbox.GetEventAsync(entry.EventId, null, Ct);
        var update = await host.Mailbox.UpdateEventAsync(read, notifyAttendees: false, Ct);

        Assert.Equal((NotesWriteOutcome.Done, NotesWriteOutcome.Gone, NotesWriteOutcome.Gone), (deleted.Value, again.Value, update.Value));
        Assert.True(get.IsSuccess);
        Assert.Null(get.Value);
        Assert.Null(host.State.GetEvent(host.MailFile, entry.EventId));
    }

    [Fact]
    public async Task An_event_create_whose_answer_is_lost_is_not_sent_again()
    {
        await using var host = await MailboxHost.StartAsync();
        Assert.Empty((await host.Mailbox.ListEventsAsync(Start, Start.AddDays(7), Ct)).Value);
        host.Simulator.Faults.Add(FaultRule.ApplyThenDrop($"/{host.MailFile}/api/calendar/events", method: "POST"));
        var draft = new NotesEvent(null, null, "Une seule fois", null, null,
            NotesEventTime.At(Monday.AddHours(9)), NotesEventTime.At(Monday.AddHours(10)), false, []);

        var created = await host.Mailbox.CreateEventAsync(draft, sendInvitations: false, Ct);
        // The simulator logs a dropped call after dropping it: the client can see the drop first.
        await Eventually.HoldsAsync(() => host.CallsTo("/api/calendar/events").Any(c => c.Method == "POST"), "the dropped POST is in the call log");

        Assert.Equal("notes-write-unconfirmed", created.Error!.Code);
        Assert.Single(host.State.GetEvents(host.MailFile));
        Assert.Single(host.CallsTo("/api/calendar/events"), c => c.Method == "POST");
    }
}
