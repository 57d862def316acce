using NotesSync.Simulators.Domino.Notes;

namespace NotesSync.Simulators.Domino.Calendar;

/// <summary>
/// Maps an event to the items of a Notes appointment and back. Privacy is carried the Notes way:
/// <c>OrgConfidential</c> "1" for private/confidential, <c>$PublicAccess</c> "1" for public.
/// </summary>
internal static class Appointment
{
    public const string Form = "Appointment";
    public const string NotesGeneratedSuffix = "-Lotus_Notes_Generated";

    public static void Write(NotesDocument doc, EventData data, string defaultTimeZoneId)
    {
        var entry = doc.Calendar ??= new CalendarEntry(doc.Unid + NotesGeneratedSuffix);
        doc.SetText("Form", Form);
        doc.SetText("Subject", data.Summary);
        doc.SetText("Location", data.Location);
        if (data.Description.Length > 0) doc.Set(NotesItem.RichText("Body", data.Description));
        else doc.Remove("Body");

        var start = ToNotes(data.Start);
        var end = ToNotes(data.End);
        doc.Set(NotesItem.Date("StartDateTime", start));
        doc.Set(NotesItem.Date("EndDateTime", end));
        doc.Set(NotesItem.Date("CalendarDateTime", start));
        doc.Set(NotesItem.Date("StartDate", NotesDateTime.OnDate(data.Start.Date)));
        doc.SetText("AppointmentType", data.Start.DateOnly ? "2" : data.Attendees.Count > 0 ? "3" : "0");
        doc.SetText("$BusyPriority", data.Transparency == "transparent" ? "2" : "1");
        doc.Set(NotesItem.Number("SequenceNum", data.Sequence));
        doc.SetText("ApptUNID", doc.Unid);
        WritePrivacy(doc, data.Class);
        WriteAttendeeItems(doc, data);
        if (data.AlarmMinutesBefore is { } alarm)
        {
            doc.SetText("$Alarm", "1");
            doc.Set(NotesItem.Number("$AlarmOffset", -alarm));
        }
        else
        {
            doc.Remove("$Alarm");
            doc.Remove("$AlarmOffset");
        }

        entry.AllDay = data.Start.DateOnly;
        entry.TimeZoneId = data.TimeZoneId ?? defaultTimeZoneId;
        entry.Class = data.Class;
        entry.Transparency = data.Transparency;
        entry.Sequence = data.Sequence;
        entry.RecurrenceRule = data.RecurrenceRule;
        entry.Organizer = data.Organizer;
        entry.AlarmMinutesBefore = data.AlarmMinutesBefore;
        entry.Attendees.Clear();
        entry.Attendees.AddRange(data.Attendees);
    }

    public static EventData Read(NotesDocument doc)
    {
        var entry = doc.Calendar ?? throw new InvalidOperationException($"{doc.Unid} is not a calendar entry.");
        return new EventData
        {
            Summary = doc.Text("Subject"),
            Location = doc.Text("Location"),
            Description = doc.Text("Body"),
            Start = FromNotes(doc.Item("StartDateTime")),
            End = FromNotes(doc.Item("EndDateTime")),
            Class = ReadClass(doc, entry),
            Transparency = entry.Transparency,
            Sequence = entry.Sequence,
            Attendees = [.. entry.Attendees],
            Organizer = entry.Organizer,
            RecurrenceRule = entry.RecurrenceRule,
            AlarmMinutesBefore = entry.AlarmMinutesBefore,
            TimeZoneId = entry.TimeZoneId,
        };
    }

    /// <summary>
    /// Reads privacy from the items, so a Notes-side change of OrgConfidential is what the calendar reports.
    /// Inferred: Notes has one "mark private" switch; the simulator remembers whether it was written as
    /// private or confidential so that a round trip is lossless.
    /// </summary>
    private static string ReadClass(NotesDocument doc, CalendarEntry entry)
    {
        if (doc.Text("OrgConfidential") != "1") return "public";
        return entry.Class is "private" or "confidential" ? entry.Class : "private";
    }

    private static void WritePrivacy(NotesDocument doc, string iCalClass)
    {
        var isPrivate = iCalClass is "private" or "confidential";
        doc.SetText("OrgConfidential", isPrivate ? "1" : null);
        doc.SetText("$PublicAccess", isPrivate ? null : "1");
    }

    private static void WriteAttendeeItems(NotesDocument doc, EventData data)
    {
        string[] Names(string role) =>
            [.. data.Attendees.Where(a => a.Role == role).Select(a => a.DisplayName.Length > 0 ? a.DisplayName : a.Email)];
        string[] Emails(string role) => [.. data.Attendees.Where(a => a.Role == role).Select(a => a.Email)];

        SetList(doc, "RequiredAttendees", Names("req-participant"));
        SetList(doc, "INetRequiredNames", Emails("req-participant"));
        SetList(doc, "OptionalAttendees", Names("opt-participant"));
        SetList(doc, "INetOptionalNames", Emails("opt-participant"));
        doc.SetText("Chair", data.Attendees.Count > 0 ? data.Organizer?.DisplayName : null);
    }

    private static void SetList(NotesDocument doc, string name, string[] values)
    {
        if (values.Length == 0) doc.Remove(name);
        else doc.Set(NotesItem.Text(name, values));
    }

    private static NotesDateTime ToNotes(EventTime time) =>
        time.DateOnly ? NotesDateTime.OnDate(time.Date) : NotesDateTime.At(time.Utc);

    private static EventTime FromNotes(NotesItem? item) =>
        item?.FirstValue switch
        {
            NotesDateTime { Kind: NotesDateTimeKind.DateOnly } d => EventTime.OnDate(DateOnly.FromDateTime(d.Value.UtcDateTime)),
            NotesDateTime d => EventTime.At(d.Value),
            // A data-service client may have overwritten the item with text; Notes would show nothing useful either.
            _ => EventTime.At(DateTimeOffset.UnixEpoch),
        };
}
