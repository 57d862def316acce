using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.Http;

/// <summary>
/// Domino's HTTP authentication in front of DAS: Basic on every request, or a DomAuthSessId cookie from
/// <c>POST /names.nsf?Login</c>. Inferred: the simulator authenticates before it looks at DAS switches, so a
/// wrong password always answers the challenge even where DAS is off.
/// </summary>
internal sealed class HttpAuthenticator(DominoState state)
{
    public const string SessionCookie = "DomAuthSessId";

    private readonly ConcurrentDictionary<string, string> _sessions = new(StringComparer.Ordinal);

    /// <summary>Called under the state lock.</summary>
    public NotesUser? Authenticate(HttpRequest request)
    {
        if (request.Cookies.TryGetValue(SessionCookie, out var token) && _sessions.TryGetValue(token, out var name))
            return state.FindUserUnlocked(name);

        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return null;
        return Verify(decoded[..colon], decoded[(colon + 1)..]);
    }

    public NotesUser? Verify(string userName, string password)
    {
        var user = state.FindUserUnlocked(userName);
        return user is not null && string.Equals(user.Password, password, StringComparison.Ordinal) ? user : null;
    }

    public string StartSession(NotesUser user)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        _sessions[token] = user.CanonicalName;
        return token;
    }

    public void EndSession(HttpRequest request)
    {
        if (request.Cookies.TryGetValue(SessionCookie, out var token)) _sessions.TryRemove(token, out _);
    }

    /// <summary>
    /// What an unauthenticated (or unauthorised) request gets: with Basic, 401 and an HTML page; with session
    /// authentication, 200 and the HTML login form (das.md §5), which a client must not parse as data.
    /// </summary>
    public static DasResponse Challenge(ServerSettings server) =>
        server.Authentication == DominoAuthentication.SessionLoginPage
            ? DasResponse.Html(200, LoginPage)
            : DasResponse.Html(401, "<html>\n<head>\n<title>Error</title></head>\n<body text=\"#000000\">\n<h1>Error 401</h1>You are not authorized to perform this operation\n</body>\n</html>\n")
                .With("WWW-Authenticate", "Basic realm=\"/\"");

    public const string LoginPage =
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">\n<html>\n<head>\n<title>Server Login</title>\n</head>\n" +
        "<body>\n<form method=\"post\" action=\"/names.nsf?Login\" name=\"_DominoForm\">\n" +
        "<input type=\"text\" name=\"Username\">\n<input type=\"password\" name=\"Password\">\n" +
        "<input type=\"hidden\" name=\"RedirectTo\" value=\"/\">\n<input type=\"submit\" value=\"Log In\">\n</form>\n</body>\n</html>\n";
}
