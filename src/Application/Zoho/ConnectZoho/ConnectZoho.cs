using System.Text.Json.Serialization;
using Mediator;
using NotesSync.Application.Common;

namespace NotesSync.Application.Zoho.ConnectZoho;

/// <summary>An admin starts connecting the organisation's Zoho CRM: answers where their browser must go.</summary>
public sealed record ConnectZoho : ICommand<ZohoAuthorize>, IAdminRequest;

/// <summary>
/// Where the admin's browser goes, and the nonce that browser keeps in a cookie for the callback: it is never in
/// the JSON, so the page's scripts cannot read it.
/// </summary>
public sealed record ZohoAuthorize(Uri AuthorizeUrl, [property: JsonIgnore] string BrowserNonce)
{
    public override string ToString() => $"ZohoAuthorize {{ AuthorizeUrl = {AuthorizeUrl.GetLeftPart(UriPartial.Path)} }}";
}

public sealed class ConnectZohoHandler(IZohoAuthorization zoho, IOAuthState state, ICurrentUser me)
    : ICommandHandler<ConnectZoho, ZohoAuthorize>
{
    public ValueTask<ZohoAuthorize> Handle(ConnectZoho command, CancellationToken ct)
    {
        var issued = state.Issue(me.OrgId, me.UserId);
        return ValueTask.FromResult(new ZohoAuthorize(zoho.AuthorizeUrl(issued.State), issued.BrowserNonce));
    }
}
