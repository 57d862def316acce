using NotesSync.Domain.Common;

namespace NotesSync.Domain.Profiles;

/// <summary>
/// Where a user's Notes data lives and how to sign in to it. The password is ciphertext: it is decrypted
/// only by the adapter that talks to Domino, and never leaves the backend.
/// </summary>
public sealed record NotesConnection
{
    private NotesConnection() { }

    public string ServerUrl { get; private init; } = "";
    public string UserName { get; private init; } = "";
    public string MailFile { get; private init; } = "";
    public string ProtectedPassword { get; private init; } = "";
    public DateTimeOffset ConnectedAt { get; private init; }

    public static NotesConnection Create(
        string serverUrl, string userName, string mailFile, string protectedPassword, DateTimeOffset connectedAt) => new()
    {
        ServerUrl = Guard.NotBlank(serverUrl, nameof(serverUrl), 500),
        UserName = Guard.NotBlank(userName, nameof(userName), 200),
        MailFile = Guard.NotBlank(mailFile, nameof(mailFile), 500),
        ProtectedPassword = Guard.NotBlank(protectedPassword, nameof(protectedPassword), 4000),
        ConnectedAt = connectedAt,
    };

    public NotesConnection WithCredentials(string userName, string protectedPassword) => this with
    {
        UserName = Guard.NotBlank(userName, nameof(userName), 200),
        ProtectedPassword = Guard.NotBlank(protectedPassword, nameof(protectedPassword), 4000),
    };
}
