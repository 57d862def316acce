namespace NotesSync.Simulators.Domino.Calendar;

/// <summary>An attendee as the calendar service shows it; role/status/userType are lower-cased iCal values.</summary>
public sealed record Attendee(
    string Role,
    string Status,
    bool Rsvp,
    string DisplayName,
    string Email,
    string? UserType = null);

public sealed record Organizer(string DisplayName, string Email);

/// <summary>The fields of one instance that differ from its series after an instance-level update.</summary>
internal sealed record InstanceOverride(string? Summary, string? Location, DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// Calendar-and-scheduling state that Notes keeps in items the data service cannot show faithfully
/// (attendee roles and states, the recurrence pattern). Subject, times, location and privacy live in the
/// document's items, so that a data-service write to an appointment is seen by the calendar service too.
/// </summary>
internal sealed class CalendarEntry(string eventId)
{
    public string EventId { get; set; } = eventId;

    /// <summary>Windows time-zone id the event was written in ("Romance Standard Time").</summary>
    public string TimeZoneId { get; set; } = "UTC";

    public bool AllDay { get; set; }
    public List<Attendee> Attendees { get; } = [];
    public Organizer? Organizer { get; set; }
    public string? RecurrenceRule { get; set; }
    public SortedSet<DateTimeOffset> ExceptDates { get; } = [];
    public Dictionary<string, InstanceOverride> Overrides { get; } = new(StringComparer.Ordinal);
    public int Sequence { get; set; }

    /// <summary>iCal CLASS as written: Notes marks both private and confidential with OrgConfidential.</summary>
    public string Class { get; set; } = "public";

    public string Transparency { get; set; } = "opaque";
    public bool Cancelled { get; set; }

    /// <summary>The mail-file owner's own answer to a meeting they were invited to.</summary>
    public string OwnerStatus { get; set; } = "accepted";

    /// <summary>"I" for a not-yet-processed invitation (a notice, not an event).</summary>
    public string? NoticeType { get; set; }

    public string ScheduleMethod { get; set; } = "request";
    public int? AlarmMinutesBefore { get; set; }

    public bool IsMeeting => Attendees.Count > 0;
}
