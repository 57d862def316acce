using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NotesSync.Application.Notes;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Infrastructure.Domino.Modules;

/// <summary>
/// Calendar events of a mail file as sync records, over the calendar service (das.md §2 and "Checked" 1–9):
/// <list type="bullet">
/// <item>what exists is the list of a window of start times, paged, a summary without last-modified; each instance of
/// a series is its own record, keyed by (id, recurrence id) ("Checked" 2);</item>
/// <item>what changed is the data service's <c>since</c> on the mail file: a Notes-generated event id is
/// <c>{UNID}-Lotus_Notes_Generated</c>, so the changed UNIDs name the changed events, and only those are read with
/// <c>GET /events/{id}</c> (inferred, das.md "Checked" 1: an event of another id is read every run instead);</item>
/// <item>every write goes with <c>workflow=false</c> (no invitation, update or cancellation is mailed, "Checked" 5), an
/// update sends the whole event (PUT replaces, "Checked" 3) with the sequence read (<c>strictsequence</c>), and a
/// deletion removes the one instance it names, never the series.</item>
/// </list>
/// A record's key is its UNID (its event id when that is not Notes-generated), with "/{recurrenceId}" for an instance:
/// a link keeps at most 64 characters, so a longer key is a hash, known from the list.
/// </summary>
internal sealed class DasEventRecords(DasMailbox mailbox, DasCalendar calendar, string userName, DateTimeOffset from, DateTimeOffset to)
    : INotesEventRecords
{
    private const string NotesGenerated = "-Lotus_Notes_Generated";
    private const int MaxKeyLength = 64;

    /// <summary>
    /// How far before the window the calendar is listed: an event that left the range (yesterday's meeting) stays
    /// listed for a year, so it is known to exist without a GET (absence from the list is not a deletion).
    /// </summary>
    private static readonly TimeSpan ListedBefore = TimeSpan.FromDays(366);

    private readonly ConcurrentDictionary<string, (string Id, string? RecurrenceId)> _hashedKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, NotesEvent> _outside = new(StringComparer.Ordinal);
    private List<(string Key, string? Unid)> _listed = [];

    public SyncModule Module => SyncModule.Events;
    public DateTimeOffset? ServerTime => mailbox.ServerTime;

    public INotesRecords Within(DateTimeOffset start, DateTimeOffset end) => new DasEventRecords(mailbox, calendar, userName, start, end);

    public async Task<Result<IReadOnlyList<string>>> ListAsync(CancellationToken ct)
    {
        var events = await calendar.ListEventsAsync(from - ListedBefore, to, ct);
        if (events.IsFailure) return events.Error!;
        var listed = events.Value.Where(e => !e.IsInvitation).ToList();
        _listed = [.. listed.Select(e => (Key(e.Id!, e.RecurrenceId), Unid(e.Id!)))];
        _outside.Clear();
        foreach (var e in listed.Where(e => e.Start.Instant < from)) _outside[Key(e.Id!, e.RecurrenceId)] = e;
        return _listed.Select(l => l.Key).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The listed events whose document changed since <paramref name="since"/>, at that document's time; an event whose
    /// id names no document is taken as changed (at <paramref name="since"/>), so it is read, as das.md advises.
    /// </summary>
    public async Task<Result<IReadOnlyList<NotesChange>>> ChangedSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        var changes = await mailbox.ChangedSinceAsync(since, ct);
        if (changes.IsFailure) return changes.Error!;
        var modified = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        // The event's own last-modified has whole seconds (iCal basic form): the document's time is cut to match, so
        // that an event still at the version its link holds is recognised and not read again.
        foreach (var change in changes.Value.Select(c => c with { Modified = WholeSeconds(c.Modified) }))
            if (!modified.TryGetValue(change.Unid, out var at) || change.Modified > at) modified[change.Unid] = change.Modified;
        return _listed
            .Select(l => l.Unid is null ? new NotesChange(l.Key, since) : modified.TryGetValue(l.Unid, out var at) ? new NotesChange(l.Key, at) : null)
            .OfType<NotesChange>().ToList();
    }

    /// <summary>
    /// The whole event, by its GET; an event listed before the window is answered from the list's summary instead:
    /// it is out of the range, so nothing of it is synced, and its start and privacy are all the sync needs to know.
    /// </summary>
    public async Task<Result<NotesRecord?>> GetAsync(string key, CancellationToken ct)
    {
        if (_outside.TryGetValue(key, out var summary))
            return new NotesRecord(key, DateTimeOffset.UnixEpoch, null, summary.IsPrivate, CrmId: null, NotesEventValues.From(summary));
        var (id, recurrenceId) = Parse(key);
        var read = await calendar.GetEventAsync(id, recurrenceId, ct);
        if (read.IsFailure) return read.Error!;
        if (read.Value is not { IsInvitation: false } e) return Result.Success<NotesRecord?>(null);
        return new NotesRecord(key, e.LastModified ?? mailbox.ServerTime ?? DateTimeOffset.UnixEpoch,
            e.Sequence?.ToString(CultureInfo.InvariantCulture), e.IsPrivate, CrmId: null, NotesEventValues.From(e))
        {
            OrganisedByOther = e.Organizer is { } organizer && !IsUser(organizer),
        };
    }

    public async Task<Result<string>> CreateAsync(IReadOnlyDictionary<string, string?> values, string crmId, CancellationToken ct)
    {
        var created = await calendar.CreateEventAsync(NotesEventValues.Draft(values), sendInvitations: false, ct);
        return created.IsFailure ? created.Error! : Key(created.Value, null);
    }

    public async Task<Result<string>> ScheduleAsync(IReadOnlyDictionary<string, string?> values, CancellationToken ct)
    {
        var created = await calendar.CreateEventAsync(NotesEventValues.Draft(values), sendInvitations: true, ct);
        return created.IsFailure ? created.Error! : Key(created.Value, null);
    }

    public async Task<Result<string?>> FindOwnAsync(string title, DateTimeOffset start, CancellationToken ct)
    {
        var listed = await calendar.ListEventsAsync(start, start.AddMinutes(1), ct);
        if (listed.IsFailure) return listed.Error!;
        var found = listed.Value.FirstOrDefault(e => !e.IsInvitation && e.RecurrenceId is null
            && e.Start.Instant == start.ToUniversalTime() && string.Equals(e.Summary, title, StringComparison.Ordinal));
        return Result.Success<string?>(found is null ? null : Key(found.Id!, null));
    }

    public Task<Result<NotesWriteOutcome>> UpdateAsync(
        string key, IReadOnlyDictionary<string, string?> values, string? lastModified, CancellationToken ct)
    {
        var (id, recurrenceId) = Parse(key);
        int? sequence = int.TryParse(lastModified, NumberStyles.Integer, CultureInfo.InvariantCulture, out var read) ? read : null;
        return calendar.UpdateEventAsync(id, recurrenceId, current => NotesEventValues.Changed(current, values, sequence), notifyAttendees: false, ct);
    }

    public Task<Result<NotesWriteOutcome>> DeleteAsync(string key, string? lastModified, CancellationToken ct)
    {
        var (id, recurrenceId) = Parse(key);
        return calendar.DeleteEventAsync(id, recurrenceId, notifyAttendees: false, ct);
    }

    /// <summary>
    /// Whether the organizer is the mail file's owner: by their Notes name ("Jane Doe/Acme" is "Jane Doe") or address
    /// (inferred: DAS does not say who owns a mail file; a user who signs in by a short name has their meetings'
    /// organizer named in full, and is then taken for someone else, which only stops CRM edits of them reaching Notes).
    /// </summary>
    private bool IsUser(NotesOrganizer organizer)
    {
        var user = CommonName(userName);
        if (organizer.Name is { } name && string.Equals(CommonName(name), user, StringComparison.OrdinalIgnoreCase)) return true;
        return organizer.Email is { } email
            && (string.Equals(email, userName, StringComparison.OrdinalIgnoreCase)
                || string.Equals(email.Split('@')[0], userName, StringComparison.OrdinalIgnoreCase));
    }

    private static string CommonName(string name)
    {
        var first = name.Split('/')[0].Trim();
        return first.StartsWith("CN=", StringComparison.OrdinalIgnoreCase) ? first[3..] : first;
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset at) => at.AddTicks(-(at.UtcTicks % TimeSpan.TicksPerSecond));

    private static string? Unid(string id) => id.EndsWith(NotesGenerated, StringComparison.Ordinal) ? id[..^NotesGenerated.Length] : null;

    private string Key(string id, string? recurrenceId)
    {
        var key = (Unid(id) ?? id) + (recurrenceId is null ? "" : "/" + recurrenceId);
        if (key.Length <= MaxKeyLength && !key.StartsWith('~')) return key;
        var hashed = "~" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id + "\n" + recurrenceId)))[..40];
        _hashedKeys[hashed] = (id, recurrenceId);
        return hashed;
    }

    private (string Id, string? RecurrenceId) Parse(string key)
    {
        if (_hashedKeys.TryGetValue(key, out var known)) return known;
        var slash = key.LastIndexOf('/');
        var (baseId, recurrenceId) = slash > 0 && IsRecurrenceId(key[(slash + 1)..]) ? (key[..slash], key[(slash + 1)..]) : (key, null);
        var isUnid = baseId.Length == 32 && baseId.All(Uri.IsHexDigit);
        return (isUnid ? baseId + NotesGenerated : baseId, recurrenceId);
    }

    /// <summary>iCal basic UTC, <c>20170503T073000Z</c> ("Checked" 2), or a date alone for an all-day series.</summary>
    private static bool IsRecurrenceId(string text) =>
        DateTime.TryParseExact(text, ["yyyyMMdd'T'HHmmss'Z'", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
