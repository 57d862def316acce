using FluentValidation;
using NotesSync.Application.Common;

namespace NotesSync.Application.Notes.ChangeNotesPassword;

public sealed class ChangeNotesPasswordValidator : AbstractValidator<ChangeNotesPassword>
{
    public ChangeNotesPasswordValidator()
    {
        RuleFor(c => c.Email).Email().MaximumLength(254);
        RuleFor(c => c.NewPassword).NotEmpty().MaximumLength(500);
    }
}
