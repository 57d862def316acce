namespace NotesSync.Application.Sync;

/// <summary>
/// How long one run may take before it is stopped and fails (<c>run-time-limit</c>): a node has a few workers, and
/// runs held by slow servers would otherwise keep every other organisation's syncs waiting. Configuration
/// <c>Sync:MaxRunDuration</c>.
/// </summary>
public sealed record RunTimeLimit(TimeSpan MaxDuration)
{
    public static readonly RunTimeLimit Default = new(TimeSpan.FromHours(1));
}
