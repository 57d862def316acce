using Mediator;
using NotesSync.Application.Notes.ChangeNotesPassword;
using NotesSync.Application.Notes.ConnectNotes;
using NotesSync.Application.Notes.DisconnectNotes;
using NotesSync.Application.Notes.GetDiagnostics;
using NotesSync.Web.Problems;
using NotesSync.Web.RateLimiting;

namespace NotesSync.Web.Endpoints;

/// <summary>The user's Notes account: connect, diagnose DAS, change the password, disconnect.</summary>
public static class Notes
{
    public sealed record ConnectBody(string ServerName, string UserName, string Password, string? MailFile)
    {
        public override string ToString() => $"{UserName} on {ServerName}";
    }

    public sealed record PasswordBody(string Email, string NewPassword)
    {
        public override string ToString() => Email;
    }

    public static void MapNotes(this IEndpointRouteBuilder api)
    {
        var notes = api.MapGroup("/notes").WithTags("Notes account");

        notes.MapPost("/connection", async (ConnectBody body, ISender sender, CancellationToken ct) =>
            (await sender.Send(new ConnectNotes(body.ServerName, body.UserName, body.Password, body.MailFile), ct))
                .ToHttp(connected => TypedResults.Ok(connected)))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .CountsAsNotesSignIn();

        notes.MapGet("/diagnostics", async (ISender sender, CancellationToken ct) =>
            (await sender.Send(new GetDiagnostics(), ct)).ToHttp(diagnostics => TypedResults.Ok(diagnostics)))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        notes.MapPut("/password", async (PasswordBody body, ISender sender, CancellationToken ct) =>
            (await sender.Send(new ChangeNotesPassword(body.Email, body.NewPassword), ct)).ToHttp(TypedResults.NoContent))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .CountsAsNotesSignIn();

        notes.MapDelete("/connection", async (ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new DisconnectNotes(), ct);
            return TypedResults.NoContent();
        });
    }
}
