using Mediator;
using NotesSync.Application.Sync.ChangeSyncSettings;
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
    public sealed record SettingsBody(
        bool Contacts, bool Tasks, bool Events, EventRange EventRange, SyncDirection Direction,
        ConflictWinner ConflictWinner, int? AutoSyncMinutes);

    public static void MapSync(this IEndpointRouteBuilder api)
    {
        var sync = api.MapGroup("/sync").WithTags("Sync");

        sync.MapGet("/settings", async (ISender sender, CancellationToken ct) => Results.Ok(await sender.Send(new GetSyncSettings(), ct)));

        sync.MapPut("/settings", async (SettingsBody body, ISender sender, CancellationToken ct) =>
            (await sender.Send(new ChangeSyncSettings(body.Contacts, body.Tasks, body.Events, body.EventRange, body.Direction,
                body.ConflictWinner, body.AutoSyncMinutes), ct)).ToHttp(saved => Results.Ok(saved)));

        sync.MapPost("/runs", async (ISender sender, CancellationToken ct) =>
            (await sender.Send(new StartSyncRun(), ct)).ToHttp(runId => Results.Accepted($"/api/sync/runs/{runId}", new { runId })));

        sync.MapGet("/runs/{runId:guid}", async (Guid runId, ISender sender, CancellationToken ct) =>
            (await sender.Send(new GetSyncRun(runId), ct)).ToHttp(run => Results.Ok(run)));

        sync.MapGet("/runs", async (int? limit, ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new ListSyncRuns(limit ?? 20), ct)));
    }
}
