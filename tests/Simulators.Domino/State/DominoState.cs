using System.Globalization;
using NotesSync.Simulators.Domino.Calendar;
using NotesSync.Simulators.Domino.Notes;

namespace NotesSync.Simulators.Domino.State;

/// <summary>
/// Everything the simulated Domino server holds. Every public member is thread-safe: the HTTP handlers and
/// the tests share one lock, so a test can seed or inspect while requests are in flight.
/// </summary>
public sealed class DominoState
{
    public const string DirectoryPath = "names.nsf";

    private readonly Dictionary<string, NotesDatabase> _databases = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<NotesUser> _users = [];
    private readonly List<SentNotice> _sentNotices = [];
    private readonly Random _ids;
    private ServerSettings _server = new();

    public DominoState(TimeProvider clock, int seed = 1, bool mailFilesAllowDas = true)
    {
        Clock = clock;
        _ids = new Random(seed);
        MailFilesAllowDas = mailFilesAllowDas;
        var names = DirectoryTemplate.Create(this);
        _databases.Add(names.FilePath, names);
    }

    public TimeProvider Clock { get; }

    /// <summary>Whether new mail files come with "Views and documents" and their views enabled (an admin already did the work).</summary>
    public bool MailFilesAllowDas { get; }

    internal object Gate { get; } = new();

    public ServerSettings Server
    {
        get
        {
            lock (Gate) return _server with { };
        }
    }

    public void ConfigureServer(Action<ServerSettings> change)
    {
        lock (Gate)
        {
            var copy = _server with { };
            change(copy);
            _server = copy;
        }
    }

    internal ServerSettings ServerUnlocked => _server;

    public IReadOnlyList<NotesUser> Users
    {
        get
        {
            lock (Gate) return [.. _users];
        }
    }

    public IReadOnlyList<string> DatabasePaths
    {
        get
        {
            lock (Gate) return [.. _databases.Keys];
        }
    }

    public IReadOnlyList<SentNotice> SentNotices
    {
        get
        {
            lock (Gate) return [.. _sentNotices];
        }
    }

    public NotesUser? FindUser(string name)
    {
        lock (Gate) return FindUserUnlocked(name);
    }

    internal NotesUser? FindUserUnlocked(string name) => _users.FirstOrDefault(u => u.IsKnownAs(name));

    internal IEnumerable<NotesUser> UsersUnlocked => _users;

    internal IEnumerable<NotesDatabase> DatabasesUnlocked => _databases.Values;

    internal NotesDatabase? FindDatabaseUnlocked(string path) =>
        _databases.TryGetValue(NotesDatabase.NormalizePath(path), out var db) ? db : null;

    internal void RecordNotice(SentNotice notice) => _sentNotices.Add(notice);

    /// <summary>Registers a person: a Person document in names.nsf and, when their mail server is this one, a mail file.</summary>
    public NotesUser AddUser(NotesUserSpec spec)
    {
        lock (Gate)
        {
            var words = spec.CommonName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var shortName = spec.ShortName ?? AsciiName(words.Length > 1 ? words[0][..1] + words[^1] : words[0]);
            var mailFile = NotesDatabase.NormalizePath(spec.MailFilePath ?? $"mail/{shortName}.nsf");
            var user = new NotesUser(spec.CommonName, spec.Organization, shortName,
                spec.InternetAddress ?? $"{shortName}@{spec.Organization.ToLowerInvariant()}.com",
                spec.Password, mailFile, spec.MailServer ?? _server.ServerName);
            if (FindUserUnlocked(user.CanonicalName) is not null)
                throw new InvalidOperationException($"{user.CanonicalName} is already registered.");
            _users.Add(user);

            var personMailFile = spec.PersonMailFileItem
                ?? mailFile[..^".nsf".Length].Replace('/', '\\');
            DirectoryTemplate.AddPerson(this, _databases[DirectoryPath], user, personMailFile);

            var isHere = string.Equals(user.MailServer, _server.ServerName, StringComparison.OrdinalIgnoreCase);
            if (isHere && !_databases.ContainsKey(mailFile))
                _databases.Add(mailFile, MailFileTemplate.Create(this, user));
            return user;
        }
    }

