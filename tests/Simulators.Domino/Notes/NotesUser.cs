namespace NotesSync.Simulators.Domino.Notes;

/// <summary>A person registered on the server: HTTP password, names, and where the mail file lives.</summary>
public sealed class NotesUser
{
    internal NotesUser(string commonName, string organization, string shortName, string internetAddress,
        string password, string mailFilePath, string mailServer)
    {
        CommonName = commonName;
        Organization = organization;
        ShortName = shortName;
        InternetAddress = internetAddress;
        Password = password;
        MailFilePath = mailFilePath;
        MailServer = mailServer;
    }

    public string CommonName { get; }
    public string Organization { get; }
    public string ShortName { get; }
    public string InternetAddress { get; }
    public string Password { get; internal set; }

    /// <summary>Path of the mail file relative to the data directory, e.g. <c>mail/jdoe.nsf</c>.</summary>
    public string MailFilePath { get; }

    /// <summary>Canonical name of the home mail server.</summary>
    public string MailServer { get; }

    public string CanonicalName => $"CN={CommonName}/O={Organization}";
    public string AbbreviatedName => $"{CommonName}/{Organization}";

    /// <summary>Domino accepts any of a person's names as the HTTP user name.</summary>
    public bool IsKnownAs(string name) =>
        new[] { CanonicalName, AbbreviatedName, CommonName, ShortName, InternetAddress }
            .Any(n => string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<string> AllNames => [CanonicalName, AbbreviatedName, CommonName, ShortName, InternetAddress];
}
