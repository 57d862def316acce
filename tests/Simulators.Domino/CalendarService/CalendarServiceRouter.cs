using System.Globalization;
using NotesSync.Simulators.Domino.Calendar;
using NotesSync.Simulators.Domino.Http;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.CalendarService;

/// <summary>
/// Routes <c>/{mail}.nsf/api/calendar/…</c>. The calendar service ignores the data service's database and view
/// switches: only the server's "Calendar" service and the mail file's ACL govern it.
/// </summary>
internal sealed class CalendarServiceRouter(DominoState state)
{
    private readonly EventResources _events = new(state);

    public DasResponse Handle(DasRequest req, NotesDatabase? db)
    {
        if (db is null) return DasResponse.Error(404, "No database context.");
        var rest = req.Segments.Skip(2).ToArray();
        var calendarHref = $"{req.DatabasePrefix}/api/calendar";
        if (rest.Length == 0) return req.Method == "GET" ? Links(calendarHref) : DasResponse.Empty(405);

        return rest[0].ToLowerInvariant() switch
        {
            "events" => _events.Handle(req, db, rest[1..], $"{calendarHref}/events"),
            "invitations" when rest.Length == 1 && req.Method == "GET" => Invitations(db, calendarHref),
            "notices" when rest.Length >= 2 => _events.Notice(req, db, rest[1], rest[2..], $"{calendarHref}/notices"),
            _ => DasResponse.Error(404, "Resource not found"),
        };
    }

    private static DasResponse Links(string calendarHref) =>
        DasResponse.Json(DasJson.Object(w =>
        {
            w.WriteStartArray("links");
            foreach (var rel in new[] { "events", "invitations" })
            {
                w.WriteStartObject();
                w.WriteString("rel", rel);
                w.WriteString("href", $"{calendarHref}/{rel}");
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }, compact: true, asciiOnly: true));

    private static DasResponse Invitations(NotesDatabase db, string calendarHref)
    {
        var notices = db.Documents.Values.Where(d => d.Calendar?.NoticeType == "I").ToList();
        if (notices.Count == 0) return DasResponse.Empty(200);
        return DasResponse.Json(DasJson.Object(w =>
        {
            w.WriteStartArray("notices");
            foreach (var doc in notices)
            {
                w.WriteStartObject();
                w.WriteString("summary", doc.Text("Subject"));
                w.WriteString("scheduleMethod", doc.Calendar!.ScheduleMethod);
                w.WriteString("href", $"{calendarHref}/notices/{doc.Unid}");
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }, compact: true, asciiOnly: true));
    }

    public static string EscapeId(string id) => Uri.EscapeDataString(id);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
