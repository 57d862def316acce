using NotesSync.Domain.Common;

namespace NotesSync.Domain.Accounts;

public enum UserRole
{
    User,
    Admin,
}

/// <summary>A CRM user who holds one of the organisation's seats.</summary>
public sealed class LicensedUser : Entity, IOrganisationOwned
{
    private LicensedUser() { }

    internal LicensedUser(string orgId, ZohoUser user, UserRole role, DateTimeOffset addedAt)
    {
        OrgId = orgId;
        UserId = Guard.NotBlank(user.UserId, nameof(user.UserId), 64);
        Email = Guard.NotBlank(user.Email, nameof(user.Email), 254);
        Name = Guard.NotBlank(user.Name, nameof(user.Name), 200);
        Role = role;
        AddedAt = addedAt;
    }

    public string OrgId { get; private set; } = "";
    public string UserId { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string Name { get; private set; } = "";
    public UserRole Role { get; private set; }
    public bool HasSynced { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }

    public bool IsAdmin => Role == UserRole.Admin;

    internal void MarkSynced() => HasSynced = true;
}
