using NotesSync.Application.Sync;

namespace NotesSync.Application.Tests.Sync.Engine;

/// <summary>The run's heartbeat: alive until the test sweeps the run as dead.</summary>
public sealed class FakeHeartbeat : IRunHeartbeat
{
    private volatile bool _swept;

    public void Sweep() => _swept = true;

    public Task<bool> BeatAsync(Guid runId, DateTimeOffset now, CancellationToken ct) => Task.FromResult(!_swept);

    public Task MarkUserSyncedAsync(string orgId, string userId, CancellationToken ct) => Task.CompletedTask;
}
