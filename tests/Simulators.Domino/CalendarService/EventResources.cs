using System.Globalization;
using NotesSync.Simulators.Domino.Calendar;
using NotesSync.Simulators.Domino.Http;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.CalendarService;

/// <summary>Events: the time-window list, create, read, replace, delete, instances, actions, notices.</summary>
internal sealed class EventResources(DominoState state)
{
    private const int DefaultCount = 50;
    private const int ReadError = 7;
    private const int NewerVersionExists = 3;
    private const int EntryExists = 8;
    private const int PersonalChanges = 6;

    public DasResponse Handle(DasRequest req, NotesDatabase db, string[] rest, string eventsHref)
    {
        if (rest.Length == 0)
        {
            return req.Method switch
            {
                "GET" => List(req, db, eventsHref),
                "POST" => Create(req, db, eventsHref),
                _ => DasResponse.Empty(405),
            };
        }

        var doc = SchedulingFind(db, rest[0]);
        if (doc is null) return DasResponse.CalendarError(404, ReadError, "Error reading event", $"Event {rest[0]} not found");
        var href = $"{eventsHref}/{CalendarServiceRouter.EscapeId(doc.Calendar!.EventId)}";

        if (rest.Length == 1)
        {
            return req.Method switch
            {
                "GET" => Read(doc, href, null),
                "PUT" => Replace(req, db, doc, href),
                "DELETE" => Delete(req, db, doc),
                _ => DasResponse.Empty(405),
            };
        }

        var second = rest[1];
        if (second.Equals("instances", StringComparison.OrdinalIgnoreCase) && req.Method == "GET") return Instances(doc, href);
        if (second.Equals("action", StringComparison.OrdinalIgnoreCase) && req.Method == "PUT") return Action(req, db, doc, null);
        if (second.Equals("notices", StringComparison.OrdinalIgnoreCase) && req.Method == "GET") return DasResponse.Empty(200);

        var instance = Recurrence.Expand(Appointment.Read(doc), doc.Calendar).FirstOrDefault(i => i.RecurrenceId == second);
        if (instance is null) return DasResponse.CalendarError(404, ReadError, "Error reading event", $"Instance {second} not found");
        if (rest.Length == 3 && rest[2].Equals("action", StringComparison.OrdinalIgnoreCase) && req.Method == "PUT")
            return Action(req, db, doc, instance);
        if (rest.Length != 2) return DasResponse.Error(404, "Resource not found");
        return req.Method switch
        {
            "GET" => Read(doc, href, instance),
            "PUT" => ReplaceInstance(req, doc, href, instance),
            "DELETE" => DeleteInstances(req, db, doc, instance),
            _ => DasResponse.Empty(405),
        };
    }

    /// <summary>
    /// Events whose instance starts in [since, before): defaults now…+365 d. Declined and cancelled meetings
    /// never appear; unprocessed invitations do, flagged with x-lotus-noticetype. Tasks are not events.
    /// </summary>
    private DasResponse List(DasRequest req, NotesDatabase db, string eventsHref)
    {
        if (!req.TryInt("start", 0, out var start, out var error)) return error!;
        var countText = req.Query("count");
        var count = DefaultCount;
        if (countText is not null && (!int.TryParse(countText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count) || count < 1 || count > 100))
            return DasResponse.Error(400, $"Invalid count parameter: {countText}.  It must be greater than 0 and less than 101.");
        if (!Window(req, out var since, out var before, out error)) return error!;

        IReadOnlySet<string>? fields = null;
        if (req.Query("fields") is { Length: > 0 } fieldList)
            fields = new HashSet<string>(fieldList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase);

        var instances = db.Documents.Values
            .Where(d => d.Calendar is { Cancelled: false } c && c.OwnerStatus is not ("declined" or "delegated"))
            .SelectMany(d =>
            {
                var data = Appointment.Read(d);
                return Recurrence.Expand(data, d.Calendar!).Select(i => (Doc: d, Data: data, Instance: i));
            })
            .Where(x => x.Instance.Start.Utc >= since && x.Instance.Start.Utc < before)
            .OrderBy(x => x.Instance.Start.Utc).ThenBy(x => x.Doc.NoteId)
            .Skip(start).Take(count).ToList();

        // No events: 200 with an empty body and no Content-Type, which a JSON parser must not be handed.
        if (instances.Count == 0) return DasResponse.Empty(200);
        var body = DasJson.Object(w =>
        {
            w.WriteStartArray("events");
            foreach (var (doc, data, instance) in instances)
                EventJsonWriter.WriteSummary(w, $"{eventsHref}/{CalendarServiceRouter.EscapeId(doc.Calendar!.EventId)}", doc.Calendar, data, instance, fields);
            w.WriteEndArray();
        }, compact: true, asciiOnly: true);
        return DasResponse.Json(body).With("Content-Range", CalendarServiceRouter.Invariant($"items {start}-{start + instances.Count - 1}"));
    }

