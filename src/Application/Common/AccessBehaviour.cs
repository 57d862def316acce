using Mediator;
using NotesSync.Domain.Accounts;

namespace NotesSync.Application.Common;

/// <summary>
/// Refuses a widget request from someone who holds no seat of the token's organisation, and an admin request
/// from a non-admin, before any handler runs. The organisation comes from the verified token, never the body.
/// </summary>
public sealed class AccessBehaviour<TMessage, TResponse>(ICurrentUser me, IReadRepository<SyncAccount> accounts)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is ILicensedRequest)
        {
            var account = await accounts.FirstOrDefaultAsync(new AccountByOrg(me.OrgId), cancellationToken);
            var user = account?.FindUser(me.UserId)
                ?? throw new AccessDeniedException("not-licensed", "You hold no NotesSync seat in this organisation.");
            if (message is IAdminRequest && !user.IsAdmin)
                throw new AccessDeniedException("admin-only", "Only an admin of NotesSync can do this.");
        }

        return await next(message, cancellationToken);
    }
}
