using FluentValidation;

namespace NotesSync.Application.Sync.ApplyPreview;

public sealed class ApplyPreviewValidator : AbstractValidator<ApplyPreview>
{
    public ApplyPreviewValidator() => RuleFor(c => c.RunId).NotEmpty();
}
