using NotesSync.Domain.Common;

namespace NotesSync.Application.Sync;

/// <summary>The one place where what stopped a run becomes the <c>error.code</c> the dashboard explains (api.md "Sync runs").</summary>
public static class RunErrors
{
    public static readonly Error NotLicensed =
        Error.Forbidden("not-licensed", "This user no longer holds a NotesSync seat; the sync did not run.");

    /// <summary>The run went past <see cref="RunTimeLimit"/>: what it wrote is kept, the next run goes on from there.</summary>
    public static Error TimeLimit(TimeSpan limit) => Error.Unprocessable("run-time-limit",
        $"The sync was stopped after {limit.TotalMinutes:0.#} minutes, its time limit; what it wrote is kept and the next run goes on from there. A Domino server that answers very slowly is the usual cause.");

    /// <summary>The module stopped by <see cref="Domain.Sync.MassDeletionGuard"/>.</summary>
    public static Error MassDeletion(Domain.Profiles.SyncModule module) => Error.Unprocessable("mass-deletion-guard",
        $"One side reports most of the {module.ToString().ToLowerInvariant()} NotesSync linked as deleted; nothing was deleted. Check the data, then sync again.");

    /// <summary>
    /// The code a failed run reports: Domino that cannot be reached at all (no answer, no valid certificate, an
    /// address NotesSync does not reach) is one thing for the user, <c>notes-unreachable</c>; every other code is
    /// already one of api.md's.
    /// </summary>
    public static Error ForRun(Error error) => error.Code switch
    {
        "server-unreachable" or "server-timeout" or "tls-error" or "private-network-server" =>
            Error.Unprocessable("notes-unreachable", error.Message),
        _ => error,
    };
}
