using FluentValidation;
using NotesSync.Application.Common;

namespace NotesSync.Application.Sync.StartScheduledSyncRun;

public sealed class StartScheduledSyncRunValidator : AbstractValidator<StartScheduledSyncRun>
{
    public StartScheduledSyncRunValidator()
    {
        RuleFor(c => c.OrgId).ZohoId();
        RuleFor(c => c.UserId).ZohoId();
    }
}
