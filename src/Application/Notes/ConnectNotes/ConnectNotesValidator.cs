using FluentValidation;

namespace NotesSync.Application.Notes.ConnectNotes;

public sealed class ConnectNotesValidator : AbstractValidator<ConnectNotes>
{
    public ConnectNotesValidator()
    {
        RuleFor(c => c.ServerName).NotEmpty().MaximumLength(500);
        RuleFor(c => c.UserName).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Password).NotEmpty().MaximumLength(500);
        RuleFor(c => c.MailFile).MaximumLength(500)
            .Must(m => m is null || (!m.Contains("..", StringComparison.Ordinal) && !m.Contains('?') && !m.Contains('#')))
            .WithMessage("'{PropertyName}' is a path in the server's data directory, such as mail/jdoe.nsf.");
    }
}
