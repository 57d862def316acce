namespace NotesSync.Simulators.Domino.Knobs;

/// <summary>DAS requests in flight now, and the most seen at once since the last reset.</summary>
public sealed class ConcurrencyGauge
{
    private int _current;
    private int _max;

    public int Current => Volatile.Read(ref _current);
    public int Max => Volatile.Read(ref _max);

    public void Reset() => Interlocked.Exchange(ref _max, Current);

    internal void Enter()
    {
        var now = Interlocked.Increment(ref _current);
        int seen;
        while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
        {
        }
    }

    internal void Exit() => Interlocked.Decrement(ref _current);
}
