using NotesSync.Domain.Common;

namespace NotesSync.Application.Notes;

/// <summary>
/// The codes of api.md "Notes account": each one tells the user a different thing to do. Those that make the whole
/// mail file unusable are marked so (<see cref="Error.AffectsWholeSide"/>): a sync stops on them.
/// </summary>
public static class NotesErrors
{
    public static readonly Error InvalidCredentials =
        Error.Unprocessable("invalid-credentials", "Domino refused this user name and password.").OfWholeSide();

    public static readonly Error ServerUnreachable =
        Error.Unprocessable("server-unreachable", "No Domino server answers at this name. Check the server name.").OfWholeSide();

    public static readonly Error TlsError =
        Error.Unprocessable("tls-error", "The server's HTTPS certificate is not valid or not trusted, so NotesSync cannot talk to it safely.").OfWholeSide();

    public static readonly Error Timeout =
        Error.Unprocessable("server-timeout", "The Domino server did not answer in time. Try again, or ask your administrator whether it is overloaded.").OfWholeSide();

    public static readonly Error AnswerTooLarge =
        Error.Unprocessable("notes-answer-too-large", "The Domino server sent an answer far larger than any Domino Access Services answer, so NotesSync stopped reading it. Ask your administrator to check the server.").OfWholeSide();

    public static readonly Error MailFileNotFound =
        Error.Unprocessable("mail-file-not-found", "NotesSync could not find your mail file. Type its path (for example mail/jdoe.nsf).").OfWholeSide();

    public static readonly Error NotConnected =
        Error.Unprocessable("notes-not-connected", "Connect your Notes account first.");

    public static readonly Error InsecureServer =
        Error.Validation("insecure-server", "The server must be reached over https.");

    public static readonly Error PrivateNetwork =
        Error.Validation("private-network-server", "This server name points to a private or local address, which NotesSync does not reach.").OfWholeSide();

    public static Error PortNotAllowed(IEnumerable<int> allowed) =>
        Error.Validation("server-port-not-allowed", $"NotesSync reaches Domino servers on ports {string.Join(", ", allowed)} only.").OfWholeSide();

    public static readonly Error InvalidServer =
        Error.Validation("invalid-server", "This is not a server name or an https address.");

    public static Error PasswordNotVerified(int dominoStatus) =>
        Error.Unprocessable("password-not-verified",
            $"Domino answered {dominoStatus} instead of opening your mail file with this password, so NotesSync could not check it and kept the previous one. Try again later, or ask your administrator.")
            with { Extensions = new Dictionary<string, object?> { ["dominoStatus"] = dominoStatus } };

    public static Error MailServerElsewhere(string mailServer) =>
        Error.Unprocessable("mail-server-elsewhere", $"Your mail file lives on {mailServer}. Connect to that server instead.")
            with { Extensions = new Dictionary<string, object?> { ["mailServer"] = mailServer } };

    public static Error DasDisabled(DasCheckTarget target, string name) => (target switch
    {
        DasCheckTarget.Server => Error.Unprocessable("das-disabled-server", "Domino Access Services are not enabled on this server."),
        DasCheckTarget.Database => Error.Unprocessable("das-disabled-database", $"Domino Access Services are not allowed on the database {name}."),
        _ => Error.Unprocessable("das-disabled-view", $"Domino Access Services are not allowed on the view {name}."),
    }).OfWholeSide();
}
