using System.Linq.Expressions;
using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;

namespace NotesSync.Infrastructure.Persistence.Specifications;

/// <summary>
/// Turns an Ardalis specification into an EF Core query. Ardalis' own EF package is not served by our registry,
/// so this is ours, and deliberately small: criteria, includes, ordering, paging, tracking and split queries,
/// projections. A specification that asks for more fails loudly instead of being half-applied.
/// </summary>
public static class SpecificationEvaluator
{
    public static IQueryable<T> Apply<T>(IQueryable<T> query, ISpecification<T> spec, bool criteriaOnly = false)
        where T : class
    {
        if (spec.SearchCriterias.Any())
            throw new NotSupportedException("Search criteria are not supported by the NotesSync evaluator; use Where.");

        foreach (var where in spec.WhereExpressions) query = query.Where(where.Filter);
        if (criteriaOnly) return query;

        foreach (var path in IncludePaths(spec)) query = query.Include(path);
        query = Order(query, spec);
        if (spec.Skip is > 0 and var skip) query = query.Skip(skip);
        if (spec.Take is >= 0 and var take) query = query.Take(take);

        if (spec.AsNoTracking) query = query.AsNoTracking();
        else if (spec.AsNoTrackingWithIdentityResolution) query = query.AsNoTrackingWithIdentityResolution();
        else if (spec.AsTracking) query = query.AsTracking();
        if (spec.AsSplitQuery) query = query.AsSplitQuery();
        if (spec.IgnoreQueryFilters) query = query.IgnoreQueryFilters();
        return query;
    }

    public static IQueryable<TResult> Apply<T, TResult>(IQueryable<T> query, ISpecification<T, TResult> spec)
        where T : class
    {
        var filtered = Apply(query, (ISpecification<T>)spec);
        if (spec.Selector is not null) return filtered.Select(spec.Selector);
        if (spec.SelectorMany is not null) return filtered.SelectMany(spec.SelectorMany);
        throw new InvalidOperationException($"{spec.GetType().Name} has no Select: a projection needs one.");
    }

    private static IQueryable<T> Order<T>(IQueryable<T> query, ISpecification<T> spec)
    {
        IOrderedQueryable<T>? ordered = null;
        foreach (var order in spec.OrderExpressions)
        {
            ordered = order.OrderType switch
            {
                OrderTypeEnum.OrderBy => query.OrderBy(order.KeySelector),
                OrderTypeEnum.OrderByDescending => query.OrderByDescending(order.KeySelector),
                OrderTypeEnum.ThenBy => (ordered ?? throw ThenWithoutOrder()).ThenBy(order.KeySelector),
                OrderTypeEnum.ThenByDescending => (ordered ?? throw ThenWithoutOrder()).ThenByDescending(order.KeySelector),
                _ => throw new NotSupportedException($"Order {order.OrderType} is not supported."),
            };
            query = ordered;
        }

        return query;
    }

    private static InvalidOperationException ThenWithoutOrder() => new("ThenBy needs an OrderBy before it.");

    /// <summary>
    /// Include/ThenInclude chains as EF's dotted paths ("Users", "Runs.Failures"): the same query, without
    /// rebuilding EF's generic Include calls by reflection.
    /// </summary>
    internal static IEnumerable<string> IncludePaths<T>(ISpecification<T> spec)
    {
        var paths = new List<string>(spec.IncludeStrings);
        foreach (var include in spec.IncludeExpressions)
        {
            var member = MemberPath(include.LambdaExpression);
            if (include.Type == IncludeTypeEnum.Include) paths.Add(member);
            else if (paths.Count > 0) paths[^1] = $"{paths[^1]}.{member}";
            else throw new InvalidOperationException("ThenInclude needs an Include before it.");
        }

        return paths;
    }

    private static string MemberPath(LambdaExpression lambda)
    {
        var names = new Stack<string>();
        var expression = lambda.Body;
        while (expression is MemberExpression member)
        {
            names.Push(member.Member.Name);
            expression = member.Expression;
        }

        if (expression != lambda.Parameters[0] || names.Count == 0)
            throw new NotSupportedException($"Include '{lambda}' is not a plain navigation path.");
        return string.Join('.', names);
    }
}
