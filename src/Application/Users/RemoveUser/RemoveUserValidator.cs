using FluentValidation;
using NotesSync.Application.Common;

namespace NotesSync.Application.Users.RemoveUser;

public sealed class RemoveUserValidator : AbstractValidator<RemoveUser>
{
    public RemoveUserValidator() => RuleFor(c => c.UserId).ZohoId();
}
