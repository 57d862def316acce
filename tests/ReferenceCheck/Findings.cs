namespace NotesSync.ReferenceCheck;

/// <summary>One way a request breaks the vendor's definition: which request, which rule, and what exactly.</summary>
public sealed record Finding(RecordedRequest Request, string Rule, string Detail)
{
    public override string ToString() => $"{Request.Method} {Request.Path}{Request.Query} — {Rule}: {Detail}";
}

/// <summary>What the check made of one request: the operation it is, or why it is let through, and its findings.</summary>
public sealed record RequestVerdict(RecordedRequest Request, string? Operation, string? AllowedBecause, IReadOnlyList<Finding> Findings);

/// <summary>Every request of a journal checked against one vendor's files.</summary>
public sealed class ConformanceReport(Vendor vendor, IReadOnlyList<RequestVerdict> verdicts, long dropped)
{
    public Vendor Vendor { get; } = vendor;

    public IReadOnlyList<RequestVerdict> Verdicts { get; } = verdicts;

    public IReadOnlyList<Finding> Findings { get; } = [.. verdicts.SelectMany(v => v.Findings)];

    /// <summary>Requests the journal dropped to stay bounded: a check of what is left would not be of everything.</summary>
    public long Dropped { get; } = dropped;

    /// <summary>The vendor operations (<c>METHOD template</c>) the requests were matched to.</summary>
    public IReadOnlySet<string> OperationsUsed { get; } =
        verdicts.Where(v => v.Operation is not null).Select(v => v.Operation!).ToHashSet(StringComparer.Ordinal);

    public bool Conforms => Findings.Count == 0 && Dropped == 0;

    public override string ToString()
    {
        if (Conforms) return $"{Vendor}: {Verdicts.Count} requests, all as the vendor defines them.";
        var lines = Findings.Select(f => "  " + f).Distinct(StringComparer.Ordinal).ToList();
        if (Dropped > 0) lines.Add($"  the journal dropped {Dropped} requests: they were not checked");
        return $"{Vendor}: {Findings.Count} finding(s) in {Verdicts.Count} requests against the vendor's definitions " +
            $"(../shared/reference):{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}

/// <summary>Thrown where a test asks that every request conform; the message names each request and rule.</summary>
public sealed class ReferenceViolationException(string message) : Exception(message);
