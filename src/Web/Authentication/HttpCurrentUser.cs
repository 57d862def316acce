using NotesSync.Application.Common;

namespace NotesSync.Web.Authentication;

/// <summary>The caller, from the claims of their verified widget token.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor http) : ICurrentUser
{
    public string OrgId => Claim("org");
    public string UserId => Claim("sub");
    public string Email => Claim("email");
    public string Name => Claim("name");
    public string Locale => Claim("locale") is { Length: > 0 } locale ? locale : "en";

    private string Claim(string type) => http.HttpContext?.User.FindFirst(type)?.Value ?? "";
}
