using Mediator;
using NotesSync.Application.Sync.ApplyPreview;
using NotesSync.Application.Sync.ChangeSyncSettings;
using NotesSync.Application.Sync.GetRunPlan;
using NotesSync.Application.Sync.GetSyncRun;
using NotesSync.Application.Sync.GetSyncSettings;
using NotesSync.Application.Sync.ListSyncRuns;
using NotesSync.Application.Sync.StartSyncRun;
using NotesSync.Domain.Profiles;
using NotesSync.Web.Problems;

namespace NotesSync.Web.Endpoints;

/// <summary>Sync settings, "Start sync", and the dashboard's runs.</summary>
public static class Sync
{
    /// <summary>The settings dialog; a choice left out is a field error (null here), never a default picked for the user.</summary>
    public sealed record SettingsBody(
        bool Contacts, bool Tasks, bool Events, EventRange? EventRange, SyncDirection? Direction,
        ConflictWinner? ConflictWinner, int? AutoSyncMinutes);

    /// <summary>The queued run; its <c>Location</c> is where the dashboard polls it.</summary>
    public sealed record RunStarted(Guid RunId);

    /// <summary>"Start sync" sends no body; "Preview" sends <c>{"preview": true}</c>.</summary>
    public sealed record StartBody(bool Preview);

    public static void MapSync(this IEndpointRouteBuilder api)
    {
        var sync = api.MapGroup("/sync").WithTags("Sync");

        sync.MapGet("/settings", async (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetSyncSettings(), ct)));

        sync.MapPut("/settings", async (SettingsBody body, ISender sender, CancellationToken ct) =>
            (await sender.Send(new ChangeSyncSettings(body.Contacts, body.Tasks, body.Events, body.EventRange, body.Direction,
                body.ConflictWinner, body.AutoSyncMinutes), ct)).ToHttp(saved => TypedResults.Ok(saved)))
            .ProducesValidationProblem();

        sync.MapPost("/runs", async (HttpRequest request, ISender sender, CancellationToken ct) =>
            (await sender.Send(new StartSyncRun(Preview: await PreviewAsked(request, ct)), ct))
                .ToHttp(runId => TypedResults.Accepted($"/api/sync/runs/{runId}", new RunStarted(runId))))
            .Accepts<StartBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        sync.MapPost("/runs/{runId:guid}/apply", async (Guid runId, ISender sender, CancellationToken ct) =>
            (await sender.Send(new ApplyPreview(runId), ct))
                .ToHttp(started => TypedResults.Accepted($"/api/sync/runs/{started}", new RunStarted(started))))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        sync.MapGet("/runs/{runId:guid}/plan", async (Guid runId, string? module, string? action, int? page, ISender sender, CancellationToken ct) =>
            (await sender.Send(new GetRunPlan(runId, module, action, page ?? 1), ct)).ToHttp(plan => TypedResults.Ok(plan)))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        sync.MapGet("/runs/{runId:guid}", async (Guid runId, ISender sender, CancellationToken ct) =>
            (await sender.Send(new GetSyncRun(runId), ct)).ToHttp(run => TypedResults.Ok(run)))
            .ProducesProblem(StatusCodes.Status404NotFound);

        // A limit that is not a number is the caller's 400.
        sync.MapGet("/runs", async (int? limit, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListSyncRuns(limit ?? 20), ct)))
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    /// <summary>Whether the body asks for a preview: no body (the "Start sync" button) is a real run.</summary>
    private static async Task<bool> PreviewAsked(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is 0 || !request.HasJsonContentType()) return false;
        try
        {
            var body = await request.ReadFromJsonAsync<StartBody>(ct);
            return body?.Preview ?? false;
        }
        catch (System.Text.Json.JsonException ex)
        {
            // The caller's body, not ours: a 400 like any other body that does not parse.
            throw new BadHttpRequestException("The body is not valid JSON.", ex);
        }
    }
}
