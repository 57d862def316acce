using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotesSync.Simulators.Zoho.Crm;

namespace NotesSync.Simulators.Zoho.Http;

/// <summary>Everything a CRM handler needs about the request it serves.</summary>
internal sealed class CrmRequest
{
    public required HttpContext Http { get; init; }

    public required ZohoOrg Org { get; init; }

    public required ZohoUser User { get; init; }

    public ModuleStore? Store { get; init; }

    public string? Id { get; init; }

    public JsonNode? Body { get; set; }

    public IQueryCollection Query => Http.Request.Query;

    public DateTimeOffset Now { get; init; }

    public required string Scope { get; init; }
}

/// <summary>
/// The CRM REST API (<c>/crm/v{2..8}/…</c>). Order of checks per call: token, URL, scope, body, concurrency slot,
/// latency, injected fault, credits, then the handler.
/// </summary>
internal sealed partial class CrmApi(ZohoSimulatorState state)
{
    private sealed record Route(
        string ScopePath,
        string[] ScopeOps,
        bool HasBody,
        Func<CrmRequest, Task> Handler,
        Func<JsonNode?, bool>? IsHeavy = null,
        Func<CrmRequest, int>? Cost = null);

    public async Task HandleAsync(HttpContext context, CallContext call)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            await ZohoJson.WriteAsync(context, 401, ZohoJson.Error("AUTHENTICATION_FAILURE", "Authentication failed"));
            return;
        }
        // Only the "Zoho-oauthtoken" scheme is documented; a Bearer header is treated as an invalid token (inferred).
        const string scheme = "Zoho-oauthtoken ";
        var token = authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? authorization[scheme.Length..].Trim() : null;
        if (state.Authenticate(token, out var grant) != TokenCheck.Valid)
        {
            await ZohoJson.WriteAsync(context, 401, ZohoJson.Error("INVALID_TOKEN", "invalid oauth token"));
            return;
        }
        var user = grant!.User;
        var org = user.Org;
        call.Org = org;
        call.User = user;

        var (route, store, id, routeError) = Resolve(context, org);
        if (routeError is not null)
        {
            await ZohoJson.WriteAsync(context, routeError.Value.Status, routeError.Value.Body);
            return;
        }
        if (!route!.ScopeOps.All(op => ScopeAllows(grant.Scope, route.ScopePath, op)))
        {
            await ZohoJson.WriteAsync(context, 401, ZohoJson.Error("OAUTH_SCOPE_MISMATCH", "Unauthorized"));
            return;
        }

        var request = new CrmRequest { Http = context, Org = org, User = user, Store = store, Id = id, Now = state.Now, Scope = grant.Scope };
        if (route.HasBody)
        {
            try
            {
                request.Body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            }
            catch (JsonException)
            {
                await ZohoJson.WriteAsync(context, 400, ZohoJson.WrappedError("INVALID_DATA", "invalid data", ZohoJson.Details(("json_path", "$"))));
                return;
            }
        }

        var heavy = route.IsHeavy?.Invoke(request.Body) ?? false;
        org.Arrive();
        try
        {
            if (!org.TryAcquireSlot(heavy))
            {
                if (state.Options.ConcurrencyRetryAfter is { } retryAfter)
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                // Body shape inferred (zoho.md §4): the same code as credit exhaustion, told apart by the credits header.
                await ZohoJson.WriteAsync(context, 429, ZohoJson.Error("TOO_MANY_REQUESTS", "concurrency limit exceeded",
                    ZohoJson.Details(("limit", heavy ? org.HeavyConcurrencyLimit : org.ConcurrencyLimit))));
                return;
            }
            try
            {
                await org.WaitForCrowdAsync(context.RequestAborted);
                var latency = state.Latency;
                if (latency > TimeSpan.Zero) await Task.Delay(latency, context.RequestAborted);
                if (await ZohoDispatcher.TryFailAsync(state, context, call)) return;

                if (!org.TryCharge(route.Cost?.Invoke(request) ?? 1, out var remaining))
                {
                    context.Response.Headers["X-API-CREDITS-REMAINING"] = "0";
                    await ZohoJson.WriteAsync(context, 429, ZohoJson.Error("TOO_MANY_REQUESTS", "API credits limit exceeded",
                        ZohoJson.Details(("limit", org.DailyCreditLimit))));
                    return;
                }
                // zoho.md: answers carry X-API-CREDITS-REMAINING once half the day's credits are used.
                if (remaining <= org.DailyCreditLimit / 2)
                    context.Response.Headers["X-API-CREDITS-REMAINING"] = remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
                // The answer's Date on the simulator's clock, the one that stamps Modified_Time (Kestrel's would be the
                // machine's): a client may compare the two, as NotesSync's checkpoints do.
                context.Response.Headers.Date = request.Now.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

                await ZohoDispatcher.RunAsync(context, call, () => route.Handler(request));
            }
            finally
            {
                org.ReleaseSlot(heavy);
            }
        }
        finally
        {
            org.Leave();
        }
    }

    private (Route? Route, ModuleStore? Store, string? Id, (int Status, JsonObject Body)? Error) Resolve(HttpContext context, ZohoOrg org)
    {
        var segments = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = context.Request.Method;
        var notFound = (404, ZohoJson.Error("INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one"));
        if (segments.Length < 3 || !VersionPattern().IsMatch(segments[1])) return (null, null, null, notFound);
        var rest = segments[2..];
        var badMethod = (400, ZohoJson.Error("INVALID_REQUEST_METHOD", "The http request method type is not a valid one"));

        Route? Pick(params (string Method, Route Route)[] options)
        {
            foreach (var (m, r) in options) if (string.Equals(m, method, StringComparison.OrdinalIgnoreCase)) return r;
            return null;
        }

        (Route?, ModuleStore?, string?, (int, JsonObject)?) Found(Route? route, ModuleStore? store = null, string? id = null) =>
            route is null ? (null, null, null, badMethod) : (route, store, id, null);

        switch (rest)
        {
            case ["users"]:
                return Found(Pick(("GET", new Route("users", ["READ"], false, UsersAsync))));
            case ["users", var userId]:
                return Found(Pick(("GET", new Route("users", ["READ"], false, UsersAsync))), id: userId);
            case ["org"]:
                return Found(Pick(("GET", new Route("org", ["READ"], false, OrgAsync))));
            case ["settings", "fields"]:
                return Found(Pick(
                    ("GET", new Route("settings.fields", ["READ"], false, FieldsAsync)),
                    ("POST", new Route("settings.fields", ["CREATE"], true, CreateFieldsAsync))));
            case ["settings", "modules"]:
                return Found(Pick(("GET", new Route("settings.modules", ["READ"], false, ModulesAsync))));
            case ["settings", "modules", var moduleName]:
                return Found(Pick(("GET", new Route("settings.modules", ["READ"], false, ModulesAsync))), id: moduleName);
            case ["settings", "fields", var fieldId]:
                return Found(Pick(("GET", new Route("settings.fields", ["READ"], false, FieldsAsync))), id: fieldId);
            case ["coql"]:
                return Found(Pick(("POST", new Route("coql", ["READ"], true, CoqlAsync, IsHeavy: _ => true))));
            case ["actions", "watch"]:
                return Found(Pick(
                    ("GET", new Route("notifications", ["READ"], false, WatchListAsync)),
                    ("POST", new Route("notifications", ["CREATE"], true, WatchAsync)),
                    ("DELETE", new Route("notifications", ["DELETE"], false, UnwatchAsync))));
            case ["settings", ..] or ["actions", ..]:
                return (null, null, null, notFound);
        }

        var store = org.Store(rest[0]);
        if (store is null)
        {
            var invalid = ZohoJson.Error("INVALID_MODULE", "the module name given seems to be invalid", ZohoJson.Details(("resource_path_index", 0)));
            var wrapped = HttpMethods.IsPost(method) || HttpMethods.IsPut(method);
            return (null, null, null, (400, wrapped ? new JsonObject { ["data"] = new JsonArray(invalid) } : invalid));
        }
        var scope = "modules." + store.Schema.ScopeName;
        static bool ManyRecords(JsonNode? body) => body is JsonObject { } o && o["data"] is JsonArray { Count: > 10 };
        static int WriteCost(CrmRequest r) => r.Body is JsonObject o && o["data"] is JsonArray a ? Math.Max(1, (a.Count + 9) / 10) : 1;

        switch (rest)
        {
            case [_]:
                return Found(Pick(
                    ("GET", new Route(scope, ["READ"], false, ListAsync)),
                    ("POST", new Route(scope, ["CREATE"], true, InsertAsync, ManyRecords, WriteCost)),
                    ("PUT", new Route(scope, ["UPDATE"], true, UpdateAsync, ManyRecords, WriteCost)),
                    ("DELETE", new Route(scope, ["DELETE"], false, DeleteAsync))), store);
            case [_, "upsert"]:
                if (!store.Schema.SupportsUpsert && HttpMethods.IsPost(method))
                {
                    // zoho.md: no upsert for Tasks or Events. The error code for it is not documented; INVALID_MODULE is a guess.
                    var invalid = ZohoJson.WrappedError("INVALID_MODULE", "the module name given seems to be invalid", ZohoJson.Details(("resource_path_index", 0)));
                    return (null, null, null, (400, invalid));
                }
                return Found(Pick(("POST", new Route(scope, ["CREATE", "UPDATE"], true, UpsertAsync, ManyRecords, WriteCost))), store);
            case [_, "deleted"]:
                return Found(Pick(("GET", new Route(scope, ["READ"], false, DeletedAsync, Cost: _ => 2))), store);
            case [_, "search"]:
                return Found(Pick(("GET", new Route(scope, ["READ"], false, SearchAsync, IsHeavy: _ => true))), store);
            case [_, var recordId]:
                return Found(Pick(
                    ("GET", new Route(scope, ["READ"], false, GetAsync)),
                    ("PUT", new Route(scope, ["UPDATE"], true, UpdateAsync)),
                    ("DELETE", new Route(scope, ["DELETE"], false, DeleteAsync))), store, recordId);
            default:
                return (null, null, null, notFound);
        }
    }

    /// <summary>
    /// Zoho scopes read <c>ZohoCRM.{path}.{operation}</c>; a granted scope covers a required one when its path is a
    /// prefix (<c>modules</c> covers <c>modules.contacts</c>) and its operation is ALL, the same, or WRITE for CREATE/UPDATE.
    /// </summary>
    internal static bool ScopeAllows(string granted, string requiredPath, string requiredOp)
    {
        var required = requiredPath.Split('.');
        foreach (var scope in granted.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = scope.Split('.');
            if (parts.Length < 3 || !parts[0].Equals("ZohoCRM", StringComparison.OrdinalIgnoreCase)) continue;
            var path = parts[1..^1];
            var op = parts[^1].ToUpperInvariant();
            if (path.Length > required.Length) continue;
            if (!path.Select((p, i) => p.Equals(required[i], StringComparison.OrdinalIgnoreCase)).All(x => x)) continue;
            if (op == "ALL" || op == requiredOp || (op == "WRITE" && requiredOp is "CREATE" or "UPDATE")) return true;
        }
        return false;
    }

    private static Task WriteAsync(CrmRequest request, int status, JsonNode? body) => ZohoJson.WriteAsync(request.Http, status, body);

    private static Task BadRequestAsync(CrmRequest request, string code, string message, params (string Key, JsonNode? Value)[] details) =>
        ZohoJson.WriteAsync(request.Http, 400, ZohoJson.Error(code, message, ZohoJson.Details(details)));

    private static bool TryInt(string? text, int fallback, out int value)
    {
        if (string.IsNullOrEmpty(text)) { value = fallback; return true; }
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex("^v[2-8]$")]
    private static partial Regex VersionPattern();
}
