using NotesSync.Domain.Common;

namespace NotesSync.Domain.Accounts;

public static class SyncAccountErrors
{
    public static readonly Error NoSeatsLeft =
        Error.Conflict("no-seats-left", "Every licensed seat is taken: buy more seats or remove a user first.");

    public static readonly Error UserHasSynced =
        Error.Conflict("user-has-synced", "This user has already synced and keeps their seat.");

    public static readonly Error LastAdmin =
        Error.Conflict("last-admin", "The organisation's last admin cannot be removed.");

    public static readonly Error AlreadyLicensed =
        Error.Conflict("user-already-added", "This user already holds a seat.");

    public static readonly Error NoUsableEmail =
        Error.Unprocessable("crm-user-without-email", "Zoho gives this user no e-mail address NotesSync can use.");

    public static readonly Error UserNotFound =
        Error.NotFound("user-not-found", "No licensed user has this id.");
}
