using NotesSync.Simulators.Domino.Calendar;

namespace NotesSync.Simulators.Domino.State;

/// <summary>A person to register. Only the common name and the password are required.</summary>
public sealed record NotesUserSpec(string CommonName, string Password)
{
    public string Organization { get; init; } = "Acme";

    /// <summary>Defaults to the first letter of the first name and the last name, lower-cased (jdoe).</summary>
    public string? ShortName { get; init; }

    public string? InternetAddress { get; init; }

    /// <summary>Defaults to <c>mail/{shortname}.nsf</c>.</summary>
    public string? MailFilePath { get; init; }

    /// <summary>Canonical name of the home mail server; another server than this one means the mail file is not here.</summary>
    public string? MailServer { get; init; }

    /// <summary>
    /// The Person document's MailFile item as an admin typed it. Defaults to the awkward form das.md warns
    /// about: backslash and no <c>.nsf</c> (<c>mail\jdoe</c>).
    /// </summary>
    public string? PersonMailFileItem { get; init; }
}

public sealed record ContactSpec
{
    public string FirstName { get; init; } = "";
    public required string LastName { get; init; }
    public string CompanyName { get; init; } = "";
    public string JobTitle { get; init; } = "";
    public string Email { get; init; } = "";
    public string OfficePhone { get; init; } = "";
    public string CellPhone { get; init; } = "";
    public string OfficeStreet { get; init; } = "";
    public string OfficeCity { get; init; } = "";
    public string OfficeZip { get; init; } = "";
    public string OfficeCountry { get; init; } = "";
    public string Comment { get; init; } = "";
    public IReadOnlyList<string> Categories { get; init; } = [];
    public DateOnly? Birthday { get; init; }

    /// <summary>Marked with <c>Confidential</c> "1" and without <c>$PublicAccess</c> (inferred, das.md §3).</summary>
    public bool Private { get; init; }

    public DateTimeOffset? Modified { get; init; }
}

public sealed record TodoSpec
{
    public required string Subject { get; init; }
    public string Body { get; init; } = "";
    public DateTimeOffset? Due { get; init; }
    public DateTimeOffset? Start { get; init; }
    public DateTimeOffset? Completed { get; init; }

    /// <summary>Notes Importance item: "1" high, "2" medium, "3" low (inferred values).</summary>
    public string Importance { get; init; } = "2";

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Marked with <c>OrgConfidential</c> "1" and without <c>$PublicAccess</c>.</summary>
    public bool Private { get; init; }

    public DateTimeOffset? Modified { get; init; }
}

/// <summary>What the simulator did when a meeting was written with workflow on: it "sent" a notice.</summary>
public enum NoticeKind
{
    Invitation,
    Update,
    Cancellation,
    Reply,
}

public sealed record SentNotice(
    NoticeKind Kind,
    string MailFile,
    string EventId,
    string Summary,
    string From,
    IReadOnlyList<string> Recipients,
    DateTimeOffset SentAt,
    string? Comment = null);

/// <summary>An event as the calendar service holds it, with its document.</summary>
public sealed record EventSnapshot(string Unid, string EventId, EventData Data, DateTimeOffset Modified, bool Cancelled, string OwnerStatus, string? NoticeType);
