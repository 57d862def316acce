using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Common;
using NotesSync.Domain.Meetings;

namespace NotesSync.Application.Meetings.ScheduleMeeting;

/// <summary>One participant as the screen sends it: a CRM contact of the user's (by id), or a plain address.</summary>
public sealed record ParticipantInput(string? Email, string? Name, string? CrmContactId);

/// <summary>
/// The "Schedule meeting" tab (product.md §5): a Notes meeting with invitations, and the same meeting as a CRM Event.
/// <see cref="IdempotencyKey"/> is the client's (api.md's <c>Idempotency-Key</c>); without one, each request is new.
/// </summary>
public sealed record ScheduleMeeting(
    string? IdempotencyKey, string Subject, IReadOnlyList<ParticipantInput> Participants, string? Location,
    DateTimeOffset Start, DateTimeOffset End, int? ReminderMinutes) : ICommand<Result<MeetingView>>, ILicensedRequest;

public sealed class ScheduleMeetingHandler(
    IRepository<Meeting> meetings, ICrmContactDirectory contacts, MeetingScheduler scheduler, ICurrentUser me, TimeProvider clock)
    : ICommandHandler<ScheduleMeeting, Result<MeetingView>>
{
    public async ValueTask<Result<MeetingView>> Handle(ScheduleMeeting command, CancellationToken ct)
    {
        var key = command.IdempotencyKey ?? Guid.NewGuid().ToString("N");
        if (await meetings.FirstOrDefaultAsync(new MeetingByKey(me.OrgId, me.UserId, key), ct) is { } again)
            return await CompleteAsync(again, ct);

        var participants = await ParticipantsAsync(command.Participants, ct);
        if (participants.IsFailure) return participants.Error!;
        var scheduled = Meeting.Schedule(me.OrgId, me.UserId, command.Subject, participants.Value, command.Location,
            command.Start, command.End, command.ReminderMinutes, clock.GetUtcNow(), key);
        if (scheduled.IsFailure) return scheduled.Error!;

        var meeting = scheduled.Value;
        try
        {
            await meetings.AddAsync(meeting, ct);
        }
        catch (PersistenceConflictException)
        {
            // The same key arrived twice at once: the other request's meeting is this one.
            var first = await meetings.FirstOrDefaultAsync(new MeetingByKey(me.OrgId, me.UserId, key), ct);
            return first is null ? Error.Conflict("meeting-being-scheduled", "This meeting is being scheduled; try again.") : MeetingView.Of(first);
        }

        return await CompleteAsync(meeting, ct);
    }

    /// <summary>
    /// Carries the meeting as far as it goes. A Notes failure before anything was written leaves nothing anywhere
    /// (the meeting is forgotten, so the same key may be sent again); a CRM failure leaves it partial.
    /// </summary>
    private async Task<Result<MeetingView>> CompleteAsync(Meeting meeting, CancellationToken ct)
    {
        var done = await scheduler.CompleteAsync(meeting, ct);
        if (done.IsSuccess) return MeetingView.Of(meeting);
        if (meeting.NotesEventId is null) await meetings.DeleteAsync(meeting, ct);

        return done.Error! with { Kind = ErrorKind.Unprocessable };
    }

    /// <summary>Contacts picked by id become their e-mail address, read from the CRM among the user's own contacts only.</summary>
    private async Task<Result<IReadOnlyList<Participant>>> ParticipantsAsync(IReadOnlyList<ParticipantInput> inputs, CancellationToken ct)
    {
        var ids = inputs.Select(p => p.CrmContactId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var cards = new Dictionary<string, CrmContactCard>(StringComparer.Ordinal);
        if (ids.Count > 0)
        {
            var found = await contacts.ByIdsAsync(me.OrgId, me.UserId, ids, ct);
            if (found.IsFailure) return found.Error!;
            foreach (var card in found.Value) cards[card.Id] = card;
        }

        var participants = new List<Participant>();
        foreach (var input in inputs)
        {
            if (input.CrmContactId is not { } id)
            {
                participants.Add(new Participant(input.Email!.Trim(), input.Name, null));
                continue;
            }

            if (!cards.TryGetValue(id, out var card) || card.Email is not { Length: > 0 } email)
                return Error.Validation("unknown-crm-contact", $"The CRM contact '{id}' is not one of yours, or has no e-mail address.");
            participants.Add(new Participant(email, input.Name ?? card.Name, id));
        }

        return participants;
    }
}