    /// <summary>Domino's registration derives short names and addresses in plain ASCII (Zoë Ångström → zangstrom).</summary>
    private static string AsciiName(string name)
    {
        var folded = name.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => char.IsAsciiLetterOrDigit(c))
            .ToArray();
        return new string(folded).ToLowerInvariant();
    }

    public void ChangePassword(string userName, string newPassword)
    {
        lock (Gate)
        {
            var user = FindUserUnlocked(userName) ?? throw new InvalidOperationException($"No user {userName}.");
            user.Password = newPassword;
        }
    }

    /// <summary>The database property "Allow Domino Data Service" (Never / Views only / Views and documents).</summary>
    public void SetDatabaseAccess(string path, DataServiceAccess access) =>
        WithDatabase(path, db => db.Access = access);

    /// <summary>The view property "Allow Domino Data Service operations".</summary>
    public void SetViewAccess(string path, string viewName, bool allowed) =>
        WithDatabase(path, db =>
        {
            var view = db.FindView(viewName) ?? throw new InvalidOperationException($"No view {viewName} in {path}.");
            view.AllowsDataService = allowed;
        });

    public void SetFullTextIndexed(string path, bool indexed) => WithDatabase(path, db => db.FullTextIndexed = indexed);

    public DataServiceAccess GetDatabaseAccess(string path)
    {
        lock (Gate) return Database(path).Access;
    }

    public bool GetViewAccess(string path, string viewName)
    {
        lock (Gate) return Database(path).FindView(viewName)?.AllowsDataService ?? false;
    }

    public string AddContact(string mailFile, ContactSpec contact)
    {
        lock (Gate)
        {
            var doc = NewDocument(Database(mailFile), contact.Modified);
            MailFileTemplate.WriteContact(doc, contact);
            return doc.Unid;
        }
    }

    /// <summary>A personal group: it is listed in ($Contacts) beside Person documents, as in a real mail file.</summary>
    public string AddGroup(string mailFile, string listName, IReadOnlyList<string> members)
    {
        lock (Gate)
        {
            var doc = NewDocument(Database(mailFile), null);
            doc.SetText("Form", "Group");
            doc.SetText("Type", "Group");
            doc.SetText("ListName", listName);
            doc.Set(NotesItem.Text("Members", [.. members]));
            return doc.Unid;
        }
    }

    public string AddTodo(string mailFile, TodoSpec todo)
    {
        lock (Gate)
        {
            var doc = NewDocument(Database(mailFile), todo.Modified);
            MailFileTemplate.WriteTodo(doc, todo);
            return doc.Unid;
        }
    }

    /// <summary>Adds a calendar entry as if made in the Notes client; its id is <c>{UNID}-Lotus_Notes_Generated</c> unless given.</summary>
    public EventSnapshot AddEvent(string mailFile, EventData data, string? eventId = null, DateTimeOffset? modified = null)
    {
        lock (Gate)
        {
            var db = Database(mailFile);
            var doc = NewDocument(db, modified);
            doc.Calendar = new CalendarEntry(eventId ?? doc.Unid + Appointment.NotesGeneratedSuffix);
            Appointment.Write(doc, data, _server.TimeZoneId);
            return EventSnapshotOf(doc);
        }
    }

    /// <summary>An invitation received from someone else and not yet processed: listed with x-lotus-noticetype "I".</summary>
    public EventSnapshot AddInvitation(string mailFile, EventData data, DateTimeOffset? modified = null)
    {
        lock (Gate)
        {
            var doc = NewDocument(Database(mailFile), modified);
            doc.Calendar = new CalendarEntry(doc.Unid + Appointment.NotesGeneratedSuffix) { NoticeType = "I", OwnerStatus = "needs-action" };
            Appointment.Write(doc, data, _server.TimeZoneId);
            doc.SetText("Form", "Notice");
            doc.SetText("NoticeType", "I");
            return EventSnapshotOf(doc);
        }
    }

    /// <summary>Any document, items as given (the Form item included).</summary>
    public string AddDocument(string path, IEnumerable<NotesItem> items, DateTimeOffset? modified = null)
    {
        lock (Gate)
        {
            var doc = NewDocument(Database(path), modified);
            foreach (var item in items) doc.Set(item);
            return doc.Unid;
        }
    }

    public DocumentSnapshot? GetDocument(string path, string unid)
    {
        lock (Gate) return Database(path).FindDocument(unid)?.Snapshot();
    }

    public IReadOnlyList<DocumentSnapshot> GetDocuments(string path, string? form = null)
    {
        lock (Gate)
        {
            return [.. Database(path).Documents.Values
                .Where(d => form is null || string.Equals(d.Form, form, StringComparison.OrdinalIgnoreCase))
                .Select(d => d.Snapshot())];
        }
    }

    /// <summary>An edit made in the Notes client: replaces the items and moves the modification time on.</summary>
    public void UpdateItems(string path, string unid, params NotesItem[] items)
    {
        lock (Gate)
        {
            var doc = Database(path).FindDocument(unid) ?? throw new InvalidOperationException($"No document {unid} in {path}.");
            foreach (var item in items) doc.Set(item);
            Touch(doc, null);
        }
    }

    /// <summary>A deletion made in the Notes client. DAS reports no deletions: the document just disappears.</summary>
    public bool DeleteDocument(string path, string unid)
    {
        lock (Gate) return Database(path).Documents.Remove(unid);
    }

    /// <summary>An edit of a calendar entry made in the Notes client (the whole series when it is one).</summary>
    public EventSnapshot UpdateEvent(string mailFile, string eventId, Func<EventData, EventData> change)
    {
        lock (Gate)
        {
            var doc = FindEventUnlocked(Database(mailFile), eventId) ?? throw new InvalidOperationException($"No event {eventId} in {mailFile}.");
            Appointment.Write(doc, change(Appointment.Read(doc)), _server.TimeZoneId);
            Touch(doc, null);
            return EventSnapshotOf(doc);
        }
    }

    /// <summary>One instance of a series moved in the Notes client: the series document changes, the instance keeps its id.</summary>
    public void MoveInstance(string mailFile, string eventId, string recurrenceId, DateTimeOffset start, DateTimeOffset end)
    {
        lock (Gate)
        {
            var doc = FindEventUnlocked(Database(mailFile), eventId) ?? throw new InvalidOperationException($"No event {eventId} in {mailFile}.");
            doc.Calendar!.Overrides[recurrenceId] = new InstanceOverride(null, null, start, end);
            Touch(doc, null);
        }
    }

    /// <summary>One instance of a series deleted in the Notes client: the rest of the series stays.</summary>
    public void DeleteInstance(string mailFile, string eventId, string recurrenceId)
    {
        lock (Gate)
        {
            var doc = FindEventUnlocked(Database(mailFile), eventId) ?? throw new InvalidOperationException($"No event {eventId} in {mailFile}.");
            if (!DasFormats.TryParseICalBasic(recurrenceId, out var original)) throw new ArgumentException($"Not a recurrence id: {recurrenceId}", nameof(recurrenceId));
            doc.Calendar!.ExceptDates.Add(original);
            Touch(doc, null);
        }
    }

    public EventSnapshot? GetEvent(string mailFile, string eventId)
    {
        lock (Gate)
        {
            var doc = FindEventUnlocked(Database(mailFile), eventId);
            return doc is null ? null : EventSnapshotOf(doc);
        }
    }

    public IReadOnlyList<EventSnapshot> GetEvents(string mailFile)
    {
        lock (Gate) return [.. Database(mailFile).Documents.Values.Where(d => d.Calendar is not null).Select(EventSnapshotOf)];
    }

    internal static NotesDocument? FindEventUnlocked(NotesDatabase db, string eventId) =>
        db.Documents.Values.FirstOrDefault(d => d.Calendar is { } c && string.Equals(c.EventId, eventId, StringComparison.Ordinal));

    internal static EventSnapshot EventSnapshotOf(NotesDocument doc) =>
        new(doc.Unid, doc.Calendar!.EventId, Appointment.Read(doc), doc.Modified, doc.Calendar.Cancelled, doc.Calendar.OwnerStatus, doc.Calendar.NoticeType);

    internal NotesDocument NewDocument(NotesDatabase db, DateTimeOffset? modified)
    {
        var when = modified is { } m ? ToHundredths(m) : NextModificationTime(null);
        var doc = db.CreateDocument(NewUnid(), when);
        doc.Modified = when;
        return doc;
    }

    /// <summary>
    /// Records a save: Notes keeps modification times to 1/100 s, and a later save of the same document is
    /// always later, even within one tick of the clock.
    /// </summary>
    internal void Touch(NotesDocument doc, NotesUser? by)
    {
        doc.Modified = NextModificationTime(doc.Modified);
        if (by is not null) doc.MarkUpdatedBy(by.CanonicalName);
    }

    private DateTimeOffset NextModificationTime(DateTimeOffset? previous)
    {
        var hundredths = ToHundredths(Clock.GetUtcNow());
        return previous is { } p && hundredths <= p ? p.AddMilliseconds(10) : hundredths;
    }

    private static DateTimeOffset ToHundredths(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % (TimeSpan.TicksPerMillisecond * 10), TimeSpan.Zero);
    }

    internal string NewUnid()
    {
        Span<byte> bytes = stackalloc byte[16];
#pragma warning disable CA5394 // Deterministic ids make a failing test repeatable; nothing here is a secret.
        _ids.NextBytes(bytes);
#pragma warning restore CA5394
        return Convert.ToHexString(bytes);
    }

    internal string NewReplicaId()
    {
        Span<byte> bytes = stackalloc byte[8];
#pragma warning disable CA5394 // See NewUnid.
        _ids.NextBytes(bytes);
#pragma warning restore CA5394
        return Convert.ToHexString(bytes);
    }

    internal NotesDatabase Database(string path) =>
        FindDatabaseUnlocked(path) ?? throw new InvalidOperationException(
            string.Create(CultureInfo.InvariantCulture, $"No database {path} on this server."));

    private void WithDatabase(string path, Action<NotesDatabase> change)
    {
        lock (Gate) change(Database(path));
    }
}
