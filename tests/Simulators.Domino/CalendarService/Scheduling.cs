using NotesSync.Simulators.Domino.Calendar;
using NotesSync.Simulators.Domino.Http;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.CalendarService;

/// <summary>
/// Implicit scheduling: a meeting written with workflow on (the default) "sends" invitations, updates or
/// cancellations to its attendees; the simulator records them in <see cref="DominoState.SentNotices"/>.
/// </summary>
internal static class Scheduling
{
    public static bool WorkflowOn(DasRequest req) => !string.Equals(req.Query("workflow"), "false", StringComparison.OrdinalIgnoreCase);

    public static bool IsChair(CalendarEntry entry, NotesUser owner) =>
        entry.Organizer is null || string.Equals(entry.Organizer.Email, owner.InternetAddress, StringComparison.OrdinalIgnoreCase);

    /// <summary>Builds the stored event from what was sent; the mail-file owner chairs a meeting that names no chair.</summary>
    public static EventData Compose(IncomingEvent incoming, NotesUser owner, EventData? previous, bool literally, int sequence)
    {
        var attendees = (incoming.Attendees ?? []).ToList();
        Organizer? organizer = null;
        if (attendees.Count > 0)
        {
            organizer = incoming.Organizer ?? previous?.Organizer ?? new Organizer(owner.AbbreviatedName, owner.InternetAddress);
            if (attendees.All(a => a.Role != "chair"))
                attendees.Insert(0, new Attendee("chair", "accepted", false, organizer.DisplayName, organizer.Email));
        }
        return new EventData
        {
            Summary = incoming.Summary ?? "",
            Location = incoming.Location ?? "",
            Description = incoming.Description ?? (literally ? "" : previous?.Description ?? ""),
            Start = incoming.Start,
            End = incoming.End,
            Class = incoming.Class ?? "public",
            Transparency = incoming.Transparency ?? "opaque",
            Sequence = sequence,
            Attendees = attendees,
            Organizer = organizer,
            RecurrenceRule = incoming.RecurrenceRule,
            AlarmMinutesBefore = incoming.AlarmMinutesBefore,
            TimeZoneId = incoming.TimeZoneId,
        };
    }

    public static void Notify(DominoState state, NotesDatabase db, CalendarEntry entry, EventData data, NoticeKind kind, NotesUser owner, string? comment)
    {
        var recipients = data.Attendees.Where(a => a.Role != "chair").Select(a => a.Email).ToList();
        if (recipients.Count == 0) return;
        state.RecordNotice(new SentNotice(kind, db.FilePath, entry.EventId, data.Summary, owner.InternetAddress, recipients, state.Clock.GetUtcNow(), comment));
    }
}

/// <summary>Mail-file facts the calendar needs.</summary>
internal static class MailFile
{
    public static NotesUser? OwnerOf(DominoState state, NotesDatabase db) =>
        state.UsersUnlocked.FirstOrDefault(u => string.Equals(NotesDatabase.NormalizePath(u.MailFilePath), db.FilePath, StringComparison.OrdinalIgnoreCase));

    public static NotesDocument? FindAny(NotesDatabase db, string eventId) =>
        db.Documents.Values.FirstOrDefault(d => d.Calendar is { } c && string.Equals(c.EventId, eventId, StringComparison.Ordinal));
}
