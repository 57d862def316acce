using System.Net;
using System.Text;
using System.Text.Json;
using NotesSync.Application.Notes;
using NotesSync.Infrastructure.Domino;

namespace NotesSync.Infrastructure.Tests.Domino;

/// <summary>
/// Answers a real Domino gives that the simulator does not (category rows, a document listed twice, MIME parts,
/// a zone only the answer defines, 409 on delete), replayed from canned HTTP answers.
/// </summary>
public sealed class MailboxWireShapeTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private sealed class CannedDomino(Func<HttpRequestMessage, string, HttpResponseMessage> answer) : HttpMessageHandler
    {
        private int _inFlight;
        private int _mostInFlight;
        private readonly TaskCompletionSource _crowdReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

        /// <summary>
        /// When set, every request after the first is held until this many are in flight at once, so a client that
        /// reads in parallel shows it whatever the machine's speed; then still held for a short grace, or until one more
        /// arrives, so a client that would go past that many shows it too. A client that never gets there is let
        /// through after a deadline, to fail its assertions rather than hang.
        /// </summary>
        public int HoldUntilInFlight { get; init; }

        private static readonly TimeSpan CrowdGrace = TimeSpan.FromMilliseconds(200);
        private static readonly TimeSpan CrowdDeadline = TimeSpan.FromSeconds(10);

        /// <summary>The most requests that were waiting for their answer at one time.</summary>
        public int MostInFlight => Volatile.Read(ref _mostInFlight);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            int index;
            lock (Requests)
            {
                index = Requests.Count;
                Requests.Add((request, body));
            }
            var now = Interlocked.Increment(ref _inFlight);
            for (var most = Volatile.Read(ref _mostInFlight); now > most; most = Volatile.Read(ref _mostInFlight))
                if (Interlocked.CompareExchange(ref _mostInFlight, now, most) == most) break;
            try
            {
                if (HoldUntilInFlight > 0 && index > 0) await HoldAsync(now, cancellationToken);
                return answer(request, body);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        private async Task HoldAsync(int inFlight, CancellationToken cancellationToken)
        {
            if (inFlight > HoldUntilInFlight) _crowdReleased.TrySetResult();
            else if (inFlight == HoldUntilInFlight)
                _ = Task.Delay(CrowdGrace, CancellationToken.None).ContinueWith(_ => _crowdReleased.TrySetResult(), TaskScheduler.Default);
            try
            {
                await _crowdReleased.Task.WaitAsync(CrowdDeadline, cancellationToken);
            }
            catch (TimeoutException)
            {
                _crowdReleased.TrySetResult(); // the others need not wait out the deadline too
            }
        }
    }

    private static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static INotesMailbox Mailbox(CannedDomino domino) =>
        new DasMailboxes(new DasClient(new HttpClient(domino), Microsoft.Extensions.Options.Options.Create(new DominoOptions())))
            .Open(new NotesCredentials(new Uri("https://mail.acme.example/"), "Jane Doe", "secret"), "mail/jdoe.nsf");

    [Fact]
    public async Task Category_rows_are_skipped_and_a_document_listed_twice_comes_once()
    {
        var domino = new CannedDomino((_, _) => Json("""
            [{"@entryid":"1-","@position":"1","@category":true,"$1":"Clients"},
             {"@entryid":"1.1-AAA","@unid":"AAA","@form":"Person"},
             {"@entryid":"2-","@position":"2","@category":true,"$1":"Fournisseurs"},
             {"@entryid":"2.1-AAA","@unid":"AAA","@form":"Person"},
             {"@entryid":"2.2-BBB","@unid":"BBB"}]
            """));

        var entries = (await Mailbox(domino).ReadViewAsync("($Contacts)", Ct)).Value;

        Assert.Equal([new NotesViewEntry("AAA", "Person"), new NotesViewEntry("BBB", null)], entries);
        Assert.Single(domino.Requests);
    }

    /// <summary>A page of <paramref name="count"/> rows from <paramref name="start"/>, as the view's request asked.</summary>
    private static HttpResponseMessage ViewPage(HttpRequestMessage request, int total, Func<int, string> row)
    {
        var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
        var start = int.Parse(query["start"]!, System.Globalization.CultureInfo.InvariantCulture);
        var count = int.Parse(query["count"]!, System.Globalization.CultureInfo.InvariantCulture);
        var rows = Enumerable.Range(start, Math.Max(0, Math.Min(count, total - start))).Select(row).ToList();
        var response = Json("[" + string.Join(",", rows) + "]");
        if (rows.Count > 0) response.Content.Headers.TryAddWithoutValidation("Content-Range", $"items {start}-{start + rows.Count - 1}/{total}");
        return response;
    }

    [Fact]
    public async Task A_flat_view_ends_where_its_content_range_count_says_without_asking_for_an_empty_page()
    {
        var domino = new CannedDomino((request, _) =>
            ViewPage(request, 200, i => $$"""{"@entryid":"{{i + 1}}-U{{i}}","@position":"{{i + 1}}","@unid":"U{{i}}","@form":"Person"}"""));

        var entries = (await Mailbox(domino).ReadViewAsync("($Contacts)", Ct)).Value;

        Assert.Equal(200, entries.Count);
        Assert.Equal(2, domino.Requests.Count);
    }

    [Fact]
    public async Task Once_a_flat_views_count_is_known_its_pages_are_read_several_at_once_within_Notes_MaxConcurrency()
    {
        var domino = new CannedDomino((request, _) =>
            ViewPage(request, 1000, i => $$"""{"@entryid":"{{i + 1}}-U{{i}}","@position":"{{i + 1}}","@unid":"U{{i}}","@form":"Person"}"""))
        {
            HoldUntilInFlight = 4,
        };
        var mailbox = new DasMailboxes(new DasClient(new HttpClient(domino), Microsoft.Extensions.Options.Options.Create(new DominoOptions())), Microsoft.Extensions.Options.Options.Create(new DominoOptions { MaxConcurrency = 4 }))
            .Open(new NotesCredentials(new Uri("https://mail.acme.example/"), "Jane Doe", "secret"), "mail/jdoe.nsf");

        var entries = (await mailbox.ReadViewAsync("($Contacts)", Ct)).Value;

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"U{i}"), entries.Select(e => e.Unid));
        Assert.Equal(10, domino.Requests.Count);
        // Pages after the first are held until four are in flight: several at once, never more than MaxConcurrency.
        Assert.InRange(domino.MostInFlight, 2, 4);
    }

    [Fact]
    public async Task A_categorised_view_whose_count_is_of_its_categories_is_read_to_its_short_page()
    {
        // 60 categories of 4 documents each: 300 rows, of which Content-Range counts the 60 top-level ones.
        var domino = new CannedDomino((request, _) =>
        {
            var answer = ViewPage(request, 300, i => i % 5 == 0
                ? $$"""{"@entryid":"{{i / 5 + 1}}-","@position":"{{i / 5 + 1}}","@category":true}"""
                : $$"""{"@entryid":"{{i / 5 + 1}}.{{i % 5}}-U{{i}}","@position":"{{i / 5 + 1}}.{{i % 5}}","@unid":"U{{i}}","@form":"Person"}""");
            answer.Content.Headers.Remove("Content-Range");
            answer.Content.Headers.TryAddWithoutValidation("Content-Range", "items 0-99/60");
            return answer;
        });

        var entries = (await Mailbox(domino).ReadViewAsync("($Contacts)", Ct)).Value;

        Assert.Equal(240, entries.Count);
        Assert.Equal(4, domino.Requests.Count);
    }

    [Fact]
    public async Task Items_read_whatever_shape_the_server_gives_them()
    {
        var latin1Plain = Convert.ToBase64String(Encoding.Latin1.GetBytes("Müller, bitte zurückrufen"));
        var domino = new CannedDomino((_, _) =>
        {
            var response = Json($$"""
                {"@unid":"AAA","@modified":"2024-05-02T09:00:00Z","@form":"Task",
                 "Subject":"Relancer","Categories":["Clients","Partenaires"],"Scores":[1,2.5],"_ViewIcon":168,
                 "DueDateTime":{"type":"datetime","data":"2024-05-02T11:00:00+02:00"},
                 "Reminders":[{"type":"datetime","data":"2024-05-03T08:00:00Z"},{"type":"datetime","data":"2024-05-04T08:00:00Z"}],
                 "Holidays":{"type":"datetime","data":["2024-05-08","2024-05-09"]},
                 "Body":{"type":"multipart","content":[
                   {"contentType":"multipart/alternative; boundary=\"b1\""},
                   {"contentType":"text/html; charset=UTF-8","contentTransferEncoding":"quoted-printable",
                    "data":"<html><head><style>p{}</style></head><body><p>Caf=C3=A9 &amp; th=C3=\r\n=A9</p>\r\n<p>Ligne 2</p></body></html>"}]},
                 "Note":{"type":"multipart","content":[
                   {"contentType":"text/plain; charset=ISO-8859-1","contentTransferEncoding":"base64","data":"{{latin1Plain}}"},
                   {"contentType":"text/html","data":"<p>ignored</p>"}]},
                 "Old":{"type":"richtext","contentType":"text/html","data":"<div>Hello<br>World</div>"},
                 "Empty":[],
                 "Confidential":"1","$PublicAccess":"1"}
                """);
            response.Content.Headers.TryAddWithoutValidation("Last-Modified", "Thu, 02 May 2024 09:00:00 GMT");
            return response;
        });

        var doc = (await Mailbox(domino).GetDocumentAsync("AAA", Ct)).Value!;

        Assert.Equal((new DateTimeOffset(2024, 5, 2, 9, 0, 0, TimeSpan.Zero), "Thu, 02 May 2024 09:00:00 GMT", true),
            (doc.Modified, doc.LastModified, doc.IsPrivate));
        Assert.Equal(["Clients", "Partenaires"], doc.Items["Categories"].Values);
        Assert.Equal(NotesItemKind.Number, doc.Items["Scores"].Kind);
        Assert.Equal(["1", "2.5"], doc.Items["Scores"].Values);
        Assert.Equal((NotesItemKind.DateTime, "2024-05-02T09:00:00Z"), (doc.Items["DueDateTime"].Kind, doc.Items["DueDateTime"].First));
        Assert.Equal(["2024-05-03T08:00:00Z", "2024-05-04T08:00:00Z"], doc.Items["Reminders"].Values);
        Assert.Equal(NotesItemKind.Date, doc.Items["Holidays"].Kind);
        Assert.Equal(["2024-05-08", "2024-05-09"], doc.Items["Holidays"].Values);
        Assert.Equal("Café & thé\nLigne 2", doc.Items["Body"].First);
        Assert.Equal("Müller, bitte zurückrufen", doc.Items["Note"].First);
        Assert.Equal("Hello\nWorld", doc.Items["Old"].First);
        Assert.False(doc.Items.ContainsKey("Empty"));
    }

    [Fact]
    public async Task An_update_sends_last_modified_back_byte_for_byte_with_typed_dates_and_without_the_items_das_ignores()
    {
        var domino = new CannedDomino((_, _) => new HttpResponseMessage(HttpStatusCode.OK));

        await Mailbox(domino).UpdateDocumentAsync("AAA", new Dictionary<string, NotesItem>
        {
            ["Subject"] = NotesItem.Text("Müller"),
            ["DueDateTime"] = NotesItem.DateTime(new DateTimeOffset(2024, 5, 2, 19, 0, 0, TimeSpan.FromHours(2))),
            ["Importance"] = new(NotesItemKind.Number, ["1"]),
            ["Form"] = NotesItem.Text("Memo"),
            ["$PublicAccess"] = NotesItem.Text("1"),
        }, "Thu, 2 May 2024 09:00:00 GMT", "Task", Ct);

        var (request, body) = Assert.Single(domino.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("PATCH", request.Headers.NonValidated["X-HTTP-Method-Override"].ToString());
        Assert.Equal("Thu, 2 May 2024 09:00:00 GMT", request.Headers.NonValidated["If-Unmodified-Since"].ToString());
        Assert.Equal("""{"Subject":"M\u00FCller","DueDateTime":{"type":"datetime","data":"2024-05-02T17:00:00Z"},"Importance":1}""", body);
    }

    [Fact]
    public async Task An_update_computes_with_the_documents_form_named_never_with_computewithform_alone()
    {
        // IBM's data.yaml, computewithform: "You must identify the form."
        var domino = new CannedDomino((_, _) => new HttpResponseMessage(HttpStatusCode.OK));
        var mailbox = Mailbox(domino);
        var items = new Dictionary<string, NotesItem> { ["Subject"] = NotesItem.Text("y") };

        await mailbox.UpdateDocumentAsync("AAA", items, null, "Person", Ct);
        await mailbox.UpdateDocumentAsync("BBB", items, null, "Task", Ct);

        var updates = domino.Requests.Select(r => r.Request.RequestUri!.PathAndQuery).ToList();
        Assert.Equal([
            "/mail/jdoe.nsf/api/data/documents/unid/AAA?form=Person&computewithform=true",
            "/mail/jdoe.nsf/api/data/documents/unid/BBB?form=Task&computewithform=true",
        ], updates);
    }

    [Fact]
    public async Task A_delete_refused_because_another_user_modified_the_document_answers_changed_meanwhile()
    {
        var domino = new CannedDomino((_, _) => Json(
            """{"code":409,"text":"Conflict","message":"Document is not deleted because another user modified it."}""", HttpStatusCode.Conflict));

        var outcome = await Mailbox(domino).DeleteDocumentAsync("AAA", "Thu, 02 May 2024 09:00:00 GMT", Ct);

        Assert.Equal(NotesWriteOutcome.ChangedMeanwhile, outcome.Value);
    }

    [Fact]
    public async Task A_zone_the_system_does_not_know_is_read_with_the_rules_of_the_answers_timezones_block()
    {
        const string zone = """
            "timezones":[{"tzid":"Notes Paris (custom)",
              "standard":{"start":{"date":"1970-10-25","time":"03:00:00"},"offsetFrom":"+0200","offsetTo":"+0100","recurrenceRule":"FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"},
              "daylight":{"start":{"date":"1970-03-29","time":"02:00:00"},"offsetFrom":"+0100","offsetTo":"+0200","recurrenceRule":"FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"}}]
            """;
        var domino = new CannedDomino((request, _) =>
        {
            var day = request.RequestUri!.AbsolutePath.EndsWith("summer", StringComparison.Ordinal) ? "2024-07-01" : "2024-01-15";
            return Json("{" + zone + """
                ,"events":[{"id":"E1","summary":"Réunion",
                  "start":{"date":"DAY","time":"10:00:00","tzid":"Notes Paris (custom)"},
                  "end":{"date":"DAY","time":"11:00:00","tzid":"Notes Paris (custom)"},
                  "last-modified":"20240502T090000Z","sequence":2,
                  "alarm":{"action":"display","trigger":{"duration":"-PT1H"}}}]}
                """.Replace("DAY", day, StringComparison.Ordinal));
        });

        var summer = (await Mailbox(domino).GetEventAsync("summer", null, Ct)).Value!;
        var winter = (await Mailbox(domino).GetEventAsync("winter", null, Ct)).Value!;

        Assert.Equal(new DateTimeOffset(2024, 7, 1, 8, 0, 0, TimeSpan.Zero), summer.Start.Instant);
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 9, 0, 0, TimeSpan.Zero), winter.Start.Instant);
        Assert.Equal((new DateTimeOffset(2024, 5, 2, 9, 0, 0, TimeSpan.Zero), 2, 60), (summer.LastModified, summer.Sequence, summer.ReminderMinutesBefore));
    }

    [Fact]
    public async Task Notices_in_the_event_list_are_skipped_but_still_count_as_rows_of_the_page()
    {
        var entries = string.Join(',', Enumerable.Range(0, 100).Select(i => i == 7
            ? """{"id":"N1","summary":"Invitation","start":{"date":"2024-05-06","time":"09:00:00","utc":true},"x-lotus-noticetype":{"data":"I"}}"""
            : """{"id":"E#","summary":"Rendez-vous","start":{"date":"2024-05-06","time":"10:00:00","utc":true},"end":{"date":"2024-05-06","time":"11:00:00","utc":true}}"""
                .Replace("#", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        var domino = new CannedDomino((request, _) => request.RequestUri!.Query.Contains("start=0&", StringComparison.Ordinal)
            ? Json($$"""{"events":[{{entries}}]}""")
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) });

        var events = (await Mailbox(domino).ListEventsAsync(
            new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), Ct)).Value;

        Assert.Equal(99, events.Count);
        Assert.Equal(2, domino.Requests.Count);
        Assert.Contains("start=100&count=100", domino.Requests[1].Request.RequestUri!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_update_puts_back_what_the_port_does_not_carry_in_the_events_own_zone_without_an_unchanged_description()
    {
        var domino = new CannedDomino((request, _) => request.Method == HttpMethod.Get
            ? Json("""
                {"timezones":[{"tzid":"Romance Standard Time",
                   "standard":{"start":{"date":"2024-10-27","time":"03:00:00"},"offsetFrom":"+0200","offsetTo":"+0100","recurrenceRule":"FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"},
                   "daylight":{"start":{"date":"2024-03-31","time":"02:00:00"},"offsetFrom":"+0100","offsetTo":"+0200","recurrenceRule":"FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"}}],
                 "events":[{"href":"/mail/jdoe.nsf/api/calendar/events/S1","id":"S1","summary":"Point hebdo","description":"Suivi",
                   "start":{"date":"2024-05-06","time":"10:00:00","tzid":"Romance Standard Time"},
                   "end":{"date":"2024-05-06","time":"10:30:00","tzid":"Romance Standard Time"},
                   "class":"public","transparency":"transparent","sequence":3,"last-modified":"20240502T090000Z",
                   "recurrenceRule":"FREQ=WEEKLY;COUNT=8","categories":["Interne"],
                   "organizer":{"displayName":"Jane Doe/Acme","email":"jdoe@acme.com"},
                   "attendees":[{"role":"chair","status":"accepted","rsvp":false,"displayName":"Jane Doe/Acme","email":"jdoe@acme.com"},
                                {"role":"req-participant","status":"accepted","rsvp":true,"displayName":"Salle Écluse","userType":"room"}],
                   "x-lotus-appttype":{"data":"3"}}]}
                """)
            : new HttpResponseMessage(HttpStatusCode.OK));
        var mailbox = Mailbox(domino);
        var read = (await mailbox.GetEventAsync("S1", null, Ct)).Value!;

        var outcome = await mailbox.UpdateEventAsync(read with { Summary = "Point hebdo – comptes clés" }, notifyAttendees: false, Ct);

        Assert.Equal(NotesWriteOutcome.Done, outcome.Value);
        var (put, body) = domino.Requests[^1];
        Assert.Equal((HttpMethod.Put, "?strictsequence=true&workflow=false"), (put.Method, put.RequestUri!.Query));
        using var json = JsonDocument.Parse(body);
        var sent = json.RootElement.GetProperty("events")[0];
        Assert.Equal("Romance Standard Time", json.RootElement.GetProperty("timezones")[0].GetProperty("tzid").GetString());
        Assert.Equal(("10:00:00", "Romance Standard Time"), (sent.GetProperty("start").GetProperty("time").GetString(), sent.GetProperty("start").GetProperty("tzid").GetString()));
        Assert.Equal(("FREQ=WEEKLY;COUNT=8", "transparent", 3), (sent.GetProperty("recurrenceRule").GetString(), sent.GetProperty("transparency").GetString(), sent.GetProperty("sequence").GetInt32()));
        Assert.Equal("Point hebdo – comptes clés", sent.GetProperty("summary").GetString());
        Assert.Equal(2, sent.GetProperty("attendees").GetArrayLength());
        Assert.True(sent.TryGetProperty("organizer", out _));
        Assert.False(sent.TryGetProperty("description", out _));
        Assert.False(sent.TryGetProperty("href", out _));
        Assert.False(sent.TryGetProperty("last-modified", out _));
    }
}
