using Mediator;
using NotesSync.Application.Me.GetMe;
using NotesSync.Application.Users.AddUser;
using NotesSync.Application.Users.ListCandidates;
using NotesSync.Application.Users.ListUsers;
using NotesSync.Application.Users.RemoveUser;
using NotesSync.Web.Problems;

namespace NotesSync.Web.Endpoints;

/// <summary>The widget's "me" and the admins' Manage users screen.</summary>
public static class Users
{
    public sealed record AddUserBody(string UserId);

    public static void MapUsers(this IEndpointRouteBuilder api)
    {
        api.MapGet("/me", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetMe(), ct)))
            .WithTags("Me");

        var users = api.MapGroup("/users").WithTags("Users");
        users.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListUsers(), ct)));

        // The candidates are read from Zoho: a CRM that is not connected or does not answer is a 422.
        users.MapGet("/candidates", async (ISender sender, CancellationToken ct) =>
            (await sender.Send(new ListCandidates(), ct)).ToHttp(candidates => TypedResults.Ok(candidates)))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        users.MapPost("/", async (AddUserBody body, ISender sender, CancellationToken ct) =>
            (await sender.Send(new AddUser(body.UserId), ct))
                .ToHttp(user => TypedResults.Created($"/api/users/{Uri.EscapeDataString(user.UserId)}", user)))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        users.MapDelete("/{userId}", async (string userId, ISender sender, CancellationToken ct) =>
            (await sender.Send(new RemoveUser(userId), ct)).ToHttp(TypedResults.NoContent))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
