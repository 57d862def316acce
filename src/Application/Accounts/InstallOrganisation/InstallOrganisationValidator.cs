using FluentValidation;
using NotesSync.Application.Common;

namespace NotesSync.Application.Accounts.InstallOrganisation;

public sealed class InstallOrganisationValidator : AbstractValidator<InstallOrganisation>
{
    public InstallOrganisationValidator()
    {
        RuleFor(c => c.OrgId).ZohoId();
        RuleFor(c => c.OrgName).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Seats).InclusiveBetween(1, 100_000);
        RuleFor(c => c.Installer).NotNull().DependentRules(() =>
        {
            RuleFor(c => c.Installer.UserId).ZohoId().OverridePropertyName("installer.userId");
            RuleFor(c => c.Installer.Email).Email().OverridePropertyName("installer.email");
            RuleFor(c => c.Installer.Name).NotEmpty().MaximumLength(200).OverridePropertyName("installer.name");
        });
    }
}
