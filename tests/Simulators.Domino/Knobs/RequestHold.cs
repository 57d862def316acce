namespace NotesSync.Simulators.Domino.Knobs;

/// <summary>
/// Requests held on the wire by a <see cref="FaultAction.Hold"/> rule until the test releases them. The test waits for
/// them to arrive (a condition with a deadline), so it knows a request is in flight without guessing how long it takes.
/// </summary>
public sealed class RequestHold
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _nextArrival = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _seen;
    private int _arrived;

    /// <summary>How many of the first matching requests go through without being held (none unless set).</summary>
    public int LetThrough { get; init; }

    /// <summary>How many requests have been held so far (released or not); those let through do not count.</summary>
    public int Arrived
    {
        get { lock (_gate) return _arrived; }
    }

    /// <summary>Lets every held request, and every later one, through.</summary>
    public void Release() => _released.TrySetResult();

    /// <summary>Waits until <paramref name="count"/> requests have arrived; throws, saying how many did, past the deadline.</summary>
    public async Task WaitForArrivalsAsync(int count, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_arrived >= count) return;
                next = _nextArrival.Task;
            }
            var left = until - DateTime.UtcNow;
            try
            {
                await next.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{Arrived} of {count} held requests arrived within {deadline}.");
            }
        }
    }

    internal Task WaitAsync(CancellationToken aborted)
    {
        TaskCompletionSource arrival;
        lock (_gate)
        {
            if (++_seen <= LetThrough) return Task.CompletedTask;
            _arrived++;
            arrival = _nextArrival;
            _nextArrival = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        arrival.TrySetResult();
        return _released.Task.WaitAsync(aborted);
    }
}
