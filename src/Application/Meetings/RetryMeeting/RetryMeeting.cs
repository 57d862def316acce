using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Common;
using NotesSync.Domain.Meetings;

namespace NotesSync.Application.Meetings.RetryMeeting;

/// <summary>Completes a partial meeting (its CRM Event failed): never a second Notes entry, invitation or CRM Event.</summary>
public sealed record RetryMeeting(Guid MeetingId) : ICommand<Result<MeetingView>>, ILicensedRequest;

public sealed class RetryMeetingHandler(IRepository<Meeting> meetings, MeetingScheduler scheduler, ICurrentUser me)
    : ICommandHandler<RetryMeeting, Result<MeetingView>>
{
    public async ValueTask<Result<MeetingView>> Handle(RetryMeeting command, CancellationToken ct)
    {
        // Another user's or another organisation's meeting is not found: the caller learns nothing of it.
        var meeting = await meetings.FirstOrDefaultAsync(new MeetingOfUser(me.OrgId, me.UserId, command.MeetingId), ct);
        if (meeting is null) return Error.NotFound("meeting-not-found", "No meeting of yours has this id.");
        if (meeting.State == MeetingState.Scheduled) return MeetingView.Of(meeting);

        var done = await scheduler.CompleteAsync(meeting, ct);
        return done.IsSuccess ? MeetingView.Of(meeting) : done.Error! with { Kind = ErrorKind.Unprocessable };
    }
}
