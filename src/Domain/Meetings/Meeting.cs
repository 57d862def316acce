using NotesSync.Domain.Common;

namespace NotesSync.Domain.Meetings;

public sealed record Participant(string Email, string? Name, string? CrmContactId);

/// <summary>How far a meeting got over its two systems.</summary>
public enum MeetingState
{
    /// <summary>Being scheduled: not in Notes yet (or Notes' answer was lost).</summary>
    Pending,

    /// <summary>In Notes, invitations sent; the CRM Event still to make (<c>POST …/retry</c> completes it).</summary>
    Partial,

    /// <summary>In Notes and in the CRM, linked for the sync.</summary>
    Scheduled,
}

/// <summary>
/// A meeting a CRM user scheduled: created in their Notes calendar (with invitations) and in Zoho CRM. One logical
/// operation over two systems: Notes first, then the CRM; a meeting whose CRM half failed is <see cref="MeetingState.Partial"/>
/// and completed later, never made twice (the client's <see cref="IdempotencyKey"/> names it).
/// </summary>
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

    /// <summary>The client's name for this scheduling (api.md: <c>Idempotency-Key</c>): the same key is the same meeting.</summary>
    public string IdempotencyKey { get; private set; } = "";

    /// <summary>Why the last attempt stopped short (the CRM's code and message), while the meeting is partial.</summary>
    public string? ErrorCode { get; private set; }
    public string? ErrorMessage { get; private set; }

    public MeetingState State => NotesEventId is null ? MeetingState.Pending : CrmEventId is null ? MeetingState.Partial : MeetingState.Scheduled;

    public static Result<Meeting> Schedule(
        string orgId, string userId, string subject, IReadOnlyList<Participant> participants, string? location,
        DateTimeOffset start, DateTimeOffset end, int? reminderMinutes, DateTimeOffset now, string idempotencyKey)
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
            IdempotencyKey = Guard.NotBlank(idempotencyKey, nameof(idempotencyKey), 100),
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
        (ErrorCode, ErrorMessage) = (null, null);
        Touch();
    }

    /// <summary>The CRM half failed: the meeting stays in Notes, partial, with the reason.</summary>
    public void CrmFailed(string code, string message)
    {
        (ErrorCode, ErrorMessage) = (code, message);
        Touch();
    }
}
