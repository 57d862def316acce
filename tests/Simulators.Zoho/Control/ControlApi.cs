using System.Text.Json;
using System.Text.Json.Nodes;
using NotesSync.Simulators.Zoho.Http;

namespace NotesSync.Simulators.Zoho.Control;

/// <summary>
/// The sandbox's remote control under <c>/_simulator/</c> — a prefix no Zoho URL uses. No authentication: the
/// simulator listens on loopback for tests and the sandbox only. JSON in camelCase.
/// </summary>
internal sealed class ControlApi(ZohoSimulatorState state)
{
    private static readonly string[] Endpoints =
    [
        "GET    /_simulator/orgs",
        "POST   /_simulator/orgs                                   {companyName?, edition?, timeZone?, redirectUri?, clientId?, clientSecret?, seed?:{users, accounts, contacts, tasks, events, seed}}",
        "POST   /_simulator/orgs/{orgId}/seed                      {users?, accounts?, contacts?, tasks?, events?, seed?}",
        "PUT    /_simulator/orgs/{orgId}/limits                    {concurrencyLimit?, heavyConcurrencyLimit?, dailyCreditLimit?, resetCredits?, consumeCredits?, resetStatistics?}",
        "POST   /_simulator/orgs/{orgId}/tokens                    {userId?, clientId?, scope?} → tokens without the OAuth dance",
        "POST   /_simulator/orgs/{orgId}/tokens/revoke             every token of the org dies",
        "POST   /_simulator/orgs/{orgId}/tokens/expire             access tokens expire now",
        "POST   /_simulator/tokens/revoke                          {token}",
        "GET    /_simulator/orgs/{orgId}/records/{module}",
        "POST   /_simulator/orgs/{orgId}/records/{module}?userId=  {field: value, …} as a CRM user in the UI",
        "PATCH  /_simulator/orgs/{orgId}/records/{module}/{id}?userId=",
        "DELETE /_simulator/orgs/{orgId}/records/{module}/{id}?userId=",
        "POST   /_simulator/orgs/{orgId}/recycle-bin/{module}/empty",
        "POST   /_simulator/orgs/{orgId}/fields/{module}            {label, dataType?, length?, unique?, caseSensitive?}",
        "POST   /_simulator/session                                {orgId, userId?} whom the authorize page signs in as",
        "POST   /_simulator/consent/refuse-next",
        "GET    /_simulator/faults | DELETE /_simulator/faults",
        "POST   /_simulator/faults                                 {path, method?, kind: status|drop|applyThenDrop, status?, count?}",
        "GET    /_simulator/calls?orgId=&take= | DELETE /_simulator/calls",
        "GET    /_simulator/stats                                  per org: inFlight, peakInFlight (refused calls included), concurrencyRejections (429s), credits",
        "PUT    /_simulator/latency                                {milliseconds}",
    ];

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await RouteAsync(context);
        }
        catch (ZohoRecordRejectedException e)
        {
            await WriteAsync(context, 400, new JsonObject { ["error"] = "rejected", ["zoho"] = e.Error.DeepClone() });
        }
        catch (Exception e) when (e is ArgumentException or JsonException or InvalidOperationException or FormatException)
        {
            await WriteAsync(context, 400, new JsonObject { ["error"] = e.Message });
        }
    }

    private async Task RouteAsync(HttpContext context)
    {
        var segments = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries)[1..];
        var method = context.Request.Method.ToUpperInvariant();
        switch (method, segments)
        {
            case ("GET", []):
                await WriteAsync(context, 200, new JsonObject { ["endpoints"] = ZohoJson.Array(Endpoints.Select(e => (JsonNode?)e)) });
                return;
            case ("GET", ["orgs"]):
                await WriteAsync(context, 200, ZohoJson.Array(state.Orgs.Select(o => (JsonNode?)OrgJson(o))));
                return;
            case ("POST", ["orgs"]):
                await CreateOrgAsync(context);
                return;
            case ("POST", ["tokens", "revoke"]):
                var revoked = state.RevokeToken(Text(await BodyAsync(context), "token") ?? throw new ArgumentException("token is required"));
                await WriteAsync(context, 200, new JsonObject { ["revoked"] = revoked });
                return;
            case ("POST", ["session"]):
                await SignInAsync(context);
                return;
            case ("POST", ["consent", "refuse-next"]):
                state.RefuseNextConsent();
                context.Response.StatusCode = 204;
                return;
            case ("GET", ["faults"]):
                await WriteAsync(context, 200, ZohoJson.Array(state.Faults.Pending.Select(f => (JsonNode?)new JsonObject
                {
                    ["path"] = f.PathPattern,
                    ["method"] = f.Method,
                    ["kind"] = f.Kind.ToString(),
                    ["status"] = f.StatusCode,
                    ["remaining"] = f.Remaining,
                })));
                return;
            case ("POST", ["faults"]):
                await AddFaultAsync(context);
                return;
            case ("DELETE", ["faults"]):
                state.Faults.Clear();
                context.Response.StatusCode = 204;
                return;
            case ("GET", ["calls"]):
                await CallsAsync(context);
                return;
            case ("DELETE", ["calls"]):
                state.Calls.Clear();
                context.Response.StatusCode = 204;
                return;
            case ("GET", ["stats"]):
                await WriteAsync(context, 200, ZohoJson.Array(state.Orgs.Select(o => (JsonNode?)StatsJson(o))));
                return;
            case ("PUT", ["latency"]):
                state.Latency = TimeSpan.FromMilliseconds(Number(await BodyAsync(context), "milliseconds") ?? 0);
                await WriteAsync(context, 200, new JsonObject { ["milliseconds"] = state.Latency.TotalMilliseconds });
                return;
            case (_, ["orgs", var orgId, .. var rest]):
                var org = state.FindOrg(orgId);
                if (org is null)
                {
                    await WriteAsync(context, 404, new JsonObject { ["error"] = $"no org '{orgId}'" });
                    return;
                }
                await OrgRouteAsync(context, method, org, rest);
                return;
            default:
                await WriteAsync(context, 404, new JsonObject { ["error"] = "unknown control endpoint; GET /_simulator lists them" });
                return;
        }
    }

    private async Task OrgRouteAsync(HttpContext context, string method, ZohoOrg org, string[] rest)
    {
        var actor = context.Request.Query["userId"].ToString() is { Length: > 0 } userId
            ? org.FindUser(userId) ?? throw new ArgumentException($"no user '{userId}' in the org")
            : org.Admin;
        switch (method, rest)
        {
            case ("POST", ["seed"]):
                var result = org.Seed(SeedSpec(await BodyAsync(context)));
                await WriteAsync(context, 200, JsonSerializer.SerializeToNode(result, ZohoJson.ControlOptions));
                return;
            case ("PUT", ["limits"]):
                var limits = await BodyAsync(context);
                if (Number(limits, "concurrencyLimit") is { } concurrency) org.ConcurrencyLimit = (int)concurrency;
                if (Number(limits, "heavyConcurrencyLimit") is { } heavy) org.HeavyConcurrencyLimit = (int)heavy;
                if (Number(limits, "dailyCreditLimit") is { } credits) org.DailyCreditLimit = (int)credits;
                if (limits?["resetCredits"] is JsonValue reset && reset.TryGetValue<bool>(out var doReset) && doReset) org.ResetCredits();
                if (Number(limits, "consumeCredits") is { } consume) org.ConsumeCredits((int)consume);
                if (limits?["resetStatistics"] is JsonValue resetStats && resetStats.TryGetValue<bool>(out var doResetStats) && doResetStats) org.ResetStatistics();
                await WriteAsync(context, 200, StatsJson(org));
                return;
            case ("POST", ["tokens"]):
                var spec = await BodyAsync(context);
                var user = Text(spec, "userId") is { } uid ? org.FindUser(uid) ?? throw new ArgumentException($"no user '{uid}'") : org.Admin;
                var client = Text(spec, "clientId") is { } cid ? state.FindClient(cid) ?? throw new ArgumentException($"no client '{cid}'") : org.Client;
                var tokens = state.IssueTokens(user, client, Text(spec, "scope") ?? ZohoSimulatorState.DefaultScopes);
                await WriteAsync(context, 200, new JsonObject
                {
                    ["accessToken"] = tokens.AccessToken,
                    ["refreshToken"] = tokens.RefreshToken,
                    ["expiresAt"] = tokens.ExpiresAt,
                    ["apiDomain"] = state.ApiDomain,
                    ["scope"] = tokens.Scope,
                });
                return;
            case ("POST", ["tokens", "revoke"]):
                await WriteAsync(context, 200, new JsonObject { ["revokedRefreshTokens"] = state.RevokeAllTokens(org) });
                return;
            case ("POST", ["tokens", "expire"]):
                await WriteAsync(context, 200, new JsonObject { ["expiredAccessTokens"] = state.ExpireAccessTokens(org) });
                return;
            case ("GET", ["records", var module]):
                await WriteAsync(context, 200, ZohoJson.Array(org.Records(module).Select(r => (JsonNode?)RecordJson(r))));
                return;
            case ("POST", ["records", var module]):
                await WriteAsync(context, 201, RecordJson(org.CreateRecord(module, await ObjectBodyAsync(context), actor)));
                return;
            case ("PATCH", ["records", var module, var id]):
                await WriteAsync(context, 200, RecordJson(org.UpdateRecord(module, id, await ObjectBodyAsync(context), actor)));
                return;
            case ("DELETE", ["records", var module, var id]):
                context.Response.StatusCode = org.DeleteRecord(module, id, actor) ? 204 : 404;
                return;
            case ("POST", ["recycle-bin", var module, "empty"]):
                org.EmptyRecycleBin(module);
                context.Response.StatusCode = 204;
                return;
            case ("POST", ["fields", var module]):
                var field = await BodyAsync(context);
                var unique = field?["unique"] is JsonValue u && u.TryGetValue<bool>(out var isUnique) && isUnique;
                var caseSensitive = field?["caseSensitive"] is JsonValue c && c.TryGetValue<bool>(out var isCaseSensitive) && isCaseSensitive;
                var created = org.AddCustomField(module,
                    Text(field, "label") ?? throw new ArgumentException("label is required"),
                    Text(field, "dataType") ?? "text",
                    (int)(Number(field, "length") ?? 255),
                    !unique ? ZohoUniqueness.None : caseSensitive ? ZohoUniqueness.CaseSensitive : ZohoUniqueness.CaseInsensitive);
                await WriteAsync(context, 201, new JsonObject { ["id"] = created.Id, ["apiName"] = created.ApiName, ["unique"] = created.Unique.ToString() });
                return;
            default:
                await WriteAsync(context, 404, new JsonObject { ["error"] = "unknown control endpoint; GET /_simulator lists them" });
                return;
        }
    }

    private async Task CreateOrgAsync(HttpContext context)
    {
        var body = await BodyAsync(context);
        var defaults = new ZohoOrgSpec();
        var org = state.CreateOrg(new ZohoOrgSpec
        {
            CompanyName = Text(body, "companyName") ?? defaults.CompanyName,
            Edition = Text(body, "edition") is { } edition ? Enum.Parse<ZohoEdition>(edition, ignoreCase: true) : defaults.Edition,
            TimeZone = Text(body, "timeZone") ?? defaults.TimeZone,
            RedirectUri = Text(body, "redirectUri") is { } redirect ? new Uri(redirect) : defaults.RedirectUri,
            ClientId = Text(body, "clientId"),
            ClientSecret = Text(body, "clientSecret"),
        });
        if (body?["seed"] is JsonObject seed) org.Seed(SeedSpec(seed));
        await WriteAsync(context, 201, OrgJson(org));
    }

    private async Task SignInAsync(HttpContext context)
    {
        var body = await BodyAsync(context);
        var org = state.FindOrg(Text(body, "orgId") ?? throw new ArgumentException("orgId is required")) ?? throw new ArgumentException("unknown org");
        var user = Text(body, "userId") is { } userId ? org.FindUser(userId) ?? throw new ArgumentException("unknown user") : org.Admin;
        state.SignIn(user);
        await WriteAsync(context, 200, new JsonObject { ["orgId"] = org.Id, ["userId"] = user.Id, ["email"] = user.Email });
    }

    private async Task AddFaultAsync(HttpContext context)
    {
        var body = await BodyAsync(context);
        var path = Text(body, "path") ?? throw new ArgumentException("path is required (a glob such as /crm/v8/Contacts*)");
        var count = (int)(Number(body, "count") ?? 1);
        var method = Text(body, "method");
        switch (Text(body, "kind") ?? "status")
        {
            case "status":
                state.Faults.FailNext(count, path, (int)(Number(body, "status") ?? 500), method);
                break;
            case "drop":
                state.Faults.DropNext(count, path, method);
                break;
            case "applyThenDrop":
                state.Faults.ApplyThenDropNext(count, path, method);
                break;
            default:
                throw new ArgumentException("kind is one of status, drop, applyThenDrop");
        }
        context.Response.StatusCode = 204;
    }

    private async Task CallsAsync(HttpContext context)
    {
        var orgId = context.Request.Query["orgId"].ToString();
        var take = int.TryParse(context.Request.Query["take"], out var n) ? n : 200;
        var calls = orgId.Length > 0 ? state.Calls.ForOrg(orgId) : state.Calls.All;
        await WriteAsync(context, 200, JsonSerializer.SerializeToNode(calls.TakeLast(take), ZohoJson.ControlOptions));
    }

    private JsonObject OrgJson(ZohoOrg org) => new()
    {
        ["orgId"] = org.Id,
        ["zgid"] = org.Zgid,
        ["companyName"] = org.CompanyName,
        ["edition"] = org.Edition.ToString(),
        ["timeZone"] = org.TimeZone,
        ["accountsUrl"] = state.ApiDomain,
        ["apiDomain"] = state.ApiDomain,
        ["admin"] = UserJson(org.Admin),
        ["users"] = ZohoJson.Array(org.Users.Select(u => (JsonNode?)UserJson(u))),
        ["clients"] = ZohoJson.Array(org.Clients.Select(c => (JsonNode?)new JsonObject
        {
            ["clientId"] = c.ClientId,
            ["clientSecret"] = c.ClientSecret,
            ["redirectUri"] = c.RedirectUri.OriginalString,
        })),
        ["records"] = new JsonObject
        {
            ["Contacts"] = org.CountRecords("Contacts"),
            ["Tasks"] = org.CountRecords("Tasks"),
            ["Events"] = org.CountRecords("Events"),
            ["Accounts"] = org.CountRecords("Accounts"),
        },
    };

    private static JsonObject UserJson(ZohoUser user) => new()
    {
        ["id"] = user.Id,
        ["zuid"] = user.Zuid,
        ["name"] = user.FullName,
        ["email"] = user.Email,
        ["timeZone"] = user.TimeZone,
        ["admin"] = user.IsAdmin,
        ["status"] = user.Status,
    };

    private static JsonObject StatsJson(ZohoOrg org) => new()
    {
        ["orgId"] = org.Id,
        ["inFlight"] = org.InFlight,
        ["peakInFlight"] = org.PeakInFlight,
        ["concurrencyLimit"] = org.ConcurrencyLimit,
        ["heavyConcurrencyLimit"] = org.HeavyConcurrencyLimit,
        ["concurrencyRejections"] = org.ConcurrencyRejections,
        ["creditRejections"] = org.CreditRejections,
        ["creditsUsed"] = org.CreditsUsed,
        ["dailyCreditLimit"] = org.DailyCreditLimit,
    };

    private static JsonObject RecordJson(CrmRecord record) => new()
    {
        ["id"] = record.Id,
        ["module"] = record.Module,
        ["createdTime"] = record.CreatedTime,
        ["modifiedTime"] = record.ModifiedTime,
        ["ownerId"] = record.OwnerId,
        ["tags"] = ZohoJson.Array(record.Tags.Select(t => (JsonNode?)t)),
        ["fields"] = record.Fields.DeepClone(),
    };

    private static ZohoSeedSpec SeedSpec(JsonNode? body) => new()
    {
        Users = (int)(Number(body, "users") ?? 0),
        Accounts = (int)(Number(body, "accounts") ?? 0),
        Contacts = (int)(Number(body, "contacts") ?? 0),
        Tasks = (int)(Number(body, "tasks") ?? 0),
        Events = (int)(Number(body, "events") ?? 0),
        Seed = (int)(Number(body, "seed") ?? 42),
    };

    private static async Task<JsonNode?> BodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
    }

    private static async Task<JsonObject> ObjectBodyAsync(HttpContext context) =>
        await BodyAsync(context) as JsonObject ?? throw new ArgumentException("a JSON object of fields is required");

    private static string? Text(JsonNode? body, string name) => ZohoJson.AsString(body?[name]);

    private static double? Number(JsonNode? body, string name) =>
        body?[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    private static Task WriteAsync(HttpContext context, int status, JsonNode? body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body?.ToJsonString(ZohoJson.ControlOptions) ?? "null", context.RequestAborted);
    }
}
