using FluentValidation;
using NotesSync.Application.Common;

namespace NotesSync.Application.Users.AddUser;

public sealed class AddUserValidator : AbstractValidator<AddUser>
{
    public AddUserValidator() => RuleFor(c => c.UserId).ZohoId();
}
