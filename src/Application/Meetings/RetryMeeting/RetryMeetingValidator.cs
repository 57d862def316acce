using FluentValidation;

namespace NotesSync.Application.Meetings.RetryMeeting;

public sealed class RetryMeetingValidator : AbstractValidator<RetryMeeting>
{
    public RetryMeetingValidator() => RuleFor(c => c.MeetingId).NotEmpty();
}
