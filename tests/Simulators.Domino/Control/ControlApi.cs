using NotesSync.Simulators.Domino.Knobs;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.Seeding;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.Control;

/// <summary>
/// The simulator's own API, under <c>/_simulator</c> so that it can never be mistaken for DAS: no authentication,
/// no latency, no faults, not in the call log.
/// </summary>
internal static class ControlApi
{
    public const string Prefix = "/_simulator";

    public sealed record ServerChange(
        bool? DataServiceEnabled,
        bool? CalendarServiceEnabled,
        bool? DirectoryServiceInstalled,
        bool? DirectoryServiceEnabled,
        DominoAuthentication? Authentication,
        bool? ServiceForbiddenHasBody,
        int? MaxViewEntries);

    public sealed record DatabaseAccessChange(string Path, DataServiceAccess Access);

    public sealed record ViewAccessChange(string Path, string View, bool Enabled);

    public sealed record LatencyChange(int Milliseconds);

    public sealed record FaultRequest(string PathGlob, string? Method, FaultAction Action, int? StatusCode, int? Times, int? DelayMilliseconds, int? RetryAfterSeconds);

    public sealed record UserRequest(string CommonName, string Password, int? Contacts, int? Todos, int? Events, string? MailServer);

    public static void Map(WebApplication app, DominoState state, SimulatorKnobs knobs)
    {
        var api = app.MapGroup(Prefix);

        api.MapGet("/", () => Results.Ok(Describe(state, knobs)));

        api.MapPost("/server", (ServerChange change) =>
        {
            state.ConfigureServer(s =>
            {
                if (change.DataServiceEnabled is { } data) s.DataServiceEnabled = data;
                if (change.CalendarServiceEnabled is { } calendar) s.CalendarServiceEnabled = calendar;
                if (change.DirectoryServiceInstalled is { } installed) s.DirectoryServiceInstalled = installed;
                if (change.DirectoryServiceEnabled is { } directory) s.DirectoryServiceEnabled = directory;
                if (change.Authentication is { } authentication) s.Authentication = authentication;
                if (change.ServiceForbiddenHasBody is { } body) s.ServiceForbiddenHasBody = body;
                if (change.MaxViewEntries is { } max) s.MaxViewEntries = max;
            });
            return Results.Ok(state.Server);
        });

        api.MapPost("/databases/access", (DatabaseAccessChange change) =>
            Try(() => state.SetDatabaseAccess(change.Path, change.Access)));

        api.MapPost("/views/access", (ViewAccessChange change) =>
            Try(() => state.SetViewAccess(change.Path, change.View, change.Enabled)));

        api.MapPost("/latency", (LatencyChange change) =>
        {
            knobs.Latency = TimeSpan.FromMilliseconds(Math.Max(0, change.Milliseconds));
            return Results.Ok(new { milliseconds = (int)knobs.Latency.TotalMilliseconds });
        });

        api.MapPost("/faults", (FaultRequest request) =>
        {
            // A hold is released by the test that owns it, in the same process: nothing over HTTP could release it.
            if (request.Action == FaultAction.Hold)
                return Results.BadRequest(new { error = "Hold is for in-process tests; use Delay over the control API." });
            knobs.Faults.Add(new FaultRule
            {
                PathGlob = request.PathGlob,
                Method = request.Method,
                Action = request.Action,
                StatusCode = request.StatusCode ?? 503,
                Times = request.Times ?? 1,
                Delay = TimeSpan.FromMilliseconds(request.DelayMilliseconds ?? 30_000),
                RetryAfterSeconds = request.RetryAfterSeconds,
            });
            return Results.Ok(PendingFaults(knobs));
        });
        api.MapGet("/faults", () => Results.Ok(PendingFaults(knobs)));
        api.MapDelete("/faults", () =>
        {
            knobs.Faults.Clear();
            return Results.NoContent();
        });

        api.MapGet("/calls", (int? last) => Results.Ok(knobs.Calls.Calls.TakeLast(last ?? 200)));
        api.MapDelete("/calls", () =>
        {
            knobs.Calls.Clear();
            return Results.NoContent();
        });

        api.MapGet("/concurrency", () => Results.Ok(new { current = knobs.Concurrency.Current, max = knobs.Concurrency.Max }));
        api.MapDelete("/concurrency", () =>
        {
            knobs.Concurrency.Reset();
            return Results.NoContent();
        });

        api.MapGet("/notices", () => Results.Ok(state.SentNotices));

        api.MapPost("/users", (UserRequest request) =>
        {
            // A seed that depends only on how many users exist keeps a scripted sandbox repeatable.
            var seeded = new DominoSeeder(state, 20240501 + state.Users.Count).SeedUser(
                new NotesUserSpec(request.CommonName, request.Password) { MailServer = request.MailServer },
                new SeedCounts(request.Contacts ?? 25, request.Todos ?? 10, request.Events ?? 20));
            return Results.Ok(new { user = seeded.User.AbbreviatedName, shortName = seeded.User.ShortName, mailFile = seeded.User.MailFilePath });
        });
    }

    private static object PendingFaults(SimulatorKnobs knobs) =>
        knobs.Faults.Pending.Select(p => new { p.Rule.PathGlob, p.Rule.Method, action = p.Rule.Action.ToString(), p.Rule.StatusCode, left = p.Left });

    private static IResult Try(Action change)
    {
        try
        {
            change();
            return Results.NoContent();
        }
        catch (InvalidOperationException e)
        {
            return Results.NotFound(new { error = e.Message });
        }
    }

    private static object Describe(DominoState state, SimulatorKnobs knobs) => new
    {
        server = state.Server,
        users = state.Users.Select(u => new { u.CanonicalName, u.ShortName, u.InternetAddress, u.MailFilePath, u.MailServer }),
        databases = state.DatabasePaths.Select(path => new
        {
            path,
            access = state.GetDatabaseAccess(path).ToString(),
            documents = state.GetDocuments(path).Count,
        }),
        latencyMilliseconds = (int)knobs.Latency.TotalMilliseconds,
        calls = knobs.Calls.Count(),
        concurrency = new { current = knobs.Concurrency.Current, max = knobs.Concurrency.Max },
        sentNotices = state.SentNotices.Count,
    };
}
