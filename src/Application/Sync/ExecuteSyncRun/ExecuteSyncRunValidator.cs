using FluentValidation;

namespace NotesSync.Application.Sync.ExecuteSyncRun;

public sealed class ExecuteSyncRunValidator : AbstractValidator<ExecuteSyncRun>
{
    public ExecuteSyncRunValidator() => RuleFor(c => c.RunId).NotEmpty();
}
