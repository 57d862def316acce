namespace NotesSync.Application.Notes;

/// <summary>A DAS check as the widget shows it: what was checked, whether it passed, and how to fix it if not.</summary>
public sealed record CheckView(string Target, string Name, bool Ok, string? Code, IReadOnlyList<string>? Fix)
{
    public static CheckView Of(DasCheck check, string locale) => new(
        check.Target.ToString().ToLowerInvariant(), check.Name, check.Ok, check.Code,
        check.Ok ? null : DasFixes.For(check.Target, check.Name, locale));

    public static IReadOnlyList<CheckView> Of(IEnumerable<DasCheck> checks, string locale) =>
        [.. checks.Select(c => Of(c, locale))];
}
