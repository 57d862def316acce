using FluentValidation;
using NotesSync.Application.Common;

namespace NotesSync.Application.Accounts.UpdateLicences;

public sealed class UpdateLicencesValidator : AbstractValidator<UpdateLicences>
{
    public UpdateLicencesValidator()
    {
        RuleFor(c => c.OrgId).ZohoId();
        RuleFor(c => c.Seats).InclusiveBetween(1, 100_000);
    }
}
