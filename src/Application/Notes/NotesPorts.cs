using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Notes;

/// <summary>How to sign in to a Domino server: a normalised https URL, the Notes user name, the internet password.</summary>
public sealed record NotesCredentials(Uri Server, string UserName, string Password)
{
    // The password must never reach a log line or an exception message through a record's generated ToString.
    public override string ToString() => $"{UserName} on {Server}";
}

public enum DasCheckTarget
{
    Server,
    Database,
    View,
}

/// <summary>
/// One switch DAS needs, as Domino answered about it (api.md "checks"). <see cref="Module"/> names the only module
/// that needs it (a view, the calendar service); null means every sync needs it.
/// </summary>
public sealed record DasCheck(DasCheckTarget Target, string Name, bool Ok, string? Code = null, SyncModule? Module = null);

/// <summary>Where the user's mail file is, as DAS told it or the user typed it.</summary>
public sealed record MailFileLocation(string Path);

/// <summary>Domino, as NotesSync needs to reach it (the DAS adapter in Infrastructure).</summary>
public interface IDominoGateway
{
    /// <summary>
    /// Turns what the user typed ("mail.acme.com", "https://mail.acme.com:8443/") into the server's URL, refusing
    /// plain http and private addresses unless configuration allows them.
    /// </summary>
    Result<Uri> ParseServer(string serverName);

    /// <summary>
    /// Signs in and finds the user's mail file: the directory lookup, else the Person document in names.nsf,
    /// else <paramref name="typedMailFile"/>, checked by reading it. Fails with the code of what went wrong.
    /// </summary>
    Task<Result<MailFileLocation>> FindMailFileAsync(NotesCredentials credentials, string? typedMailFile, CancellationToken ct);

    /// <summary>Checks each DAS switch the sync needs: the services on the server, the mail file, each view.</summary>
    Task<Result<IReadOnlyList<DasCheck>>> DiagnoseAsync(NotesCredentials credentials, string mailFile, CancellationToken ct);

    /// <summary>Whether Domino accepts these credentials for this mail file.</summary>
    Task<Result> VerifyAsync(NotesCredentials credentials, string mailFile, CancellationToken ct);
}
