using NotesSync.Domain.Common;

namespace NotesSync.Domain.Meetings;

public sealed record Participant(string Email, string? Name, string? CrmContactId);

/// <summary>A meeting a CRM user scheduled: created in their Notes calendar (with invitations) and in Zoho CRM.</summary>
public sealed class Meeting : AggregateRoot
{
    private List<Participant> _participants = [];

    private Meeting() { }

    public string UserId { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string? Location { get; private set; }
    public DateTimeOffset Start { get; private set; }
    public DateTimeOffset End { get; private set; }
    public int? ReminderMinutes { get; private set; }
    public string? NotesEventId { get; private set; }
    public string? CrmEventId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<Participant> Participants => _participants;

    public static Result<Meeting> Schedule(
        string orgId, string userId, string subject, IReadOnlyList<Participant> participants, string? location,
        DateTimeOffset start, DateTimeOffset end, int? reminderMinutes, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(subject)) return Error.Validation("subject-required", "A meeting needs a subject.");
        if (end <= start) return Error.Validation("end-before-start", "A meeting ends after it starts.");
        if (participants.Count == 0) return Error.Validation("no-participants", "Invite at least one participant.");
        if (participants.FirstOrDefault(p => !EmailAddress.IsValid(p.Email)) is { } bad)
            return Error.Validation("invalid-email", $"'{bad.Email}' is not an e-mail address.");
        if (reminderMinutes < 0) return Error.Validation("negative-reminder", "A reminder cannot come after the start.");

        return new Meeting
        {
            OrgId = Guard.NotBlank(orgId, nameof(orgId), 64),
            UserId = Guard.NotBlank(userId, nameof(userId), 64),
            Subject = subject.Trim(),
            Location = string.IsNullOrWhiteSpace(location) ? null : location.Trim(),
            Start = start,
            End = end,
            ReminderMinutes = reminderMinutes,
            CreatedAt = now,
            _participants = [.. participants.DistinctBy(p => p.Email.Trim().ToUpperInvariant())],
        };
    }

    public void CreatedInNotes(string notesEventId)
    {
        NotesEventId = Guard.NotBlank(notesEventId, nameof(notesEventId), 200);
        Touch();
    }

    public void CreatedInCrm(string crmEventId)
    {
        CrmEventId = Guard.NotBlank(crmEventId, nameof(crmEventId), 64);
        Touch();
    }
}
