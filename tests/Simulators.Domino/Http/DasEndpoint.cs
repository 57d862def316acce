using System.Diagnostics;
using System.Security.Cryptography;
using NotesSync.ReferenceCheck;
using NotesSync.Simulators.Domino.CalendarService;
using NotesSync.Simulators.Domino.DataService;
using NotesSync.Simulators.Domino.Knobs;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.Http;

/// <summary>
/// Every request that is not the control API: knobs first (latency, faults, call log, concurrency), then
/// Domino's HTTP authentication, then the DAS servlet (CSRF token, service switches), then the service.
/// </summary>
internal sealed class DasEndpoint(DominoState state, SimulatorKnobs knobs)
{
    private const string CsrfCookie = "DasToken";
    private readonly HttpAuthenticator _auth = new(state);
    private readonly DataServiceRouter _data = new(state);
    private readonly CalendarServiceRouter _calendar = new(state);

    public async Task HandleAsync(HttpContext http)
    {
        var sentMethod = http.Request.Method.ToUpperInvariant();
        var overridden = http.Request.Headers["X-HTTP-Method-Override"].ToString();
        var method = sentMethod == "POST" && overridden.Length > 0 ? overridden.ToUpperInvariant() : sentMethod;
        var path = http.Request.Path.Value ?? "/";
        var started = Stopwatch.GetTimestamp();
        var status = 0;
        var aborted = false;
        string? user = null;
        var body = "";
        // Taken now: once a fault aborts the connection, the request's headers can no longer be read.
        var headers = RecordedRequest.KeepHeaders(http.Request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())));
        var logged = false;
        // Logged before a fault drops the connection: a client that sees the drop may read the log at once.
        void Log()
        {
            logged = true;
            knobs.Calls.Add(new CallRecord(state.Clock.GetUtcNow(), method, sentMethod, path, http.Request.QueryString.Value ?? "",
                status, user, Stopwatch.GetElapsedTime(started), aborted));
            knobs.Journal.Record(new RecordedRequest(method, path, http.Request.QueryString.Value ?? "", headers, body));
        }

        knobs.Concurrency.Enter();
        try
        {
            // Read first, so that the journal has the body even of a request a fault then drops.
            body = await new StreamReader(http.Request.Body).ReadToEndAsync(http.RequestAborted);
            if (knobs.Latency > TimeSpan.Zero) await Task.Delay(knobs.Latency, http.RequestAborted);
            var fault = knobs.Faults.Take(method, path);
            if (fault?.Action == FaultAction.Delay) await Task.Delay(fault.Delay, http.RequestAborted);
            if (fault is { Action: FaultAction.Hold, Hold: { } hold }) await hold.WaitAsync(http.RequestAborted);
            if (fault?.Action == FaultAction.AbortWithoutApplying)
            {
                aborted = true;
                Log();
                http.Abort();
                return;
            }
            if (fault is not null && HostileAnswers.Handles(fault.Action))
            {
                status = 200;
                await HostileAnswers.WriteAsync(fault, http.Response, http.RequestAborted);
                return;
            }
            if (fault?.Action == FaultAction.RespondWithStatus)
            {
                var injected = DasResponse.Error(fault.StatusCode, "Simulated fault");
                if (fault.RetryAfterSeconds is { } seconds) injected.With("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
                status = injected.Status;
                await injected.WriteAsync(http.Response, http.RequestAborted);
                return;
            }

            var response = Dispatch(http, method, path, body, out user);
            status = response.Status;
            if (fault?.Action == FaultAction.ApplyThenAbort)
            {
                // The work is done and saved; the client only sees a dropped connection.
                aborted = true;
                Log();
                http.Abort();
                return;
            }
            http.Response.Headers.Server = "Lotus-Domino";
            // The server's own clock, read as the answer leaves (Kestrel's cached Date can be a second behind): the
            // same clock as @modified and Last-Modified, as on a Domino server.
            http.Response.Headers.Date = DasFormats.Http(state.Clock.GetUtcNow());
            await response.WriteAsync(http.Response, http.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested)
        {
            aborted = true;
        }
        finally
        {
            knobs.Concurrency.Exit();
            if (!logged) Log();
        }
    }

    private DasResponse Dispatch(HttpContext http, string method, string path, string body, out string? userName)
    {
        userName = null;
        lock (state.Gate)
        {
            var server = state.ServerUnlocked;
            var (databasePath, segments) = DasRequest.SplitPath(path);
            if (databasePath is not null && segments.Length == 0 && NotesDatabase.NormalizePath(databasePath) == DominoState.DirectoryPath)
            {
                var command = http.Request.QueryString.Value ?? "";
                if (command.StartsWith("?Login", StringComparison.OrdinalIgnoreCase)) return Login(http, method, body, server);
                if (command.StartsWith("?Logout", StringComparison.OrdinalIgnoreCase)) return Logout(http);
            }

            var user = _auth.Authenticate(http.Request);
            if (user is null) return HttpAuthenticator.Challenge(server);
            userName = user.CanonicalName;

            if (segments.Length == 0 || !segments[0].Equals("api", StringComparison.OrdinalIgnoreCase))
                return DasResponse.Html(404, "<html><body><h2>Error 404</h2>HTTP Web Server: Item Not Found Exception</body></html>");

            var request = new DasRequest { Http = http, Method = method, Path = path, DatabasePath = databasePath, Segments = segments, User = user, Body = body };

            // DasServlet.verifyDasTokens: only a request that carries the DasToken cookie is checked.
            if (http.Request.Cookies.TryGetValue(CsrfCookie, out var token) && http.Request.Headers["X-DAS-Token"].ToString() != token)
                return ServiceForbidden(server);

            var service = segments.Length > 1 ? segments[1].ToLowerInvariant() : "";
            if (service == "" && databasePath is null && method == "GET") return ServiceList(server);
            if (service == "core") return Core(http, segments);
            if (service == "data" && !server.DataServiceEnabled) return ServiceForbidden(server);
            if (service == "calendar" && !server.CalendarServiceEnabled) return ServiceForbidden(server);
            if (service == "directory")
            {
                if (!server.DirectoryServiceInstalled) return DasResponse.Html(404, "<html><body><h2>Error 404</h2>HTTP Web Server: Item Not Found Exception</body></html>");
                if (!server.DirectoryServiceEnabled) return ServiceForbidden(server);
                return DirectoryService.Handle(request, state);
            }
            if (service is not ("data" or "calendar")) return DasResponse.Error(404, "Resource not found");

            NotesDatabase? db = null;
            if (databasePath is not null)
            {
                db = state.FindDatabaseUnlocked(databasePath);
                // Inferred: an unknown database is answered by the web engine, in HTML, before DAS sees the request.
                if (db is null) return DasResponse.Html(404, "<html><body><h2>Error 404</h2>HTTP Web Server: Lotus Notes Exception - File does not exist</body></html>");
                // No ACL access: Domino asks for other credentials, exactly as for a wrong password (das.md §5).
                if (!db.CanBeOpenedBy(user)) return HttpAuthenticator.Challenge(server);
            }
            return service == "data" ? _data.Handle(request, db) : _calendar.Handle(request, db);
        }
    }

    /// <summary>das.md "Checked" 13: <c>{"code":403,"text":"Forbidden"}</c> with no message, or no body at all.</summary>
    private static DasResponse ServiceForbidden(ServerSettings server) =>
        server.ServiceForbiddenHasBody ? DasResponse.Error(403, null) : DasResponse.Empty(403);

    private static DasResponse ServiceList(ServerSettings server)
    {
        var services = new List<(string Name, bool Enabled, string Href)>
        {
            ("Calendar", server.CalendarServiceEnabled, "/api/calendar"),
            ("Core", true, "/api/core"),
            ("Data", server.DataServiceEnabled, "/api/data"),
        };
        if (server.DirectoryServiceInstalled) services.Add(("Directory", server.DirectoryServiceEnabled, "/api/directory"));
        return DasResponse.Json(DasJson.Object(w =>
        {
            w.WriteStartArray("services");
            foreach (var (name, enabled, href) in services)
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteBoolean("enabled", enabled);
                w.WriteString("version", "9.0.1");
                w.WriteString("href", href);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }));
    }

    private static DasResponse Core(HttpContext http, string[] segments)
    {
        if (segments.Length == 3 && segments[2].Equals("nonce", StringComparison.OrdinalIgnoreCase))
        {
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            http.Response.Cookies.Append(CsrfCookie, nonce, new CookieOptions { Path = "/", HttpOnly = true });
            return DasResponse.Json(DasJson.Object(w => w.WriteString("nonce", nonce), compact: true));
        }
        return DasResponse.Error(404, "Resource not found");
    }

    private DasResponse Login(HttpContext http, string method, string body, ServerSettings server)
    {
        if (method != "POST") return DasResponse.Html(200, HttpAuthenticator.LoginPage);
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body);
        var user = _auth.Verify(form.TryGetValue("Username", out var u) ? u.ToString() : "", form.TryGetValue("Password", out var p) ? p.ToString() : "");
        if (user is null) return server.Authentication == DominoAuthentication.SessionLoginPage
            ? DasResponse.Html(200, HttpAuthenticator.LoginPage)
            : HttpAuthenticator.Challenge(server);
        var token = _auth.StartSession(user);
        http.Response.Cookies.Append(HttpAuthenticator.SessionCookie, token, new CookieOptions { Path = "/", HttpOnly = true });
        var redirect = form.TryGetValue("RedirectTo", out var r) && r.ToString().Length > 0 ? r.ToString() : "/";
        return DasResponse.Empty(302).With("Location", redirect);
    }

    private DasResponse Logout(HttpContext http)
    {
        _auth.EndSession(http.Request);
        http.Response.Cookies.Delete(HttpAuthenticator.SessionCookie);
        return DasResponse.Html(200, "<html><body>You have been logged out.</body></html>");
    }
}
