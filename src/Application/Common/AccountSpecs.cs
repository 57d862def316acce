using Ardalis.Specification;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Common;

public sealed class AccountByOrg : SingleResultSpecification<SyncAccount>
{
    public AccountByOrg(string orgId) =>
        Query.Where(a => a.OrgId == orgId).Include(a => a.Users);
}

public sealed class ProfileOfUser : SingleResultSpecification<SyncProfile>
{
    public ProfileOfUser(string orgId, string userId) =>
        Query.Where(p => p.OrgId == orgId && p.UserId == userId).Include(p => p.Checkpoints);
}
