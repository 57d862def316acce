using System.Text.Json;
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
        RuleFor(c => c.EventRange).Must(IsOneOf).WithMessage($"Choose one of {Choices<EventRange>()}.");
        RuleFor(c => c.Direction).Must(IsOneOf).WithMessage($"Choose one of {Choices<SyncDirection>()}.");
        RuleFor(c => c.ConflictWinner).Must(IsOneOf).WithMessage($"Choose one of {Choices<ConflictWinner>()}.");
    }

    private static bool IsOneOf<T>(T? choice) where T : struct, Enum => choice is { } value && Enum.IsDefined(value);

    /// <summary>The values as the API spells them (api.md "Sync settings").</summary>
    private static string Choices<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName));
}
