using System.Globalization;
using NotesSync.Application.Notes;
using static NotesSync.Application.Sync.Modules.EventModule;

namespace NotesSync.Infrastructure.Domino.Modules;

/// <summary>
/// Calendar entries in the product's field names, and back (das.md §2.2). Times: a timed entry's start and end are
/// its instants in UTC (the calendar answers them in a zone with its rules, which <see cref="DasEvents"/> resolves); an
/// all-day entry's are its dates, the end being its last day (a one-day entry ends on the day it starts, as Notes
/// stores it). The attendees are the addresses of everyone on the entry but the organizer (the chair).
/// </summary>
internal static class NotesEventValues
{
    private const string DateFormat = "yyyy-MM-dd";

    public static Dictionary<string, string?> From(NotesEvent e) => new(StringComparer.Ordinal)
    {
        [Title] = e.Summary,
        [Start] = Text(e.Start),
        [End] = Text(e.End),
        [AllDay] = e.Start.AllDay ? "true" : "false",
        [Location] = e.Location,
        [Description] = e.Description,
        [Reminder] = e.ReminderMinutesBefore?.ToString(CultureInfo.InvariantCulture),
        [Attendees] = AttendeeList(e.Attendees.Where(a => !IsOrganizer(a, e)).Select(a => a.Email)),
        [Recurrence] = e.RecurrenceId is null ? e.RecurrenceRule : null,
    };

    /// <summary>A new entry: no attendee is invited (the sync writes with workflow off), the mail file's owner chairs it.</summary>
    public static NotesEvent Draft(IReadOnlyDictionary<string, string?> values)
    {
        var allDay = IsAllDay(values);
        var start = Time(values.GetValueOrDefault(Start), allDay) ?? throw new ArgumentException("An event needs a start.", nameof(values));
        return new NotesEvent(
            Id: null, RecurrenceId: null, Summary: values.GetValueOrDefault(Title) ?? "", Location: values.GetValueOrDefault(Location),
            Description: values.GetValueOrDefault(Description), Start: start, End: Time(values.GetValueOrDefault(End), allDay) ?? start,
            IsPrivate: false, Attendees: [.. SplitAttendees(values.GetValueOrDefault(Attendees)).Select(a => new NotesAttendee(a, null))],
            ReminderMinutesBefore: Minutes(values.GetValueOrDefault(Reminder)), RecurrenceRule: values.GetValueOrDefault(Recurrence));
    }

    /// <summary>
    /// <paramref name="current"/> with the fields given changed (calendar PUT replaces the whole entry). The sequence
    /// sent is the one the sync read, so that Domino refuses the write when the entry changed since (strictsequence).
    /// </summary>
    public static NotesEvent Changed(NotesEvent current, IReadOnlyDictionary<string, string?> values, int? sequenceRead)
    {
        var allDay = values.ContainsKey(AllDay) ? IsAllDay(values) : current.Start.AllDay;
        var start = values.ContainsKey(Start) ? Time(values[Start], allDay) ?? current.Start : Retyped(current.Start, allDay);
        var end = values.ContainsKey(End) ? Time(values[End], allDay) ?? start : Retyped(current.End, allDay);
        var attendees = current.Attendees;
        if (values.TryGetValue(Attendees, out var list))
            attendees = [.. current.Attendees.Where(a => IsOrganizer(a, current)), .. SplitAttendees(list).Select(a => new NotesAttendee(a, null))];
        return current with
        {
            Summary = values.TryGetValue(Title, out var title) ? title ?? "" : current.Summary,
            Location = values.TryGetValue(Location, out var location) ? location : current.Location,
            Description = values.TryGetValue(Description, out var description) ? description ?? "" : current.Description,
            Start = start,
            End = end,
            Attendees = attendees,
            ReminderMinutesBefore = values.TryGetValue(Reminder, out var reminder) ? Minutes(reminder) : current.ReminderMinutesBefore,
            Sequence = sequenceRead ?? current.Sequence,
            RecurrenceRule = values.TryGetValue(Recurrence, out var rule) && rule is not null ? rule : current.RecurrenceRule,
        };
    }

    private static bool IsOrganizer(NotesAttendee attendee, NotesEvent e) =>
        string.Equals(attendee.Role, "chair", StringComparison.OrdinalIgnoreCase)
        || (e.Organizer?.Email is { } organizer && string.Equals(attendee.Email, organizer, StringComparison.OrdinalIgnoreCase));

    private static string Text(NotesEventTime time) => time.AllDay
        ? time.Instant.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture)
        : InstantText(time.Instant);

    /// <summary>The first ten characters of an all-day value are its day (the canonical form keeps the user's date there).</summary>
    private static NotesEventTime? Time(string? text, bool allDay)
    {
        if (!TryInstant(text, out var instant)) return null;
        return allDay
            ? NotesEventTime.OnDay(DateOnly.ParseExact(text!.Trim()[..10], DateFormat, CultureInfo.InvariantCulture))
            : NotesEventTime.At(instant);
    }

    private static NotesEventTime Retyped(NotesEventTime time, bool allDay) =>
        time.AllDay == allDay ? time : allDay ? NotesEventTime.OnDay(DateOnly.FromDateTime(time.Instant.UtcDateTime)) : NotesEventTime.At(time.Instant);

    private static int? Minutes(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes) && minutes >= 0 ? minutes : null;
}
