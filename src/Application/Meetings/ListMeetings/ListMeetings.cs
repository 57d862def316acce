using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Meetings;

namespace NotesSync.Application.Meetings.ListMeetings;

/// <summary>The caller's meetings, newest first (another user's are never listed).</summary>
public sealed record ListMeetings : IQuery<IReadOnlyList<MeetingView>>, ILicensedRequest;

public sealed class ListMeetingsHandler(IReadRepository<Meeting> meetings, ICurrentUser me)
    : IQueryHandler<ListMeetings, IReadOnlyList<MeetingView>>
{
    public async ValueTask<IReadOnlyList<MeetingView>> Handle(ListMeetings query, CancellationToken ct) =>
        [.. (await meetings.ListAsync(new MeetingsOfUser(me.OrgId, me.UserId), ct)).Select(MeetingView.Of)];
}
