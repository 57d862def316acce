using FluentValidation;

namespace NotesSync.Application.Sync.StartSyncRun;

public sealed class StartSyncRunValidator : AbstractValidator<StartSyncRun>
{
    public StartSyncRunValidator() => RuleFor(c => c.Trigger).IsInEnum();
}
