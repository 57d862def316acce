using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;

namespace NotesSync.Application.Zoho.GetZohoStatus;

public sealed record GetZohoStatus : IQuery<ZohoStatus>, ILicensedRequest;

public sealed record ZohoStatus(bool Connected, string? ApiDomain, string? ConnectedBy, DateTimeOffset? ConnectedAt);

public sealed class GetZohoStatusHandler(IReadRepository<SyncAccount> accounts, ICurrentUser me)
    : IQueryHandler<GetZohoStatus, ZohoStatus>
{
    public async ValueTask<ZohoStatus> Handle(GetZohoStatus query, CancellationToken ct)
    {
        var zoho = (await accounts.FirstOrDefaultAsync(new AccountByOrg(me.OrgId), ct))?.Zoho;
        return new ZohoStatus(zoho is not null, zoho?.ApiDomain, zoho?.ConnectedBy, zoho?.ConnectedAt);
    }
}
