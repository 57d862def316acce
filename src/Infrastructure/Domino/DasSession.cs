using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using NotesSync.Application.Notes;
using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Domino;

/// <summary>
/// One user's mail file on one server: sends DAS calls under the database's URL prefix, at most
/// <paramref name="maxConcurrency"/> at once (Notes:MaxConcurrency: a sync may read ahead, the server sees no more
/// than that), and says what an answer that is not the one expected means for the user.
/// </summary>
internal sealed class DasSession(DasClient das, NotesCredentials credentials, string mailFile, int maxConcurrency = 1)
{
    // One token per call allowed in flight: a call takes one and gives it back (a channel needs no disposing).
    private readonly Channel<bool> _slots = Slots(maxConcurrency);

    // Ticks of the newest Date header seen (0: none yet); answers arrive on many threads at once.
    private long _serverTicks;

    public string MailFile { get; } = DasPaths.NormaliseMailFile(mailFile);

    /// <summary>The Notes user the session signs in as (the mail file's owner, for the sync).</summary>
    public string UserName => credentials.UserName;

    /// <summary>
    /// The newest <c>Date</c> Domino sent on this session: its own clock, to the second, at least as late as every
    /// answer already received. Null before the first answer, or from a server that sends no Date.
    /// </summary>
    public DateTimeOffset? ServerTime => Interlocked.Read(ref _serverTicks) is > 0 and var ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary><paramref name="path"/> starts with <c>/api/</c> and is already escaped.</summary>
    public async Task<Result<DasResponse>> SendAsync(
        HttpMethod method, string path, CancellationToken ct, object? json = null, Action<HttpRequestHeaders>? headers = null)
    {
        await _slots.Reader.ReadAsync(ct);
        try
        {
            var sent = await das.SendAsync(credentials, method, DasPaths.Database(MailFile) + path, ct, json, headers);
            if (sent is { IsSuccess: true, Value.Date: { } date }) Advance(date.UtcTicks);
            return sent;
        }
        finally
        {
            _slots.Writer.TryWrite(true);
        }
    }

    private void Advance(long ticks)
    {
        for (var seen = Interlocked.Read(ref _serverTicks); ticks > seen;)
        {
            var was = Interlocked.CompareExchange(ref _serverTicks, ticks, seen);
            if (was == seen) return;
            seen = was;
        }
    }

    private static Channel<bool> Slots(int count)
    {
        var slots = Channel.CreateUnbounded<bool>();
        for (var i = 0; i < Math.Max(1, count); i++) slots.Writer.TryWrite(true);
        return slots;
    }

    /// <summary>
    /// A failure of the whole side (wrong password, DAS switched off, no mail file…) as the codes of api.md, with the
    /// mail file and view named where DAS's message only tells the level.
    /// </summary>
    public Error Failure(DasResponse response, string? view = null)
    {
        var error = DominoGateway.Interpret(response)
            ?? MailboxErrors.Unreadable($"Domino answered {(int)response.Status}, which NotesSync does not expect here.");
        return error.Code switch
        {
            "das-disabled-view" => NotesErrors.DasDisabled(DasCheckTarget.View, view ?? ""),
            "das-disabled-database" => NotesErrors.DasDisabled(DasCheckTarget.Database, MailFile),
            _ => error,
        };
    }

    /// <summary>
    /// A 404 that DAS itself wrote (JSON: "Invalid universal id", the calendar's "Error reading event") means the
    /// document or event is not there. A 404 in HTML comes from the web engine: the mail file is not there.
    /// </summary>
    public static bool IsMissing(DasResponse response) => response.Status == HttpStatusCode.NotFound && response.IsJson;

    /// <summary>
    /// What became of a conditional write: 412 modified since it was read (data service), 409 "another user modified
    /// it" (data-service DELETE, §1.1) or "a newer version exists" (calendar PUT with strictsequence, §2.1).
    /// </summary>
    public Result<NotesWriteOutcome> Outcome(DasResponse response) => response.Status switch
    {
        _ when response.IsLoginPage => Failure(response),
        HttpStatusCode.OK or HttpStatusCode.NoContent => NotesWriteOutcome.Done,
        HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict => NotesWriteOutcome.ChangedMeanwhile,
        _ when IsMissing(response) => NotesWriteOutcome.Gone,
        _ => Failure(response),
    };

    /// <summary>Reads a JSON answer; <paramref name="read"/> throws <see cref="FormatException"/> on a shape it cannot use.</summary>
    public static Result<T> Read<T>(DasResponse response, Func<JsonElement, T> read)
    {
        try
        {
            using var json = JsonDocument.Parse(response.Body);
            return read(json.RootElement);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return MailboxErrors.Unreadable($"Domino's answer could not be read: {e.Message}");
        }
    }

    /// <summary>The last path segment of a Location header (absolute or not), unescaped.</summary>
    public static string? LastSegment(Uri? location)
    {
        if (location is null) return null;
        var path = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?', '#')[0];
        var last = path.TrimEnd('/').Split('/')[^1];
        return last.Length == 0 ? null : Uri.UnescapeDataString(last);
    }

}

/// <summary>Errors of the mailbox that are not about the connection as a whole (those are <see cref="NotesErrors"/>).</summary>
internal static class MailboxErrors
{
    public static Error Unreadable(string message) => Error.Unprocessable("notes-error", message);

    /// <summary>The code the diagnostics give a missing view (DominoGateway's checks).</summary>
    public static Error ViewNotFound(string view, string mailFile) =>
        Error.Unprocessable("view-not-found", $"The view {view} does not exist in {mailFile}.");

    /// <summary>
    /// The transport failed on a write that is never replayed (POST, PATCH): the server may have applied it before the
    /// answer was lost, so "unreachable" would be a lie. A code of its own, so that the caller can look before writing
    /// again; the transport's code is kept as <c>cause</c>.
    /// </summary>
    public static Error WriteUnconfirmed(Error transport)
    {
        var error = Error.Unprocessable("notes-write-unconfirmed",
            "The connection to Domino was lost before it confirmed the write, so it may or may not have been saved.");
        return error with { Extensions = new Dictionary<string, object?> { ["cause"] = transport.Code } };
    }
}

/// <summary>Instants in DAS query parameters.</summary>
internal static class DasQueryTimes
{
    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm:ssZ</c>: the only form the calendar's <c>since</c>/<c>before</c> accept (§2.1), and the one
    /// the data service's <c>since</c> reads right (§1.6). Rounded down to the second.
    /// </summary>
    public static string RoundedDown(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Rounded up to the second, for the end of a window: nothing before it is left out.</summary>
    public static string RoundedUp(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var floor = new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        return RoundedDown(floor == utc ? floor : floor.AddSeconds(1));
    }
}
