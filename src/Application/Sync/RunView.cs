using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Sync;

public sealed record ProgressView(int Done, int Total);

/// <summary>A run as the dashboard reads it (api.md "Sync runs"); the per-record lists only for one run.</summary>
public sealed record RunView(
    Guid RunId, RunStatus Status, RunTrigger Trigger, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, ProgressView Progress, RunError? Error, IReadOnlyDictionary<string, ModuleCounts> Modules,
    IReadOnlyList<ConflictView>? Conflicts, IReadOnlyList<FailureView>? Failures, IReadOnlyList<FailureView>? Warnings)
{
    /// <summary>Items left alone for a reason the user can act on (owned-by-colleague); only for one run.</summary>
    public IReadOnlyList<SkippedView>? Skipped { get; init; }

    /// <summary>A preview: it wrote nothing; its planned actions are at <c>/api/sync/runs/{runId}/plan</c>.</summary>
    public bool Preview { get; init; }

    /// <summary>The preview this run applied, and how many of its actions differed from it (the data moved in between).</summary>
    public Guid? AppliesPreview { get; init; }

    public int? DifferencesFromPreview { get; init; }

    public static RunView Of(SyncRun run, bool withRecords) => new(
        run.Id, run.Status, run.Trigger, run.QueuedAt, run.StartedAt, run.FinishedAt,
        new ProgressView(run.ProgressDone, run.ProgressTotal), run.Error,
        run.Modules.ToDictionary(m => Name(m.Key), m => m.Value),
        withRecords ? [.. run.Conflicts.Select(ConflictView.Of)] : null,
        withRecords ? [.. run.Failures.Select(FailureView.Of)] : null,
        withRecords ? [.. run.Warnings.Select(FailureView.Of)] : null)
    {
        Skipped = withRecords ? [.. run.Skipped.Select(SkippedView.Of)] : null,
        Preview = run.IsPreview,
        AppliesPreview = run.AppliesPreview,
        DifferencesFromPreview = run.DifferencesFromPreview,
    };

    internal static string Name(SyncModule module) => module.ToString().ToLowerInvariant();
}

public sealed record ConflictView(
    string Module, string NotesId, string CrmId, string Winner, IReadOnlyList<ConflictField> Fields,
    IReadOnlyDictionary<string, string?> LosingVersion)
{
    public static ConflictView Of(ConflictEntry c) => new(
        RunView.Name(c.Module), c.NotesId, c.CrmId, c.Winner == SyncSide.Crm ? "crm" : "notes", c.Fields, c.LosingVersion);
}

public sealed record FailureView(string Module, string Side, string Id, string Code, string Message)
{
    public static FailureView Of(RecordFailure f) =>
        new(RunView.Name(f.Module), f.Side == SyncSide.Crm ? "crm" : "notes", f.Id, f.Code, f.Message);
}

/// <summary>One item the run left alone: the user's own Notes id and, for a contact, its e-mail.</summary>
public sealed record SkippedView(string Module, string NotesId, string Code, string? Email)
{
    public static SkippedView Of(SkippedItem s) => new(RunView.Name(s.Module), s.NotesId, s.Code, s.Email);
}
