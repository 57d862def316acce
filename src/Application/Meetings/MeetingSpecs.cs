using Ardalis.Specification;
using NotesSync.Domain.Meetings;

namespace NotesSync.Application.Meetings;

public sealed class MeetingOfUser : SingleResultSpecification<Meeting>
{
    public MeetingOfUser(string orgId, string userId, Guid meetingId) =>
        Query.Where(m => m.OrgId == orgId && m.UserId == userId && m.Id == meetingId);
}

public sealed class MeetingByKey : SingleResultSpecification<Meeting>
{
    public MeetingByKey(string orgId, string userId, string idempotencyKey) =>
        Query.Where(m => m.OrgId == orgId && m.UserId == userId && m.IdempotencyKey == idempotencyKey);
}

public sealed class MeetingsOfUser : Specification<Meeting>
{
    public MeetingsOfUser(string orgId, string userId) =>
        Query.Where(m => m.OrgId == orgId && m.UserId == userId).OrderByDescending(m => m.CreatedAt);
}
