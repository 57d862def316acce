namespace NotesSync.Benchmarks;

/// <summary>
/// One organisation's side of a round on Zoho: its calls, the most in flight at once (those refused included), the
/// 429s it got (concurrency; credits apart), and how long its users waited for their runs (those that succeeded).
/// </summary>
public sealed record OrgFigures(
    int Organisation, int Users, int ZohoCalls, int ZohoPeakInFlight, int Zoho429s, int CreditRejections,
    double QueuedToFinishedP50, double LastFinishedSeconds);

/// <summary>Everything measured about one round of one configuration (nodes × database × host settings).</summary>
public sealed class ManyUsersResult
{
    public required string Round { get; init; }
    public required int Nodes { get; init; }
    public required string Database { get; init; }
    public required Dictionary<string, string> HostSettings { get; init; }
    public required int Users { get; init; }
    public required int Organisations { get; init; }
    public required int ContactsPerUser { get; init; }
    public required int TasksPerUser { get; init; }
    public required double LatencyMs { get; init; }
    public required int ZohoConcurrency { get; init; }
    public required int NotesConcurrency { get; init; }

    public required int Succeeded { get; init; }
    public required int PartiallySucceeded { get; init; }

    /// <summary>Runs that failed, never ended within the round's time, or were refused at the start.</summary>
    public required int Failed { get; init; }
    public required Dictionary<string, int> ErrorCodes { get; init; }

    /// <summary>Items the runs counted as failed (a run may succeed partially with some).</summary>
    public required int FailedItems { get; init; }

    /// <summary>
    /// From the first run queued to the last run that succeeded (partially or not) finished, by the host's clock: a
    /// failed run's end may be the sweep's, long after its worker let it go.
    /// </summary>
    public required double WallSeconds { get; init; }

    /// <summary>From the first run queued to the last run ended, however it ended.</summary>
    public required double LastEndedSeconds { get; init; }

    /// <summary>Runs that succeeded (partially or not) per minute of <see cref="WallSeconds"/>.</summary>
    public double SyncsPerMinute => WallSeconds > 0 ? (Succeeded + PartiallySucceeded) * 60 / WallSeconds : 0;

    /// <summary>Of the runs that succeeded (partially or not), as every time below.</summary>
    public required double QueuedToFinishedP50 { get; init; }
    public required double QueuedToFinishedP95 { get; init; }
    public required double QueuedToFinishedMax { get; init; }
    public required double StartedToFinishedP50 { get; init; }
    public required double StartedToFinishedP95 { get; init; }
    public required double StartedToFinishedMax { get; init; }

    /// <summary>The most runs running at once (between their start and their end; interrupted runs left out): the workers at work, over all nodes.</summary>
    public required int PeakRunning { get; init; }

    public required int DasCalls { get; init; }

    /// <summary>The most DAS calls in flight at once on the one Domino server.</summary>
    public required int DasPeakInFlight { get; init; }

    /// <summary>DAS answers of 429 or 5xx (the simulator answers them only when told to, or when overloaded).</summary>
    public required int DasErrors { get; init; }
    public required List<OrgFigures> Orgs { get; init; }
    public int Zoho429s => Orgs.Sum(o => o.Zoho429s);
    public required List<NodeFigures> NodeFigures { get; init; }

    /// <summary>CPU of the benchmark's process meanwhile: both simulators, and the polling of the runs.</summary>
    public required double BenchCpuSeconds { get; init; }

    /// <summary>Each user's run: its status, error code and times (the JSON's detail).</summary>
    public required List<UserRun> Runs { get; init; }

