using NotesSync.Benchmarks;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

// Many users at once (issue 23) is a benchmark of its own, with options of its own.
if (args.Contains("--many-users")) return await ManyUsersReport.MainAsync(args, cancel.Token);

BenchOptions? options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options is null)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

Console.WriteLine($"# NotesSync benchmark: {options.Contacts} contacts, {options.Tasks} to-dos, latency {options.LatencyMs} ms, " +
    $"Zoho limit {options.ZohoConcurrency}/org, Notes:MaxConcurrency {options.NotesConcurrency}, seed {options.Seed}");
Console.WriteLine($"# machine: {Report.Machine()}");

var results = await Bench.RunChainsAsync(options, r =>
{
    Console.WriteLine(Report.Scenario(r));
    Console.WriteLine("   json: " + Report.Json(r));
    Console.WriteLine();
}, cancel.Token);

Console.WriteLine(Report.Summary(results));
if (options.JsonPath is { } path)
{
    await Report.WriteJsonAsync(path, options, results);
    Console.WriteLine($"# JSON written to {Path.GetFullPath(path)}");
}

return results.All(r => r.Status == "succeeded" && r.Check?.Passed != false) ? 0 : 1;
