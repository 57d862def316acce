using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>
/// The organisation's current Zoho access token, shared by every node through the database. Zoho keeps at most 15
/// access tokens alive per refresh token and throttles refreshes, so nodes must not each refresh on their own:
/// whoever takes the lease refreshes, the others wait and read the result (zoho.md §1).
/// </summary>
public sealed class ZohoAccessToken : IOrganisationOwned
{
    private ZohoAccessToken() { }

    public ZohoAccessToken(string orgId) => OrgId = orgId;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string OrgId { get; private set; } = "";
    public string? ProtectedToken { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset? LeaseUntil { get; private set; }
    public int Version { get; private set; }

    public bool IsUsable(DateTimeOffset now, TimeSpan margin) => ProtectedToken is not null && ExpiresAt - margin > now;

    public bool IsLeased(DateTimeOffset now) => LeaseUntil > now;

    public void TakeLease(DateTimeOffset until)
    {
        LeaseUntil = until;
        Version++;
    }

    public void Store(string protectedToken, DateTimeOffset expiresAt)
    {
        ProtectedToken = protectedToken;
        ExpiresAt = expiresAt;
        LeaseUntil = null;
        Version++;
    }

    /// <summary>Zoho refused this token (INVALID_TOKEN) or the grant is gone: nobody may use it any more.</summary>
    public void Forget()
    {
        ProtectedToken = null;
        ExpiresAt = null;
        LeaseUntil = null;
        Version++;
    }
}
