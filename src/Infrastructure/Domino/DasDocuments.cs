using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using NotesSync.Application.Notes;
using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Domino;

/// <summary>Contacts and to-dos: the data service on the mail file (das.md §1).</summary>
internal sealed partial class DasDocuments(DasSession session)
{
    /// <summary>DAS refuses a larger page unless notes.ini raises <c>DataServiceMaxViewEntries</c> (§1.3).</summary>
    public const int PageSize = 100;

    // @unid, @position and @form (§1.3 systemcolumns): what exists, and whether the view's count counts it.
    private const int UnidPositionAndForm = 0x2 | 0x4 | 0x100;

    /// <summary>
    /// Pages by position until a short page, or until the count that <c>Content-Range</c> gives (§1.3) is reached,
    /// skipping category rows and a document listed twice ("Checked" 14). The count is of top-level entries: it is
    /// trusted only while every row read is a top-level document (a categorised or hierarchical view counts its
    /// categories or leaves out its responses), else the read goes on to the short page. Once a flat view's count is
    /// known, the pages up to it are asked for <see cref="PagesAtOnce"/> at a time (the session still holds Domino to
    /// Notes:MaxConcurrency) and taken in order. A page that fails fails the whole read: a partial list must never
    /// reach the caller, who would take what is missing for deletions.
    /// </summary>
    public async Task<Result<IReadOnlyList<NotesViewEntry>>> ReadViewAsync(string view, CancellationToken ct)
    {
        var entries = new List<NotesViewEntry>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pageSize = PageSize;
        var flat = true;
        int? total = null;
        for (var start = 0; ;)
        {
            var starts = new List<int> { start };
            if (flat && total is { } count)
                for (var next = start + pageSize; next < count && starts.Count < PagesAtOnce; next += pageSize) starts.Add(next);
            var size = pageSize;
            var pages = await Task.WhenAll(starts.Select(at => session.SendAsync(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture,
                $"/api/data/collections/name/{DasPaths.Segment(view)}?start={at}&count={size}&systemcolumns={UnidPositionAndForm}"), ct)));

            foreach (var sent in pages)
            {
                if (sent.IsFailure) return sent.Error!;
                if (SmallerLimit(sent.Value, pageSize) is { } limit)
                {
                    // Asked again from where the read is, in pages of the server's limit.
                    pageSize = limit;
                    break;
                }
                // DAS's own 404 here is "The URI must refer to an existing view." (§1.1); the web engine's is about the mail file.
                if (DasSession.IsMissing(sent.Value)) return MailboxErrors.ViewNotFound(view, session.MailFile);
                if (sent.Value.Status != HttpStatusCode.OK || sent.Value.IsLoginPage) return session.Failure(sent.Value, view);

                var page = DasSession.Read(sent.Value, ViewPage);
                if (page.IsFailure) return page.Error!;
                var added = 0;
                foreach (var entry in page.Value.Entries.Where(e => seen.Add(e.Unid)))
                {
                    entries.Add(entry);
                    added++;
                }
                // A server that ignored "start" would answer the same page for ever: a page with nothing new ends it.
                if (page.Value.Rows < pageSize || added == 0) return entries;
                flat &= page.Value.TopLevelDocumentsOnly;
                start += page.Value.Rows;
                total = TopLevelCount(sent.Value.ContentRange);
                if (flat && total is { } reached && start >= reached) return entries;
            }
        }
    }

    /// <summary>View pages asked for at once once the view's size is known: a 10,000-entry view is 100 pages.</summary>
    private const int PagesAtOnce = 8;

    private sealed record Page(IReadOnlyList<NotesViewEntry> Entries, int Rows, bool TopLevelDocumentsOnly);

    /// <summary>
    /// Category rows carry no <c>@unid</c>; they still count as rows of the page. A top-level document has a
    /// <c>@unid</c> and a <c>@position</c> without a dot ("3", where its responses are "3.1").
    /// </summary>
    private static Page ViewPage(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Array) throw new FormatException("A view page is not a JSON array.");
        var entries = new List<NotesViewEntry>();
        var topLevelOnly = true;
        foreach (var row in json.EnumerateArray())
        {
            var isDocument = row.TryGetProperty("@unid", out var u) && u.GetString() is { Length: > 0 };
            topLevelOnly &= isDocument && !Flag(row, "@category") && !Flag(row, "@response")
                && row.TryGetProperty("@position", out var p) && p.ValueKind == JsonValueKind.String && p.GetString() is { Length: > 0 } position
                && !position.Contains('.', StringComparison.Ordinal);
            if (isDocument)
                entries.Add(new NotesViewEntry(u.GetString()!,
                    row.TryGetProperty("@form", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null));
        }
        return new Page(entries, json.GetArrayLength(), topLevelOnly);
    }

    private static bool Flag(JsonElement row, string name) => row.TryGetProperty(name, out var flag) && flag.ValueKind == JsonValueKind.True;

    /// <summary>The total of <c>Content-Range: items 0-99/1000</c> (§1.3); null when absent or unreadable.</summary>
    private static int? TopLevelCount(string? contentRange) =>
        contentRange is not null && ContentRangeTotal().Match(contentRange) is { Success: true } match
        && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var total)
            ? total
            : null;

    [GeneratedRegex(@"^\s*items\s+\d+-\d+/(\d+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ContentRangeTotal();

    /// <summary>
    /// A server whose notes.ini lowers <c>DataServiceMaxViewEntries</c> answers 400 "Limit exceeded.  Cannot read
    /// more than {N} entries." (§1.3): read again in pages of N rather than fail the sync.
    /// </summary>
    private static int? SmallerLimit(DasResponse response, int pageSize) =>
        response.Status == HttpStatusCode.BadRequest
        && LimitExceeded().Match(response.ErrorMessage() ?? "") is { Success: true } match
        && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var limit) && limit > 0 && limit < pageSize
            ? limit
            : null;

    [GeneratedRegex(@"Cannot read more than (\d+) entries", RegexOptions.IgnoreCase)]
    private static partial Regex LimitExceeded();

    /// <summary>
    /// <c>/documents?since=</c> (§1.6): unpaged, every kind of document, never a deletion. The parameter must be the
    /// <c>Z</c> form to the second; the time is rounded down so that nothing saved in that second is missed.
    /// </summary>
    public async Task<Result<IReadOnlyList<NotesChange>>> ChangedSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        var sent = await session.SendAsync(HttpMethod.Get, $"/api/data/documents?since={DasQueryTimes.RoundedDown(since)}", ct);
        if (sent.IsFailure) return sent.Error!;
        if (sent.Value.Status != HttpStatusCode.OK || sent.Value.IsLoginPage) return session.Failure(sent.Value);
        return DasSession.Read<IReadOnlyList<NotesChange>>(sent.Value, json =>
        {
            if (json.ValueKind != JsonValueKind.Array) throw new FormatException("The list of changes is not a JSON array.");
            return [.. json.EnumerateArray()
                .Where(d => d.TryGetProperty("@unid", out var u) && u.GetString() is { Length: > 0 })
                .Select(d => new NotesChange(d.GetProperty("@unid").GetString()!,
                    d.TryGetProperty("@modified", out var m) && DasItems.Instant(m) is { } modified ? modified : since))
                .GroupBy(c => c.Unid, StringComparer.OrdinalIgnoreCase)
                .Select(g => g.MaxBy(c => c.Modified)!)];
        });
    }

    /// <summary>
    /// <c>markread=false</c> so that a sync leaves the user's unread marks alone; <c>strongtype=true</c> so that dates
    /// come typed; <c>hidden=true</c> because <c>$PublicAccess</c> is a <c>$</c> item (§1.4).
    /// </summary>
    public async Task<Result<NotesDocument?>> GetDocumentAsync(string unid, CancellationToken ct)
    {
        var sent = await session.SendAsync(HttpMethod.Get, $"{DocumentPath(unid)}?markread=false&strongtype=true&hidden=true", ct);
        if (sent.IsFailure) return sent.Error!;
        if (DasSession.IsMissing(sent.Value)) return Result<NotesDocument?>.Success(null);
        if (sent.Value.Status != HttpStatusCode.OK || sent.Value.IsLoginPage) return session.Failure(sent.Value);
        return DasSession.Read<NotesDocument?>(sent.Value, json => DasItems.Document(json, sent.Value.LastModified));
    }

    /// <summary>
    /// 201 with <c>Location: …/documents/unid/{UNID}</c> (§1.2). <c>computewithform=true</c> lets the mail template
    /// compute what it derives (FullName, sort fields, DueDate). Never replayed: see <see cref="MailboxErrors.WriteUnconfirmed"/>.
    /// </summary>
    public async Task<Result<string>> CreateDocumentAsync(string form, IReadOnlyDictionary<string, NotesItem> items, CancellationToken ct)
    {
        var sent = await session.SendAsync(HttpMethod.Post,
            $"/api/data/documents?form={DasPaths.Segment(form)}&computewithform=true", ct, DasItems.Body(items));
        if (sent.IsFailure) return MailboxErrors.WriteUnconfirmed(sent.Error!);
        if (sent.Value.Status != HttpStatusCode.Created || sent.Value.IsLoginPage) return session.Failure(sent.Value);
        return DasSession.LastSegment(sent.Value.Location) is { Length: > 0 } unid
            ? unid
            : MailboxErrors.Unreadable("Domino created the document without saying where (no Location header).");
    }

    /// <summary>
    /// PATCH, since PUT would delete every item not sent (§1.5), tunnelled through POST as DAS documents it. The
    /// <c>If-Unmodified-Since</c> text is the <c>Last-Modified</c> read, untouched: the server compares it to 1/100 s,
    /// so a re-formatted copy of the same second would be refused ("Checked" 11). <c>computewithform=true</c> goes with
    /// the document's <c>form</c>, as IBM's data.yaml requires ("You must identify the form").
    /// </summary>
    public async Task<Result<NotesWriteOutcome>> UpdateDocumentAsync(
        string unid, IReadOnlyDictionary<string, NotesItem> items, string? lastModified, string form, CancellationToken ct)
    {
        var sent = await session.SendAsync(HttpMethod.Post, $"{DocumentPath(unid)}?form={DasPaths.Segment(form)}&computewithform=true", ct, DasItems.Body(items), headers =>
        {
            headers.TryAddWithoutValidation("X-HTTP-Method-Override", "PATCH");
            IfUnmodifiedSince(headers, lastModified);
        });
        if (sent.IsFailure) return MailboxErrors.WriteUnconfirmed(sent.Error!);
        return session.Outcome(sent.Value);
    }

    /// <summary>DELETE may be replayed by the resilience pipeline: a replay of one that was applied answers 404, Gone.</summary>
    public async Task<Result<NotesWriteOutcome>> DeleteDocumentAsync(string unid, string? lastModified, CancellationToken ct)
    {
        var sent = await session.SendAsync(HttpMethod.Delete, DocumentPath(unid), ct, headers: headers => IfUnmodifiedSince(headers, lastModified));
        if (sent.IsFailure) return sent.Error!;
        return session.Outcome(sent.Value);
    }

    // Added without validation: a parsed header would be re-formatted by HttpClient.
    private static void IfUnmodifiedSince(HttpRequestHeaders headers, string? lastModified)
    {
        if (!string.IsNullOrEmpty(lastModified)) headers.TryAddWithoutValidation("If-Unmodified-Since", lastModified);
    }

    private static string DocumentPath(string unid) => $"/api/data/documents/unid/{DasPaths.Segment(unid)}";
}
