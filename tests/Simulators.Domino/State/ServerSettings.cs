namespace NotesSync.Simulators.Domino.State;

/// <summary>How the server's HTTP stack challenges an unauthenticated request.</summary>
public enum DominoAuthentication
{
    /// <summary>401 with an HTML body and a Basic challenge (the server default).</summary>
    Basic,

    /// <summary>Session-based authentication: 200 with an HTML login form instead of 401; POST /names.nsf?Login sets DomAuthSessId.</summary>
    SessionLoginPage,
}

/// <summary>The server document's settings that matter to DAS. Change them through <see cref="DominoState.ConfigureServer"/>.</summary>
public sealed record ServerSettings
{
    /// <summary>Canonical name of this server; Person documents name it in MailServer.</summary>
    public string ServerName { get; set; } = "CN=mail01/O=Acme";

    /// <summary>"Data" in the server document's Domino Access Services enabled services.</summary>
    public bool DataServiceEnabled { get; set; } = true;

    /// <summary>"Calendar" in the server document's Domino Access Services enabled services.</summary>
    public bool CalendarServiceEnabled { get; set; } = true;

    /// <summary>Whether the Extension Library on this server has the directory service at all (often absent).</summary>
    public bool DirectoryServiceInstalled { get; set; }

    public bool DirectoryServiceEnabled { get; set; }

    public DominoAuthentication Authentication { get; set; } = DominoAuthentication.Basic;

    /// <summary>
    /// das.md: the server-level 403 "may carry no JSON body". True sends <c>{"code":403,"text":"Forbidden"}</c>,
    /// false an empty body, so adapters can be tested against both.
    /// </summary>
    public bool ServiceForbiddenHasBody { get; set; } = true;

    /// <summary>notes.ini DataServiceMaxViewEntries; the limit for <c>count</c> on view entries.</summary>
    public int MaxViewEntries { get; set; } = 100;

    /// <summary>The server's own zone: floating times are read in it, and full event reads answer in the event's zone.</summary>
    public string TimeZoneId { get; set; } = "Romance Standard Time";
}
