using FluentValidation;
using NotesSync.Domain.Common;

namespace NotesSync.Application.Common;

/// <summary>Field rules shared by several validators, so a limit is stated once.</summary>
public static class Rules
{
    public static IRuleBuilderOptions<T, string> ZohoId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9_.-]+$")
            .WithMessage("'{PropertyName}' is a Zoho id: letters, digits, '_', '.' or '-'.");

    public static IRuleBuilderOptions<T, string> Email<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Must(EmailAddress.IsValid).WithMessage("'{PropertyName}' is not an e-mail address.");
}
