using NotesSync.Domain.Common;

namespace NotesSync.Domain.Accounts;

/// <summary>
/// One per Zoho organisation that installed the extension: its seats, its licensed users and the secret
/// that signs its widget tokens. The installer is the first admin.
/// </summary>
public sealed class SyncAccount : AggregateRoot
{
    private readonly List<LicensedUser> _users = [];

    private SyncAccount() { }

    public string OrgName { get; private set; } = "";
    public int Seats { get; private set; }
    public DateTimeOffset InstalledAt { get; private set; }

    /// <summary>The widget-token signing secret, as ciphertext: the domain never sees it in clear.</summary>
    public string ProtectedSigningSecret { get; private set; } = "";

    /// <summary>Null until an admin connects the organisation's Zoho CRM, and again once Zoho revoked the grant.</summary>
    public ZohoConnection? Zoho { get; private set; }

    public IReadOnlyList<LicensedUser> Users => _users;
    public int SeatsUsed => _users.Count;

    public static SyncAccount Install(
        string orgId, string orgName, ZohoUser installer, int seats, string protectedSigningSecret, DateTimeOffset now)
    {
        var account = new SyncAccount
        {
            OrgId = Guard.NotBlank(orgId, nameof(orgId), 64),
            OrgName = Guard.NotBlank(orgName, nameof(orgName), 200),
            Seats = Guard.Positive(seats, nameof(seats)),
            ProtectedSigningSecret = Guard.NotBlank(protectedSigningSecret, nameof(protectedSigningSecret), 4000),
            InstalledAt = now,
        };
        account._users.Add(new LicensedUser(account.OrgId, installer, UserRole.Admin, now));
        return account;
    }

    /// <summary>
    /// The licence changed. Fewer seats than users leaves everyone in place; only new additions are refused.
    /// </summary>
    public void ChangeSeats(int seats)
    {
        Seats = Guard.Positive(seats, nameof(seats));
        Touch();
    }

    public LicensedUser? FindUser(string userId) =>
        _users.Find(u => string.Equals(u.UserId, userId, StringComparison.Ordinal));

    public Result<LicensedUser> AddUser(ZohoUser user, DateTimeOffset now)
    {
        if (FindUser(user.UserId) is not null) return SyncAccountErrors.AlreadyLicensed;
        if (!LicensedUser.CanHold(user)) return SyncAccountErrors.NoUsableEmail;
        if (_users.Count >= Seats) return SyncAccountErrors.NoSeatsLeft;

        var licensed = new LicensedUser(OrgId, user, UserRole.User, now);
        _users.Add(licensed);
        Touch();
        return licensed;
    }

    public Result RemoveUser(string userId)
    {
        var user = FindUser(userId);
        if (user is null) return SyncAccountErrors.UserNotFound;
        if (user.HasSynced) return SyncAccountErrors.UserHasSynced;
        if (user.IsAdmin && _users.Count(u => u.IsAdmin) == 1) return SyncAccountErrors.LastAdmin;

        _users.Remove(user);
        Touch();
        return Result.Success();
    }

    /// <summary>A user's first finished sync: from now on Manage users refuses to remove them.</summary>
    public Result MarkUserSynced(string userId)
    {
        var user = FindUser(userId);
        if (user is null) return SyncAccountErrors.UserNotFound;
        if (user.HasSynced) return Result.Success();

        user.MarkSynced();
        Touch();
        return Result.Success();
    }

    public void ConnectZoho(ZohoConnection connection)
    {
        Zoho = connection;
        Touch();
    }

    /// <summary>Zoho refused the refresh token: every sync answers "not connected" until an admin reconnects.</summary>
    public void DisconnectZoho()
    {
        Zoho = null;
        Touch();
    }
}
