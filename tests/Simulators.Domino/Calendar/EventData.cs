namespace NotesSync.Simulators.Domino.Calendar;

/// <summary>
/// Start or end of an event: an instant for timed events, a date for all-day ones. <see cref="Utc"/> is
/// midnight UTC of the date for all-day values.
/// </summary>
public readonly record struct EventTime(DateTimeOffset Utc, bool DateOnly)
{
    public static EventTime At(DateTimeOffset instant) => new(instant.ToUniversalTime(), false);

    public static EventTime OnDate(DateOnly date) =>
        new(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), true);

    public DateOnly Date => System.DateOnly.FromDateTime(Utc.UtcDateTime);
}

/// <summary>What the calendar service knows about an event: read from, and written to, an appointment document.</summary>
public sealed record EventData
{
    public required string Summary { get; init; }
    public string Location { get; init; } = "";
    public string Description { get; init; } = "";
    public required EventTime Start { get; init; }
    public required EventTime End { get; init; }

    /// <summary>public, private or confidential.</summary>
    public string Class { get; init; } = "public";

    public string Transparency { get; init; } = "opaque";
    public int Sequence { get; init; }
    public IReadOnlyList<Attendee> Attendees { get; init; } = [];
    public Organizer? Organizer { get; init; }
    public string? RecurrenceRule { get; init; }
    public int? AlarmMinutesBefore { get; init; }

    /// <summary>Windows time-zone id the event is shown in; null means the server's zone.</summary>
    public string? TimeZoneId { get; init; }

    public bool IsPrivate => Class is "private" or "confidential";
}
