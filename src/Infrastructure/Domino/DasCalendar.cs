using System.Globalization;
using System.Net;
using System.Text.Json;
using NotesSync.Application.Notes;
using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Domino;

/// <summary>Calendar entries: the calendar service on the mail file (das.md §2 and "Checked against primary sources").</summary>
internal sealed class DasCalendar(DasSession session)
{
    /// <summary>The calendar refuses a larger <c>count</c> with 400 (§2.1).</summary>
    public const int PageSize = 100;

    private const string Events = "/api/calendar/events";

    /// <summary>
    /// Entries starting in the window, paged by <c>start</c>; a recurring series comes one instance per entry, so
    /// entries are told apart by (id, recurrenceId) ("Checked" 2). No events is a 200 with an empty body.
    /// </summary>
    public async Task<Result<IReadOnlyList<NotesEvent>>> ListEventsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var events = new List<NotesEvent>();
        // DAS answers 400 when "before" is not after "since": an empty window has nothing to ask.
        if (to <= from) return events;
        var window = $"since={DasQueryTimes.RoundedDown(from)}&before={DasQueryTimes.RoundedUp(to)}";
        var seen = new HashSet<(string, string?)>();
        for (var start = 0; ;)
        {
            var sent = await session.SendAsync(HttpMethod.Get,
                string.Create(CultureInfo.InvariantCulture, $"{Events}?{window}&start={start}&count={PageSize}"), ct);
            if (sent.IsFailure) return sent.Error!;
            if (sent.Value.Status != HttpStatusCode.OK || sent.Value.IsLoginPage) return session.Failure(sent.Value);
            if (string.IsNullOrWhiteSpace(sent.Value.Body)) return events;

            var page = DasSession.Read(sent.Value, ListPage);
            if (page.IsFailure) return page.Error!;
            var added = 0;
            foreach (var e in page.Value.Events.Where(e => seen.Add((e.Id!, e.RecurrenceId))))
            {
                events.Add(e);
                added++;
            }
            if (page.Value.Rows < PageSize || added == 0) return events;
            start += page.Value.Rows;
        }
    }

    private sealed record Page(IReadOnlyList<NotesEvent> Events, int Rows);

    /// <summary>Skipped notices still count as rows of the page.</summary>
    private static Page ListPage(JsonElement json)
    {
        if (!json.TryGetProperty("events", out var entries) || entries.ValueKind != JsonValueKind.Array)
            throw new FormatException("The event list has no \"events\" array.");
        return new Page([.. entries.EnumerateArray().Select(DasEvents.FromListEntry).OfType<NotesEvent>()], entries.GetArrayLength());
    }

    public async Task<Result<NotesEvent?>> GetEventAsync(string id, string? recurrenceId, CancellationToken ct)
    {
        var sent = await session.SendAsync(HttpMethod.Get, EventPath(id, recurrenceId), ct);
        if (sent.IsFailure) return sent.Error!;
        if (DasSession.IsMissing(sent.Value)) return Result<NotesEvent?>.Success(null);
        if (sent.Value.Status != HttpStatusCode.OK || sent.Value.IsLoginPage) return session.Failure(sent.Value);
        return DasSession.Read(sent.Value, DasEvents.FromAnswer);
    }

    /// <summary>
    /// <c>workflow</c> defaults to true: without <c>workflow=false</c> Domino mails invitations to every attendee
    /// ("Checked" 5). The new id is read from <c>Location</c> ("Checked" 9). Never replayed, like every POST.
    /// </summary>
    public async Task<Result<string>> CreateEventAsync(NotesEvent draft, bool sendInvitations, CancellationToken ct)
    {
        var sent = await session.SendAsync(HttpMethod.Post, Events + Workflow(sendInvitations, '?'), ct, DasEvents.ForCreate(draft));
        if (sent.IsFailure) return MailboxErrors.WriteUnconfirmed(sent.Error!);
        if (sent.Value.Status != HttpStatusCode.Created || sent.Value.IsLoginPage) return session.Failure(sent.Value);
        if (DasSession.LastSegment(sent.Value.Location) is { Length: > 0 } id) return id;
        return DasSession.Read(sent.Value, json => DasEvents.FromAnswer(json)?.Id
            ?? throw new FormatException("Domino created the event without saying its id."));
    }

    /// <summary>
    /// Reads the entry, changes what NotesSync carries, and PUTs the whole of it back (see <see cref="DasEvents.ForUpdate"/>).
    /// <c>strictsequence=true</c> answers 409 when the sequence sent is older than the stored one. IBM's calendar.yaml
    /// says the check applies to meetings only: a plain appointment changed in Notes meanwhile may be overwritten.
    /// </summary>
    public Task<Result<NotesWriteOutcome>> UpdateEventAsync(NotesEvent changed, bool notifyAttendees, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(changed.Id);
        return UpdateEventAsync(changed.Id, changed.RecurrenceId, _ => changed, notifyAttendees, ct);
    }

    /// <summary>
    /// As above, with the change made to the entry as Domino answers it now (<paramref name="change"/> sees it whole):
    /// the sync changes a few fields of an event and must send the whole of it, from one GET.
    /// </summary>
    public async Task<Result<NotesWriteOutcome>> UpdateEventAsync(
        string id, string? recurrenceId, Func<NotesEvent, NotesEvent> change, bool notifyAttendees, CancellationToken ct)
    {
        var path = EventPath(id, recurrenceId);
        var read = await session.SendAsync(HttpMethod.Get, path, ct);
        if (read.IsFailure) return read.Error!;
        if (DasSession.IsMissing(read.Value)) return NotesWriteOutcome.Gone;
        if (read.Value.Status != HttpStatusCode.OK || read.Value.IsLoginPage) return session.Failure(read.Value);
        var body = DasSession.Read(read.Value, current =>
            DasEvents.ForUpdate(change(DasEvents.FromAnswer(current) ?? throw new FormatException("Domino answered no event.")), current));
        if (body.IsFailure) return body.Error!;

        var sent = await session.SendAsync(HttpMethod.Put, $"{path}?strictsequence=true{Workflow(notifyAttendees, '&')}", ct, body.Value);
        if (sent.IsFailure) return sent.Error!;
        return session.Outcome(sent.Value);
    }

    /// <summary><c>DELETE /events/{id}</c> removes every instance of a series; one instance is deleted by its own path ("Checked" 2).</summary>
    public async Task<Result<NotesWriteOutcome>> DeleteEventAsync(string id, string? recurrenceId, bool notifyAttendees, CancellationToken ct)
    {
        var sent = await session.SendAsync(HttpMethod.Delete, EventPath(id, recurrenceId) + Workflow(notifyAttendees, '?'), ct);
        if (sent.IsFailure) return sent.Error!;
        return session.Outcome(sent.Value);
    }

    /// <summary>Event ids vary (external UIDs as sent): each is one escaped path segment ("Checked" 9).</summary>
    private static string EventPath(string id, string? recurrenceId) =>
        recurrenceId is null ? $"{Events}/{DasPaths.Segment(id)}" : $"{Events}/{DasPaths.Segment(id)}/{DasPaths.Segment(recurrenceId)}";

    private static string Workflow(bool on, char separator) => on ? "" : $"{separator}workflow=false";
}
