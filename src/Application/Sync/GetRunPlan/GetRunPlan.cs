using Ardalis.Specification;
using FluentValidation;
using Mediator;
using NotesSync.Application.Common;
using NotesSync.Application.Sync.Engine;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Sync.GetRunPlan;

/// <summary>A preview's planned actions, 100 a page, in the order decided; filtered by module and action.</summary>
/// <param name="Module">contacts, tasks or events (as the run's modules are named), or null for all.</param>
public sealed record GetRunPlan(Guid RunId, string? Module, string? Action, int Page) : IQuery<Result<PlanPage>>, ILicensedRequest
{
    public SyncModule? ModuleFilter => Enum.TryParse<SyncModule>(Module, ignoreCase: true, out var module) ? module : null;
}

public sealed record PlanSide(string? Id, string? Name);

public sealed record PlanFieldView(string Name, string? From, string? To, string Side);

public sealed record PlanItemView(
    string Module, string Action, PlanSide Notes, PlanSide Crm, string? MatchedBy, IReadOnlyList<PlanFieldView>? Fields, string? Winner);

public sealed record PlanPage(IReadOnlyList<PlanItemView> Items, int Page, int Total);

public sealed class GetRunPlanValidator : AbstractValidator<GetRunPlan>
{
    public GetRunPlanValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.Module).Must(m => Enum.TryParse<SyncModule>(m, ignoreCase: true, out _)).When(q => q.Module is not null)
            .WithMessage("contacts, tasks or events.");
        RuleFor(q => q.Action).MaximumLength(32);
    }
}

public sealed class GetRunPlanHandler(IReadRepository<SyncRun> runs, IReadRepository<PlannedAction> actions, ICurrentUser me)
    : IQueryHandler<GetRunPlan, Result<PlanPage>>
{
    public const int PageSize = 100;

    public async ValueTask<Result<PlanPage>> Handle(GetRunPlan query, CancellationToken ct)
    {
        // Another user's run, or another organisation's, is not found: its plan is theirs.
        if (await runs.FirstOrDefaultAsync(new RunOfUser(me.OrgId, me.UserId, query.RunId), ct) is null)
            return Error.NotFound("run-not-found", "No run of yours has this id.");

        var total = await actions.CountAsync(new FilteredPlan(me.OrgId, query.RunId, query.ModuleFilter, query.Action, paged: false), ct);
        var page = await actions.ListAsync(new FilteredPlan(me.OrgId, query.RunId, query.ModuleFilter, query.Action, paged: true, query.Page), ct);
        return new PlanPage([.. page.Select(View)], query.Page, total);
    }

    private static PlanItemView View(PlannedAction a) => new(
        RunView.Name(a.Module), a.Action, new PlanSide(a.NotesId, a.NotesName), new PlanSide(a.CrmId, a.CrmName), a.MatchedBy,
        a.Fields.Count == 0 ? null : [.. a.Fields.Select(f => new PlanFieldView(f.Name, f.From, f.To, f.Side == SyncSide.Crm ? "crm" : "notes"))],
        a.Winner is { } w ? (w == SyncSide.Crm ? "crm" : "notes") : null);

    private sealed class FilteredPlan : Specification<PlannedAction>
    {
        public FilteredPlan(string orgId, Guid runId, SyncModule? module, string? action, bool paged, int page = 1)
        {
            Query.Where(a => a.OrgId == orgId && a.RunId == runId);
            if (module is { } m) Query.Where(a => a.Module == m);
            if (!string.IsNullOrEmpty(action)) Query.Where(a => a.Action == action);
            Query.OrderBy(a => a.Position);
            if (paged) Query.Skip((page - 1) * PageSize).Take(PageSize);
        }
    }
}
