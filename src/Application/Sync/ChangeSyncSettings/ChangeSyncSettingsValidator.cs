using FluentValidation;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Sync.ChangeSyncSettings;

/// <summary>Field-level errors for the settings dialog; the domain checks the same rules again.</summary>
public sealed class ChangeSyncSettingsValidator : AbstractValidator<ChangeSyncSettings>
{
    public ChangeSyncSettingsValidator()
    {
        RuleFor(c => c.Contacts).Must((c, _) => c.Contacts || c.Tasks || c.Events)
            .WithMessage("Choose at least one of contacts, tasks and events.");
        RuleFor(c => c.AutoSyncMinutes)
            .InclusiveBetween(SyncSettings.MinAutoSyncMinutes, SyncSettings.MaxAutoSyncMinutes)
            .When(c => c.AutoSyncMinutes is not null)
            .WithMessage($"Automatic sync runs every {SyncSettings.MinAutoSyncMinutes} to {SyncSettings.MaxAutoSyncMinutes} minutes, or is off.");
        RuleFor(c => c.EventRange).IsInEnum();
        RuleFor(c => c.Direction).IsInEnum();
        RuleFor(c => c.ConflictWinner).IsInEnum();
    }
}
