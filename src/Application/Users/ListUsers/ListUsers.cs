using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;

namespace NotesSync.Application.Users.ListUsers;

public sealed record ListUsers : IQuery<UsersView>, IAdminRequest;

public sealed record UsersView(SeatsView Seats, IReadOnlyList<UserView> Users);

public sealed class ListUsersHandler(IReadRepository<SyncAccount> accounts, ICurrentUser me)
    : IQueryHandler<ListUsers, UsersView>
{
    public async ValueTask<UsersView> Handle(ListUsers query, CancellationToken ct)
    {
        var account = await accounts.FirstOrDefaultAsync(new AccountByOrg(me.OrgId), ct);
        return new UsersView(
            new SeatsView(account!.SeatsUsed, account.Seats),
            [.. account.Users.OrderBy(u => u.AddedAt).Select(UserView.Of)]);
    }
}
