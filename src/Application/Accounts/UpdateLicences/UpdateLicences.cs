using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Common;

namespace NotesSync.Application.Accounts.UpdateLicences;

public sealed record UpdateLicences(string OrgId, int Seats) : ICommand<Result>;

public sealed class UpdateLicencesHandler(IRepository<SyncAccount> accounts) : ICommandHandler<UpdateLicences, Result>
{
    public async ValueTask<Result> Handle(UpdateLicences command, CancellationToken ct)
    {
        var account = await accounts.FirstOrDefaultAsync(new AccountByOrg(command.OrgId), ct);
        if (account is null) return Error.NotFound("unknown-organisation", "This organisation has not installed NotesSync.");

        account.ChangeSeats(command.Seats);
        await accounts.SaveChangesAsync(ct);
        return Result.Success();
    }
}
