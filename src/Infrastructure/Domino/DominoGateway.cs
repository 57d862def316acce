using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NotesSync.Application.Notes;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Infrastructure.Domino;

/// <summary>Connecting a user's Notes account: signing in, finding the mail file, and checking every DAS switch.</summary>
internal sealed class DominoGateway(DasClient das, IOptions<DominoOptions> options) : IDominoGateway
{
    // The messages DAS puts in its 403 bodies (das.md §1.1), which are how the levels are told apart.
    private const string DatabaseOff = "not enabled for this database";
    private const string DocumentsOff = "Cannot access resource";
    private const string ViewOff = "not enabled for this view";

    public Result<Uri> ParseServer(string serverName) => ServerAddress.Parse(serverName, options.Value);

    public async Task<Result<MailFileLocation>> FindMailFileAsync(
        NotesCredentials credentials, string? typedMailFile, CancellationToken ct)
    {
        var services = await ServicesAsync(credentials, ct);
        if (services.IsFailure) return services.Error!;
        if (!services.Value.Data) return NotesErrors.DasDisabled(DasCheckTarget.Server, "Data");

        var found = await DirectoryLookupAsync(credentials, ct) ?? await PersonDocumentAsync(credentials, ct);
        if (found is { IsFailure: true }) return found.Error!;

        var candidate = !string.IsNullOrWhiteSpace(typedMailFile) ? typedMailFile : found?.Value.MailFile;
        if (string.IsNullOrWhiteSpace(candidate)) return NotesErrors.MailFileNotFound;

        var mailFile = DasPaths.NormaliseMailFile(candidate);
        var read = await das.SendAsync(credentials, HttpMethod.Get, $"{DasPaths.Database(mailFile)}/api/data/collections", ct);
        if (read.IsFailure) return read.Error!;
        return Interpret(read.Value) switch
        {
            { } error when error.Code == NotesErrors.MailFileNotFound.Code && found?.Value.MailServer is { } elsewhere
                && string.IsNullOrWhiteSpace(typedMailFile) => NotesErrors.MailServerElsewhere(elsewhere),
            { } error => error,
            null => new MailFileLocation(mailFile),
        };
    }

    public async Task<Result<IReadOnlyList<DasCheck>>> DiagnoseAsync(
        NotesCredentials credentials, string mailFile, CancellationToken ct)
    {
        var services = await ServicesAsync(credentials, ct);
        if (services.IsFailure) return services.Error!;
        var checks = new List<DasCheck>
        {
            new(DasCheckTarget.Server, "Data", services.Value.Data, services.Value.Data ? null : "das-disabled-server"),
            new(DasCheckTarget.Server, "Calendar", services.Value.Calendar,
                services.Value.Calendar ? null : "das-disabled-server", SyncModule.Events),
        };
        if (!services.Value.Data) return checks;

        var database = DasPaths.Database(mailFile);
        var views = await das.SendAsync(credentials, HttpMethod.Get, $"{database}/api/data/collections", ct);
        if (views.IsFailure) return views.Error!;
        if (Interpret(views.Value) is { } databaseError)
        {
            if (!databaseError.Code.StartsWith("das-disabled", StringComparison.Ordinal)) return databaseError;
            checks.Add(new DasCheck(DasCheckTarget.Database, mailFile, false, databaseError.Code));
            return checks;
        }

        var firstDocument = default(string);
        foreach (var (view, module) in new[] { (DasPaths.ContactsView, SyncModule.Contacts), (DasPaths.ToDoView, SyncModule.Tasks) })
        {
            var entries = await das.SendAsync(credentials, HttpMethod.Get,
                $"{database}/api/data/collections/name/{DasPaths.Segment(view)}?count=1&systemcolumns=2", ct);
            if (entries.IsFailure) return entries.Error!;
            var error = Interpret(entries.Value);
            checks.Add(new DasCheck(DasCheckTarget.View, view, error is null,
                error?.Code == NotesErrors.MailFileNotFound.Code ? "view-not-found" : error?.Code, module));
            firstDocument ??= error is null ? FirstUnid(entries.Value) : null;
        }

        checks.Insert(2, await DocumentAccessAsync(credentials, mailFile, firstDocument, ct));
        return checks;
    }

