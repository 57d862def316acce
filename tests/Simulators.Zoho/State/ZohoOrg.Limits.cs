namespace NotesSync.Simulators.Zoho;

public sealed partial class ZohoOrg
{
    private readonly Lock _limitsGate = new();
    private readonly Queue<(DateTimeOffset At, int Cost)> _credits = new();
    private int _creditsInWindow;
    private int _accepted;
    private int _acceptedHeavy;
    private int _arrived;
    private int _crowdSize;
    private TaskCompletionSource? _crowdReleased;
    private static readonly TimeSpan CrowdGrace = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan CrowdDeadline = TimeSpan.FromSeconds(10);

    /// <summary>Concurrent calls allowed per app per org; past it: 429 TOO_MANY_REQUESTS.</summary>
    public int ConcurrencyLimit { get; set; }

    /// <summary>zoho.md: COQL, search and writes of more than 10 records share a lower sub-concurrency of 10.</summary>
    public int HeavyConcurrencyLimit { get; set; } = 10;

    /// <summary>API credits per rolling 24 hours.</summary>
    public int DailyCreditLimit { get; set; }

    /// <summary>Calls of this org inside the simulator right now, including those about to be refused.</summary>
    public int InFlight
    {
        get { lock (_limitsGate) return _arrived; }
    }

    /// <summary>
    /// The most calls of this org that were inside the simulator at once, counting the ones refused with 429:
    /// a client that respects the limit keeps this at or under <see cref="ConcurrencyLimit"/>.
    /// </summary>
    public int PeakInFlight { get; private set; }

    public int ConcurrencyRejections { get; private set; }

    public int CreditRejections { get; private set; }

    public int CreditsUsed
    {
        get
        {
            lock (_limitsGate)
            {
                PruneCredits();
                return _creditsInWindow;
            }
        }
    }

    public int CreditsRemaining => Math.Max(0, DailyCreditLimit - CreditsUsed);

    /// <summary>Uses up credits as if calls had been made, e.g. to start a test near exhaustion.</summary>
    public void ConsumeCredits(int credits)
    {
        lock (_limitsGate)
        {
            _credits.Enqueue((State.Now, credits));
            _creditsInWindow += credits;
        }
    }

    public void ResetStatistics()
    {
        lock (_limitsGate)
        {
            PeakInFlight = _arrived;
            ConcurrencyRejections = 0;
            CreditRejections = 0;
        }
    }

    public void ResetCredits()
    {
        lock (_limitsGate)
        {
            _credits.Clear();
            _creditsInWindow = 0;
        }
    }

    /// <summary>
    /// Holds each accepted call of this org until <paramref name="calls"/> calls are inside the simulator at once
    /// (those being refused included), then for a short grace or until one more arrives, then lets every call
    /// through: a test sees concurrency happen, and a client that goes past it, whatever the machine's speed. A
    /// client that never gets there is let through after a deadline, to fail its assertions rather than hang.
    /// </summary>
    public void HoldCallsUntilInFlight(int calls)
    {
        lock (_limitsGate)
        {
            _crowdSize = calls;
            _crowdReleased = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    internal async Task WaitForCrowdAsync(CancellationToken ct)
    {
        TaskCompletionSource? released;
        lock (_limitsGate) released = _crowdReleased;
        if (released is null) return;
        try
        {
            await released.Task.WaitAsync(CrowdDeadline, ct);
        }
        catch (TimeoutException)
        {
            released.TrySetResult(); // the other held calls need not wait out the deadline too
        }
    }

    internal void Arrive()
    {
        lock (_limitsGate)
        {
            _arrived++;
            PeakInFlight = Math.Max(PeakInFlight, _arrived);
            if (_crowdReleased is not { } released) return;
            if (_arrived > _crowdSize) released.TrySetResult();
            else if (_arrived == _crowdSize)
                _ = Task.Delay(CrowdGrace, CancellationToken.None).ContinueWith(_ => released.TrySetResult(), TaskScheduler.Default);
        }
    }

    internal void Leave()
    {
        lock (_limitsGate) _arrived--;
    }

    internal bool TryAcquireSlot(bool heavy)
    {
        lock (_limitsGate)
        {
            if (_accepted >= ConcurrencyLimit || (heavy && _acceptedHeavy >= HeavyConcurrencyLimit))
            {
                ConcurrencyRejections++;
                return false;
            }
            _accepted++;
            if (heavy) _acceptedHeavy++;
            return true;
        }
    }

    internal void ReleaseSlot(bool heavy)
    {
        lock (_limitsGate)
        {
            _accepted--;
            if (heavy) _acceptedHeavy--;
        }
    }

    /// <summary>Charges a call; false when the rolling 24 h budget cannot pay it.</summary>
    internal bool TryCharge(int cost, out int remaining)
    {
        lock (_limitsGate)
        {
            PruneCredits();
            if (_creditsInWindow + cost > DailyCreditLimit)
            {
                CreditRejections++;
                remaining = Math.Max(0, DailyCreditLimit - _creditsInWindow);
                return false;
            }
            _credits.Enqueue((State.Now, cost));
            _creditsInWindow += cost;
            remaining = DailyCreditLimit - _creditsInWindow;
            return true;
        }
    }

    private void PruneCredits()
    {
        var horizon = State.Now - TimeSpan.FromHours(24);
        while (_credits.Count > 0 && _credits.Peek().At <= horizon)
            _creditsInWindow -= _credits.Dequeue().Cost;
    }
}
