using FluentValidation;
using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Common;

namespace NotesSync.Application.Meetings.SearchContacts;

/// <summary>The meeting screen's participant picker: the user's own CRM contacts by name or e-mail, at most 20.</summary>
public sealed record SearchCrmContacts(string? Search) : IQuery<Result<IReadOnlyList<CrmContactCard>>>, ILicensedRequest;

public sealed class SearchCrmContactsValidator : AbstractValidator<SearchCrmContacts>
{
    public SearchCrmContactsValidator() => RuleFor(s => s.Search).MaximumLength(100);
}

public sealed class SearchCrmContactsHandler(ICrmContactDirectory contacts, ICurrentUser me)
    : IQueryHandler<SearchCrmContacts, Result<IReadOnlyList<CrmContactCard>>>
{
    public const int Max = 20;

    public async ValueTask<Result<IReadOnlyList<CrmContactCard>>> Handle(SearchCrmContacts query, CancellationToken ct) =>
        await contacts.SearchAsync(me.OrgId, me.UserId, query.Search?.Trim() ?? "", Max, ct);
}