    /// <summary>
    /// Only the mail file's list of views, read with these credentials, proves them: any other answer (DAS off, a
    /// missing file, a server error, a redirect to some login page) proves nothing, and the password is not stored.
    /// </summary>
    public async Task<Result> VerifyAsync(NotesCredentials credentials, string mailFile, CancellationToken ct)
    {
        var read = await das.SendAsync(credentials, HttpMethod.Get, $"{DasPaths.Database(mailFile)}/api/data/collections", ct);
        if (read.IsFailure) return read.Error!;
        if (Interpret(read.Value) is { Code: "invalid-credentials" }) return NotesErrors.InvalidCredentials;
        return read.Value.Status == HttpStatusCode.OK && read.Value.IsJson
            ? Result.Success()
            : NotesErrors.PasswordNotVerified((int)read.Value.Status);
    }

    /// <summary>
    /// "Views only" lets NotesSync read views but not documents: the database check passes only when a document
    /// of the mail file can be read too. With no document to try, the views' answer is all we know.
    /// </summary>
    private async Task<DasCheck> DocumentAccessAsync(NotesCredentials credentials, string mailFile, string? unid, CancellationToken ct)
    {
        if (unid is null) return new DasCheck(DasCheckTarget.Database, mailFile, true);
        var document = await das.SendAsync(credentials, HttpMethod.Get,
            $"{DasPaths.Database(mailFile)}/api/data/documents/unid/{DasPaths.Segment(unid)}?markread=false&fields=Form", ct);
        var error = document.IsFailure ? document.Error : Interpret(document.Value);
        return new DasCheck(DasCheckTarget.Database, mailFile, error is null, error?.Code);
    }

    private sealed record Services(bool Data, bool Calendar);

    /// <summary>
    /// <c>GET /api</c> lists the services and whether each is enabled. Servers whose DAS predates the list answer
    /// 404 there: then the data service's own 403 tells (das.md "Checked" 13).
    /// </summary>
    private async Task<Result<Services>> ServicesAsync(NotesCredentials credentials, CancellationToken ct)
    {
        var list = await das.SendAsync(credentials, HttpMethod.Get, "/api", ct);
        if (list.IsFailure) return list.Error!;
        if (list.Value.Status == HttpStatusCode.OK && list.Value.IsJson
            && list.Value.Json() is { ValueKind: JsonValueKind.Object } root
            && root.TryGetProperty("services", out var services) && services.ValueKind == JsonValueKind.Array)
        {
            bool Enabled(string name) => services.EnumerateArray().Any(s =>
                s.TryGetProperty("name", out var n) && string.Equals(n.GetString(), name, StringComparison.OrdinalIgnoreCase)
                && s.TryGetProperty("enabled", out var e) && e.ValueKind == JsonValueKind.True);

            // The list is public on some servers: only an authenticated call proves the password.
            var data = Enabled("data");
            if (data)
            {
                var probe = await das.SendAsync(credentials, HttpMethod.Get, "/api/data", ct);
                if (probe.IsFailure) return probe.Error!;
                if (Interpret(probe.Value) is { Code: "invalid-credentials" } refused) return refused;
            }

            return new Services(data, Enabled("calendar"));
        }

        if (Interpret(list.Value) is { Code: "invalid-credentials" } denied) return denied;
        var fallback = await das.SendAsync(credentials, HttpMethod.Get, "/api/data", ct);
        if (fallback.IsFailure) return fallback.Error!;
        return Interpret(fallback.Value) switch
        {
            { Code: "das-disabled-server" } => new Services(false, false),
            { } error => error,
            null => new Services(true, true),
        };
    }

    private sealed record PersonMail(string? MailFile, string? MailServer);

    /// <summary><c>/api/directory/lookup</c>: IBM's directory service, often absent; any failure means "try the next way".</summary>
    private async Task<Result<PersonMail>?> DirectoryLookupAsync(NotesCredentials credentials, CancellationToken ct)
    {
        var lookup = await das.SendAsync(credentials, HttpMethod.Get,
            $"/api/directory/lookup?names={DasPaths.Segment(credentials.UserName)}&exactmatches=true", ct);
        if (lookup.IsFailure) return lookup.Error!;
        if (lookup.Value.Status != HttpStatusCode.OK || !lookup.Value.IsJson) return null;
        return FindMailItems(lookup.Value.Json()) is { MailFile: not null } mail ? Result<PersonMail>.Success(mail) : null;
    }

