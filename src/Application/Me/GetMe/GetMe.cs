using Mediator;
using NotesSync.Application.Common;
using NotesSync.Application.Users;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Me.GetMe;

public sealed record GetMe : IQuery<MeView>, ILicensedRequest;

/// <summary>What the widget shows of its user. Never the password: only whether Notes is connected, and where.</summary>
public sealed record MeView(
    string UserId, string Email, string Name, UserRole Role, NotesView Notes, bool ZohoConnected, SeatsView Seats, string Locale);

public sealed record NotesView(bool Connected, string? ServerName, string? UserName, string? MailFile);

public sealed class GetMeHandler(
    IReadRepository<SyncAccount> accounts, IReadRepository<SyncProfile> profiles, ICurrentUser me)
    : IQueryHandler<GetMe, MeView>
{
    public async ValueTask<MeView> Handle(GetMe query, CancellationToken ct)
    {
        var account = await accounts.FirstOrDefaultAsync(new AccountByOrg(me.OrgId), ct);
        var user = account!.FindUser(me.UserId)!;
        var notes = (await profiles.FirstOrDefaultAsync(new ProfileOfUser(me.OrgId, me.UserId), ct))?.Notes;

        return new MeView(
            user.UserId, user.Email, user.Name, user.Role,
            new NotesView(notes is not null, notes?.ServerUrl, notes?.UserName, notes?.MailFile),
            account.Zoho is not null,
            new SeatsView(account.SeatsUsed, account.Seats),
            me.Locale);
    }
}
