using NotesSync.ReferenceCheck;

namespace NotesSync.Simulators.Domino.Knobs;

/// <summary>Run-time behaviour of the simulator that is not Domino's own: latency, faults, and what was called.</summary>
public sealed class SimulatorKnobs
{
    private long _latencyTicks;

    /// <summary>Added before every DAS call is served (real time, not the simulator's clock).</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value.Ticks);
    }

    public FaultInjector Faults { get; } = new();
    public CallLog Calls { get; } = new();

    /// <summary>Every DAS request whole (headers, body), for checking against IBM's definitions; control-API calls are not in it.</summary>
    public RequestJournal Journal { get; } = new();
    public ConcurrencyGauge Concurrency { get; } = new();
}