    private bool Window(DasRequest req, out DateTimeOffset since, out DateTimeOffset before, out DasResponse? error)
    {
        error = null;
        var now = state.Clock.GetUtcNow();
        since = now;
        before = now;
        var sinceText = req.Query("since");
        var beforeText = req.Query("before");
        var sinceNow = req.Query("sincenow");
        var days = req.Query("days");
        if (sinceText is not null && sinceNow is not null || beforeText is not null && days is not null)
        {
            error = DasResponse.Error(400, "Conflicting date range parameters.");
            return false;
        }

        DateTimeOffset? from = null, until = null;
        if (sinceText is not null)
        {
            if (!DasFormats.TryParseCalendarInstant(sinceText, out var s)) return Invalid("since", sinceText, out error);
            from = s;
        }
        if (sinceNow is not null)
        {
            if (!int.TryParse(sinceNow, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return Invalid("sincenow", sinceNow, out error);
            from = now.AddDays(n);
        }
        if (beforeText is not null)
        {
            if (!DasFormats.TryParseCalendarInstant(beforeText, out var b)) return Invalid("before", beforeText, out error);
            until = b;
        }
        if (days is not null)
        {
            if (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d <= 0) return Invalid("days", days, out error);
            until = (from ?? now).AddDays(d);
        }

        (since, before) = (from, until) switch
        {
            (null, null) => (now, now.AddDays(365)),
            ({ } f, null) => (f, f.AddDays(365)),
            (null, { } u) => (u.AddDays(-365), u),
            ({ } f, { } u) => (f, u),
        };
        if (before <= since)
        {
            error = DasResponse.Error(400, "The \"before\" date must be after the \"since\" date");
            return false;
        }
        return true;
    }

    private static bool Invalid(string name, string value, out DasResponse? error)
    {
        error = DasResponse.Error(400, $"Invalid {name} parameter: {value}");
        return false;
    }

    private DasResponse Create(DasRequest req, NotesDatabase db, string eventsHref)
    {
        if (!req.HasJsonBody) return DasResponse.Error(415, "Unsupported media type.");
        IncomingEvent incoming;
        try
        {
            incoming = EventJsonReader.Read(req.Body, state.ServerUnlocked.TimeZoneId);
        }
        catch (EventJsonReader.InvalidEventException e)
        {
            return DasResponse.CalendarError(400, e.StoreCode, "Error creating event", e.Message);
        }
        if (incoming.Id is { } id && MailFile.FindAny(db, id) is not null)
            return DasResponse.CalendarError(409, EntryExists, "Error creating event", $"An entry with UID {id} already exists");
        if (incoming.RecurrenceRule is { } rule && !Recurrence.IsSupported(rule))
            return DasResponse.CalendarError(400, 10, "Error creating event", $"Unsupported recurrence rule {rule}");

        var owner = MailFile.OwnerOf(state, db) ?? req.User!;
        var doc = state.NewDocument(db, null);
        doc.Calendar = new CalendarEntry(incoming.Id ?? doc.Unid + Appointment.NotesGeneratedSuffix);
        var data = Scheduling.Compose(incoming, owner, previous: null, literally: false, sequence: incoming.Sequence ?? 0);
        Appointment.Write(doc, data, state.ServerUnlocked.TimeZoneId);
        state.Touch(doc, req.User);
        if (Scheduling.WorkflowOn(req)) Scheduling.Notify(state, db, doc.Calendar, data, NoticeKind.Invitation, owner, req.Query("workflowcomment"));

        var href = $"{eventsHref}/{CalendarServiceRouter.EscapeId(doc.Calendar.EventId)}";
        return Read(doc, href, null, 201).With("Location", $"{req.AbsoluteBase}{href}");
    }

    private static DasResponse Read(NotesDocument doc, string href, EventInstance? instance, int status = 200)
    {
        if (doc.Calendar!.NoticeType is not null)
            return DasResponse.CalendarError(404, ReadError, "Error reading event", "The entry is a notice");
        var data = Appointment.Read(doc);
        return DasResponse.Json(DasJson.Write(w => EventJsonWriter.WriteFull(w, href, doc.Calendar, data, instance, doc.Modified),
            compact: true, asciiOnly: true), status);
    }

    /// <summary>
    /// PUT replaces the event: omitted members are gone afterwards, except the description (unless
    /// <c>literally=true</c>). <c>strictsequence=true</c> refuses a stale sequence with 409.
    /// </summary>
    private DasResponse Replace(DasRequest req, NotesDatabase db, NotesDocument doc, string href)
    {
        if (doc.Calendar!.NoticeType is not null)
            return DasResponse.CalendarError(404, ReadError, "Error reading event", "The entry is a notice");
        if (!req.HasJsonBody) return DasResponse.Error(415, "Unsupported media type.");
        IncomingEvent incoming;
        try
        {
            incoming = EventJsonReader.Read(req.Body, state.ServerUnlocked.TimeZoneId);
        }
        catch (EventJsonReader.InvalidEventException e)
        {
            return DasResponse.CalendarError(400, e.StoreCode, "Error updating event", e.Message);
        }
        var previous = Appointment.Read(doc);
        var owner = MailFile.OwnerOf(state, db) ?? req.User!;
        // A meeting someone else organised is theirs to change: its attendees' copies refuse it (store error 6).
        if (doc.Calendar.IsMeeting && !Scheduling.IsChair(doc.Calendar, owner))
            return DasResponse.CalendarError(409, PersonalChanges, "Error updating event", "Personal changes are not allowed on a meeting organised by someone else");
        if (req.QueryIsTrue("strictsequence") && (incoming.Sequence ?? -1) < previous.Sequence)
            return DasResponse.CalendarError(409, NewerVersionExists, "Error updating event", "A newer version of the event exists");

        // Inferred "smart sequence": every accepted update moves the sequence past both the stored and the sent one.
        var sequence = Math.Max(previous.Sequence + 1, incoming.Sequence ?? 0);
        var data = Scheduling.Compose(incoming, owner, previous, req.QueryIsTrue("literally"), sequence);
        var removed = previous.Attendees.Where(a => data.Attendees.All(n => !string.Equals(n.Email, a.Email, StringComparison.OrdinalIgnoreCase))).ToList();
        Appointment.Write(doc, data, state.ServerUnlocked.TimeZoneId);
        state.Touch(doc, req.User);
        if (Scheduling.WorkflowOn(req))
        {
            Scheduling.Notify(state, db, doc.Calendar, data, NoticeKind.Update, owner, req.Query("workflowcomment"));
            if (removed.Count > 0)
                Scheduling.Notify(state, db, doc.Calendar, data with { Attendees = removed }, NoticeKind.Cancellation, owner, req.Query("workflowcomment"));
        }
        return Read(doc, href, null);
    }

    private DasResponse ReplaceInstance(DasRequest req, NotesDocument doc, string href, EventInstance instance)
    {
        if (!req.HasJsonBody) return DasResponse.Error(415, "Unsupported media type.");
        IncomingEvent incoming;
        try
        {
            incoming = EventJsonReader.Read(req.Body, state.ServerUnlocked.TimeZoneId);
        }
        catch (EventJsonReader.InvalidEventException e)
        {
            return DasResponse.CalendarError(400, e.StoreCode, "Error updating event", e.Message);
        }
        doc.Calendar!.Overrides[instance.RecurrenceId!] = new InstanceOverride(incoming.Summary, incoming.Location, incoming.Start.Utc, incoming.End.Utc);
        state.Touch(doc, req.User);
        var updated = Recurrence.Expand(Appointment.Read(doc), doc.Calendar).First(i => i.RecurrenceId == instance.RecurrenceId);
        return Read(doc, href, updated);
    }

    /// <summary>DELETE /events/{id} removes every instance of a series, and cancels a meeting unless workflow=false.</summary>
    private DasResponse Delete(DasRequest req, NotesDatabase db, NotesDocument doc)
    {
        var data = Appointment.Read(doc);
        var owner = MailFile.OwnerOf(state, db) ?? req.User!;
        if (Scheduling.WorkflowOn(req) && Scheduling.IsChair(doc.Calendar!, owner))
            Scheduling.Notify(state, db, doc.Calendar!, data, NoticeKind.Cancellation, owner, req.Query("workflowcomment"));
        db.Documents.Remove(doc.Unid);
        return DasResponse.Empty(200);
    }

    private DasResponse DeleteInstances(DasRequest req, NotesDatabase db, NotesDocument doc, EventInstance instance)
    {
        var range = req.Query("recurrenceRange")?.ToLowerInvariant();
        if (range == "all") return Delete(req, db, doc);
        var all = Recurrence.Expand(Appointment.Read(doc), doc.Calendar!);
        var target = instance.Start.Utc;
        foreach (var i in all)
        {
            var hit = range switch
            {
                "future" => i.Start.Utc >= target,
                "previous" => i.Start.Utc <= target,
                _ => i.RecurrenceId == instance.RecurrenceId,
            };
            if (hit && DasFormats.TryParseICalBasic(i.RecurrenceId!, out var original)) doc.Calendar!.ExceptDates.Add(original);
        }
        state.Touch(doc, req.User);
        return DasResponse.Empty(200);
    }

    private static DasResponse Instances(NotesDocument doc, string href) =>
        DasResponse.Json(DasJson.Object(w =>
        {
            w.WriteStartArray("instances");
            foreach (var instance in Recurrence.Expand(Appointment.Read(doc), doc.Calendar!).Where(i => i.RecurrenceId is not null))
            {
                w.WriteStartObject();
                w.WriteString("recurrenceId", instance.RecurrenceId);
                w.WriteString("href", $"{href}/{instance.RecurrenceId}");
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }, compact: true, asciiOnly: true));

    private DasResponse Action(DasRequest req, NotesDatabase db, NotesDocument doc, EventInstance? instance)
    {
        if (req.Body.Length > 0 && !req.HasJsonBody) return DasResponse.Error(415, "Unsupported media type.");
        var type = req.Query("type");
        if (string.IsNullOrEmpty(type)) return DasResponse.Error(400, "Action type not specified.");
        var owner = MailFile.OwnerOf(state, db) ?? req.User!;
        var entry = doc.Calendar!;
        var data = Appointment.Read(doc);
        switch (type.ToLowerInvariant())
        {
            case "accept" or "tentative" or "decline" or "delegate":
                entry.OwnerStatus = type.ToLowerInvariant() switch { "accept" => "accepted", "decline" => "declined", "delegate" => "delegated", _ => "tentative" };
                entry.NoticeType = null;
                if (doc.Form == "Notice") doc.SetText("Form", Appointment.Form);
                doc.Remove("NoticeType");
                if (Scheduling.WorkflowOn(req) && entry.Organizer is { } organizer)
                    state.RecordNotice(new SentNotice(NoticeKind.Reply, db.FilePath, entry.EventId, data.Summary, owner.InternetAddress,
                        [organizer.Email], state.Clock.GetUtcNow(), entry.OwnerStatus));
                break;
            case "cancel":
                entry.Cancelled = true;
                if (Scheduling.WorkflowOn(req)) Scheduling.Notify(state, db, entry, data, NoticeKind.Cancellation, owner, null);
                break;
            case "delete":
                if (instance is not null && DasFormats.TryParseICalBasic(instance.RecurrenceId!, out var original)) entry.ExceptDates.Add(original);
                else db.Documents.Remove(doc.Unid);
                break;
            case "removecancelled":
                if (entry.Cancelled) db.Documents.Remove(doc.Unid);
                break;
            case "counter" or "requestinfo" or "processall":
                break;
            default:
                return DasResponse.Error(400, "Unknown action type.");
        }
        if (db.Documents.ContainsKey(doc.Unid)) state.Touch(doc, req.User);
        return DasResponse.Empty(200);
    }

    /// <summary>/notices/{unid}: an invitation read as a notice, and its actions.</summary>
    public DasResponse Notice(DasRequest req, NotesDatabase db, string unid, string[] rest, string noticesHref)
    {
        var doc = db.FindDocument(unid);
        if (doc?.Calendar is null) return DasResponse.CalendarError(404, ReadError, "Error reading notice", $"Notice {unid} not found");
        if (rest.Length == 1 && rest[0].Equals("action", StringComparison.OrdinalIgnoreCase) && req.Method == "PUT")
            return Action(req, db, doc, null);
        if (rest.Length != 0 || req.Method != "GET") return DasResponse.Empty(405);
        var data = Appointment.Read(doc);
        return DasResponse.Json(DasJson.Write(w => EventJsonWriter.WriteFull(w, $"{noticesHref}/{doc.Unid}", doc.Calendar, data, null, doc.Modified, doc.Calendar.ScheduleMethod),
            compact: true, asciiOnly: true));
    }

    /// <summary>Events by id; notices too, so that their GET can fail the way the real one does.</summary>
    private static NotesDocument? SchedulingFind(NotesDatabase db, string id) => MailFile.FindAny(db, id);
}
