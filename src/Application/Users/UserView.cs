using NotesSync.Domain.Accounts;

namespace NotesSync.Application.Users;

public sealed record SeatsView(int Used, int Total);

public sealed record UserView(string UserId, string Email, string Name, UserRole Role, bool HasSynced, DateTimeOffset AddedAt)
{
    public static UserView Of(LicensedUser user) =>
        new(user.UserId, user.Email, user.Name, user.Role, user.HasSynced, user.AddedAt);
}
