using Mediator;
using NotesSync.Application.Common;

namespace NotesSync.Application.Zoho.ConnectZoho;

/// <summary>An admin starts connecting the organisation's Zoho CRM: answers where their browser must go.</summary>
public sealed record ConnectZoho : ICommand<ZohoAuthorize>, IAdminRequest;

public sealed record ZohoAuthorize(Uri AuthorizeUrl);

public sealed class ConnectZohoHandler(IZohoAuthorization zoho, IOAuthState state, ICurrentUser me)
    : ICommandHandler<ConnectZoho, ZohoAuthorize>
{
    public ValueTask<ZohoAuthorize> Handle(ConnectZoho command, CancellationToken ct) =>
        ValueTask.FromResult(new ZohoAuthorize(zoho.AuthorizeUrl(state.Issue(me.OrgId, me.UserId))));
}
