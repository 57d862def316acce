using System.Reflection;
using NotesSync.Application.Common;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Tests.Sync.Engine;

/// <summary>
/// The run's repository as the engine uses it: it only saves the unit of work (the run and profile are the test's
/// own objects). Every other member of the repository throws, so a new use of it by the engine is noticed.
/// </summary>
public class SavesOnlyRunRepository : DispatchProxy
{
    public static IRepository<SyncRun> Create() => Create<IRepository<SyncRun>, SavesOnlyRunRepository>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod?.Name == nameof(IRepository<SyncRun>.SaveChangesAsync)
            ? Task.FromResult(1)
            : throw new NotSupportedException($"The engine tests' run repository only saves ({targetMethod?.Name}).");
}
