using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>The organisation's CRM users, read from Zoho's users API once the organisation connected Zoho.</summary>
internal sealed class ZohoCrmUserDirectory(IReadRepository<SyncAccount> accounts) : ICrmUserDirectory
{
    public static readonly Error NotConnected =
        Error.Unprocessable("zoho-not-connected", "An admin must connect Zoho CRM first.");

    public async Task<Result<IReadOnlyList<ZohoUser>>> ListUsersAsync(string orgId, CancellationToken ct)
    {
        var account = await accounts.FirstOrDefaultAsync(new AccountByOrg(orgId), ct);
        if (account?.Zoho is null) return NotConnected;
        throw new NotSupportedException("Reading CRM users arrives with the Zoho adapter.");
    }
}
