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
        Email = Guard.NotBlank(user.Email, nameof(user.Email), MaxEmailLength);
        Name = DisplayName(user);
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

    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;

    public bool IsAdmin => Role == UserRole.Admin;

    /// <summary>Whether a CRM user can hold a seat: Zoho may list users without an e-mail address NotesSync can keep.</summary>
    public static bool CanHold(ZohoUser user) =>
        !string.IsNullOrWhiteSpace(user.Email) && user.Email.Trim().Length <= MaxEmailLength;

    /// <summary>
    /// The name as Zoho gives it, which NotesSync only shows: one longer than we keep is shortened, and a user Zoho
    /// names with nothing is shown by their e-mail.
    /// </summary>
    private static string DisplayName(ZohoUser user)
    {
        var name = string.IsNullOrWhiteSpace(user.Name) ? user.Email.Trim() : user.Name.Trim();
        if (name.Length <= MaxNameLength) return name;
        // Never half of a character written as two UTF-16 units.
        return name[..(char.IsHighSurrogate(name[MaxNameLength - 1]) ? MaxNameLength - 1 : MaxNameLength)];
    }

    internal void MarkSynced() => HasSynced = true;
}
