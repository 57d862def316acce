using NotesSync.Domain.Meetings;

namespace NotesSync.Application.Meetings;

public sealed record ParticipantView(string Email, string? Name, string? CrmContactId);

public sealed record MeetingError(string Code, string Message);

/// <summary>A meeting as api.md "Meetings" answers it.</summary>
public sealed record MeetingView(
    Guid MeetingId, string Subject, DateTimeOffset Start, DateTimeOffset End, string? Location,
    IReadOnlyList<ParticipantView> Participants, int? ReminderMinutes, string State, string? NotesEventId, string? CrmEventId,
    DateTimeOffset CreatedAt, MeetingError? Error)
{
    public static MeetingView Of(Meeting m) => new(
        m.Id, m.Subject, m.Start, m.End, m.Location,
        [.. m.Participants.Select(p => new ParticipantView(p.Email, p.Name, p.CrmContactId))], m.ReminderMinutes,
        m.State.ToString().ToLowerInvariant(), m.NotesEventId, m.CrmEventId, m.CreatedAt,
        m.ErrorCode is { } code ? new MeetingError(code, m.ErrorMessage ?? "") : null);
}
