using FluentValidation;
using NotesSync.Domain.Common;

namespace NotesSync.Application.Meetings.ScheduleMeeting;

/// <summary>
/// What a meeting must be before anything is written (issue 19, api.md "Meetings"): Zoho's limits (255 characters,
/// 50 participants), one invitation per person, a start that is not in the past, a reminder of at most four weeks.
/// </summary>
public sealed class ScheduleMeetingValidator : AbstractValidator<ScheduleMeeting>
{
    public const int MaxParticipants = 50;
    public const int MaxReminderMinutes = 40_320;

    public ScheduleMeetingValidator(TimeProvider clock)
    {
        RuleFor(m => m.IdempotencyKey).MaximumLength(100);
        RuleFor(m => m.Subject).NotEmpty().WithErrorCode("subject-required").MaximumLength(255);
        RuleFor(m => m.Location).MaximumLength(255);
        RuleFor(m => m.Participants).NotEmpty().WithMessage("Invite at least one participant.")
            .Must(p => p.Count <= MaxParticipants).WithMessage($"At most {MaxParticipants} participants (Zoho's limit).")
            .Must(p => p.Where(x => x.CrmContactId is null).Select(x => x.Email?.Trim()).OfType<string>()
                    .GroupBy(e => e, StringComparer.OrdinalIgnoreCase).All(g => g.Count() == 1))
            .WithMessage("A participant is invited once.");
        RuleForEach(m => m.Participants).ChildRules(p =>
        {
            p.RuleFor(x => x.Email).Must(e => e is not null && EmailAddress.IsValid(e.Trim()))
                .When(x => x.CrmContactId is null).WithMessage("'{PropertyValue}' is not an e-mail address.");
            p.RuleFor(x => x.Name).MaximumLength(255);
            p.RuleFor(x => x.CrmContactId).MaximumLength(64);
        });
        RuleFor(m => m.End).GreaterThan(m => m.Start).WithMessage("A meeting ends after it starts.");
        RuleFor(m => m.Start).Must(start => start >= clock.GetUtcNow().AddMinutes(-1))
            .WithMessage("A meeting cannot start in the past.");
        RuleFor(m => m.ReminderMinutes).InclusiveBetween(0, MaxReminderMinutes);
    }
}
