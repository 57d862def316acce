using FluentValidation;

namespace NotesSync.Application.Sync.RestoreSchedules;

/// <summary>Nothing to validate: the command has no input. It exists so that every command has its validator.</summary>
public sealed class RestoreSchedulesValidator : AbstractValidator<RestoreSchedules>;
