using FluentValidation;

namespace NotesSync.Application.Zoho.CompleteZohoConnection;

public sealed class CompleteZohoConnectionValidator : AbstractValidator<CompleteZohoConnection>
{
    public CompleteZohoConnectionValidator()
    {
        RuleFor(c => c.Code).MaximumLength(2000);
        RuleFor(c => c.State).MaximumLength(4000);
        RuleFor(c => c.AccountsServer).MaximumLength(200);
        RuleFor(c => c.Error).MaximumLength(200);
        RuleFor(c => c.BrowserNonce).MaximumLength(100);
    }
}