    public static ManyUsersResult Of(
        ManyUsersOptions options, ManyUsersEnvironment env, string round, List<UserRun> runs, List<NodeFigures> nodes, double benchCpu)
    {
        var ended = runs.Where(r => r.FinishedAt is not null).ToList();
        var succeeded = ended.Where(r => r.Status is "succeeded" or "partiallySucceeded").ToList();
        var first = runs.Min(r => r.QueuedAt) ?? DateTimeOffset.UtcNow;
        var lastSucceeded = succeeded.Count > 0 ? succeeded.Max(r => r.FinishedAt!.Value) : first;
        var lastEnded = ended.Count > 0 ? ended.Max(r => r.FinishedAt!.Value) : first;
        // Times are the succeeded runs': a failed run's end may be the sweep's (interrupted), which says nothing of the sync.
        var queued = succeeded.Select(r => r.QueuedToFinished!.Value).ToList();
        var running = succeeded.Where(r => r.StartedAt is not null).Select(r => r.StartedToFinished!.Value).ToList();
        var zohoCalls = env.Zoho.State.Calls.All;
        var dasCalls = env.Domino.Calls.Calls;
        return new ManyUsersResult
        {
            Round = round,
            Nodes = env.Nodes.Count,
            Database = env.DatabaseKind,
            HostSettings = options.HostSettings,
            Users = options.Users,
            Organisations = options.Organisations,
            ContactsPerUser = options.ContactsPerUser,
            TasksPerUser = options.TasksPerUser,
            LatencyMs = options.LatencyMs,
            ZohoConcurrency = options.ZohoConcurrency,
            NotesConcurrency = options.NotesConcurrency,
            Succeeded = runs.Count(r => r.Status == "succeeded"),
            PartiallySucceeded = runs.Count(r => r.Status == "partiallySucceeded"),
            Failed = runs.Count(r => r.Status is not ("succeeded" or "partiallySucceeded")),
            ErrorCodes = runs.Where(r => r.ErrorCode is not null).GroupBy(r => r.ErrorCode!).ToDictionary(g => g.Key, g => g.Count()),
            FailedItems = runs.Sum(r => r.FailedItems),
            WallSeconds = (lastSucceeded - first).TotalSeconds,
            LastEndedSeconds = (lastEnded - first).TotalSeconds,
            QueuedToFinishedP50 = Percentile(queued, 50),
            QueuedToFinishedP95 = Percentile(queued, 95),
            QueuedToFinishedMax = queued.DefaultIfEmpty().Max(),
            StartedToFinishedP50 = Percentile(running, 50),
            StartedToFinishedP95 = Percentile(running, 95),
            StartedToFinishedMax = running.DefaultIfEmpty().Max(),
            // An interrupted run's end is the sweep's, long after its worker let it go: it would count as running meanwhile.
            PeakRunning = PeakOverlap(ended.Where(r => r.StartedAt is not null && r.ErrorCode != "interrupted")
                .Select(r => (r.StartedAt!.Value, r.FinishedAt!.Value))),
            DasCalls = dasCalls.Count,
            DasPeakInFlight = env.Domino.Concurrency.Max,
            DasErrors = dasCalls.Count(c => c.Status is 429 or >= 500),
            Orgs = [.. env.Admins.Select((admin, k) =>
            {
                var theirs = succeeded.Where(r => r.Organisation == k).ToList();
                return new OrgFigures(k + 1, runs.Count(r => r.Organisation == k), zohoCalls.Count(c => c.OrgId == admin.Org.Id),
                    admin.Org.PeakInFlight, admin.Org.ConcurrencyRejections, admin.Org.CreditRejections,
                    Percentile([.. theirs.Select(r => r.QueuedToFinished!.Value)], 50),
                    theirs.Count > 0 ? (theirs.Max(r => r.FinishedAt!.Value) - first).TotalSeconds : 0);
            })],
            NodeFigures = nodes,
            BenchCpuSeconds = benchCpu,
            Runs = runs,
        };
    }

    /// <summary>The nearest-rank percentile (0 when there is nothing to rank).</summary>
    public static double Percentile(IReadOnlyCollection<double> values, int percent)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The most intervals that overlap at one instant.</summary>
    public static int PeakOverlap(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> intervals)
    {
        var edges = intervals.SelectMany(i => new[] { (At: i.Start, Step: 1), (At: i.End, Step: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Step);
        int now = 0, peak = 0;
        foreach (var (_, step) in edges) peak = Math.Max(peak, now += step);
        return peak;
    }
}