    /// <summary>The Person document in names.nsf, through the <c>($Users)</c> view, when the admin allowed DAS there.</summary>
    private async Task<Result<PersonMail>?> PersonDocumentAsync(NotesCredentials credentials, CancellationToken ct)
    {
        var entries = await das.SendAsync(credentials, HttpMethod.Get,
            $"/{DasPaths.Directory}/api/data/collections/name/{DasPaths.Segment("($Users)")}" +
            $"?keys={DasPaths.Segment(credentials.UserName)}&keysexactmatch=true&systemcolumns=2&count=1", ct);
        if (entries.IsFailure) return entries.Error!;
        if (entries.Value.Status != HttpStatusCode.OK || FirstUnid(entries.Value) is not { } unid) return null;

        var person = await das.SendAsync(credentials, HttpMethod.Get,
            $"/{DasPaths.Directory}/api/data/documents/unid/{DasPaths.Segment(unid)}?markread=false&fields=MailFile,MailServer", ct);
        if (person.IsFailure) return person.Error!;
        if (person.Value.Status != HttpStatusCode.OK || !person.Value.IsJson) return null;
        return FindMailItems(person.Value.Json()) is { MailFile: not null } mail ? Result<PersonMail>.Success(mail) : null;
    }

    /// <summary>
    /// Reads <c>mailFile</c>/<c>MailFile</c> and <c>mailServer</c>/<c>MailServer</c> from a lookup answer or a Person
    /// document, wherever they sit in it: the directory answer's exact nesting is not documented (das.md cites
    /// IBM's directory.yaml only for the member names), so the reader is tolerant.
    /// </summary>
    private static PersonMail? FindMailItems(JsonElement element)
    {
        string? file = null, server = null;
        Walk(element);
        return file is null && server is null ? null : new PersonMail(file, server is null ? null : Abbreviate(server));

        void Walk(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Array) { foreach (var item in e.EnumerateArray()) Walk(item); return; }
            if (e.ValueKind != JsonValueKind.Object) return;
            foreach (var p in e.EnumerateObject())
            {
                if (p.Name.Equals("mailFile", StringComparison.OrdinalIgnoreCase)) file ??= Text(p.Value);
                else if (p.Name.Equals("mailServer", StringComparison.OrdinalIgnoreCase)) server ??= Text(p.Value);
                else Walk(p.Value);
            }
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
        JsonValueKind.Array => value.EnumerateArray().Select(Text).FirstOrDefault(s => s is not null),
        _ => null,
    };

    /// <summary>"CN=Mail2/OU=Paris/O=Acme" as Notes shows it to people: "Mail2/Paris/Acme".</summary>
    private static string Abbreviate(string canonical) =>
        string.Join('/', canonical.Split('/').Select(part => part.Contains('=', StringComparison.Ordinal) ? part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..] : part));

    private static string? FirstUnid(DasResponse response)
    {
        if (!response.IsJson || string.IsNullOrWhiteSpace(response.Body)) return null;
        return response.Json() is { ValueKind: JsonValueKind.Array } entries
            ? entries.EnumerateArray().Select(e => e.TryGetProperty("@unid", out var u) ? u.GetString() : null).FirstOrDefault(u => u is not null)
            : null;
    }

    /// <summary>What a DAS status means for the user (das.md §1.1, §5); null when the call succeeded.</summary>
    internal static Error? Interpret(DasResponse response)
    {
        if (response.IsLoginPage) return NotesErrors.InvalidCredentials;
        if ((int)response.Status is >= 200 and < 300) return null;

        var message = response.ErrorMessage() ?? "";
        return response.Status switch
        {
            HttpStatusCode.Unauthorized => NotesErrors.InvalidCredentials,
            HttpStatusCode.Forbidden when message.Contains(ViewOff, StringComparison.OrdinalIgnoreCase) => NotesErrors.DasDisabled(DasCheckTarget.View, ""),
            HttpStatusCode.Forbidden when message.Contains(DatabaseOff, StringComparison.OrdinalIgnoreCase)
                || message.Contains(DocumentsOff, StringComparison.OrdinalIgnoreCase) => NotesErrors.DasDisabled(DasCheckTarget.Database, ""),
            HttpStatusCode.Forbidden => NotesErrors.DasDisabled(DasCheckTarget.Server, ""),
            HttpStatusCode.NotFound => NotesErrors.MailFileNotFound,
            HttpStatusCode.RequestTimeout or HttpStatusCode.GatewayTimeout => NotesErrors.Timeout,
            _ => new Error("notes-error", $"Domino answered {(int)response.Status} {message}".Trim(), ErrorKind.Unprocessable),
        };
    }
}
