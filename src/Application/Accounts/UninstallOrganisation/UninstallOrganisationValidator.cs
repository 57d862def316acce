using FluentValidation;
using NotesSync.Application.Common;

namespace NotesSync.Application.Accounts.UninstallOrganisation;

public sealed class UninstallOrganisationValidator : AbstractValidator<UninstallOrganisation>
{
    public UninstallOrganisationValidator() => RuleFor(c => c.OrgId).ZohoId();
}
