using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Common;

namespace NotesSync.Application.Users.ListCandidates;

/// <summary>The CRM users an admin may still add: every active user of the organisation's Zoho CRM without a seat.</summary>
public sealed record ListCandidates : IQuery<Result<IReadOnlyList<CandidateView>>>, IAdminRequest;

public sealed record CandidateView(string UserId, string Email, string Name);

public sealed class ListCandidatesHandler(IReadRepository<SyncAccount> accounts, ICrmUserDirectory crmUsers, ICurrentUser me)
    : IQueryHandler<ListCandidates, Result<IReadOnlyList<CandidateView>>>
{
    public async ValueTask<Result<IReadOnlyList<CandidateView>>> Handle(ListCandidates query, CancellationToken ct)
    {
        var account = await accounts.FirstOrDefaultAsync(new AccountByOrg(me.OrgId), ct);
        var crm = await crmUsers.ListUsersAsync(me.OrgId, ct);
        if (crm.IsFailure) return crm.Error!;
        return Result<IReadOnlyList<CandidateView>>.Success(
            [.. crm.Value.Where(u => account!.FindUser(u.UserId) is null).OrderBy(u => u.Name, StringComparer.CurrentCultureIgnoreCase)
                .Select(u => new CandidateView(u.UserId, u.Email, u.Name))]);
    }
}
