using Mediator;
using Microsoft.AspNetCore.Mvc;
using NotesSync.Application.Meetings.ListMeetings;
using NotesSync.Application.Meetings.RetryMeeting;
using NotesSync.Application.Meetings.ScheduleMeeting;
using NotesSync.Application.Meetings.SearchContacts;
using NotesSync.Web.Problems;

namespace NotesSync.Web.Endpoints;

/// <summary>The "Schedule meeting" tab: schedule, complete a partial one, list; and the participant picker.</summary>
public static class Meetings
{
    public sealed record MeetingBody(
        string? Subject, IReadOnlyList<ParticipantInput>? Participants, string? Location, DateTimeOffset Start, DateTimeOffset End,
        int? ReminderMinutes);

    public static void MapMeetings(this IEndpointRouteBuilder api)
    {
        var meetings = api.MapGroup("/meetings").WithTags("Meetings");

        // The same Idempotency-Key again answers the same meeting and creates nothing (api.md "Meetings").
        meetings.MapPost("/", async (
                MeetingBody body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ISender sender, CancellationToken ct) =>
            (await sender.Send(new ScheduleMeeting(idempotencyKey, body.Subject ?? "", body.Participants ?? [], body.Location,
                body.Start, body.End, body.ReminderMinutes), ct))
                .ToHttp(meeting => TypedResults.Created($"/api/meetings/{meeting.MeetingId}", meeting)))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        meetings.MapPost("/{meetingId:guid}/retry", async (Guid meetingId, ISender sender, CancellationToken ct) =>
            (await sender.Send(new RetryMeeting(meetingId), ct)).ToHttp(meeting => TypedResults.Ok(meeting)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        meetings.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListMeetings(), ct)));

        api.MapGet("/crm/contacts", async (string? search, ISender sender, CancellationToken ct) =>
            (await sender.Send(new SearchCrmContacts(search), ct)).ToHttp(cards => TypedResults.Ok(cards)))
            .WithTags("Meetings")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
