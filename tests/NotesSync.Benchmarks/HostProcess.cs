using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace NotesSync.Benchmarks;

/// <summary>What the host process holds and has allocated at one moment.</summary>
public sealed record HostSample(
    long AtMs, long AllocatedBytes, long HeapBytes, long CommittedBytes, int Gen0, int Gen1, int Gen2, long RssBytes, long PeakRssBytes,
    TimeSpan Cpu, long JittedMethods);

/// <summary>
/// The real NotesSync host (src/Web's build output) as a child process on Kestrel, configured as run.sh does it
/// (Development, SQLite file, Hangfire in memory), pointed at the simulators. A process of its own so that its
/// working set and allocations are its own, not the simulators' or the benchmark's, and so that requests go over
/// real sockets rather than TestServer's in-memory pipe.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _statsPath;
    private readonly StreamWriter _log;

    private HostProcess(Process process, Uri baseUri, string statsPath, string logPath, StreamWriter log)
    {
        _process = process;
        _log = log;
        BaseUri = baseUri;
        _statsPath = statsPath;
        LogPath = logPath;
    }

    public Uri BaseUri { get; }
    public string LogPath { get; }
    public int ProcessId => _process.Id;

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NotesSync.sln"))) return dir.FullName;
        throw new InvalidOperationException("NotesSync.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The host built with this benchmark (the project reference builds it in the same configuration).</summary>
    public static string DefaultHostPath()
    {
        var configuration = typeof(HostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "HostConfiguration")?.Value ?? "Release";
        return Path.Combine(RepositoryRoot(), "src", "Web", "bin", configuration, "net10.0", "NotesSync.Web.dll");
    }

    /// <summary>An address on loopback whose port was free a moment ago (the OAuth client's redirect URI needs it first).</summary>
    public static Uri ReserveAddress() => new($"http://127.0.0.1:{FreePort()}/");

    public static async Task<HostProcess> StartAsync(
        string hostDll, string workDir, Uri baseUri, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var statsPath = Path.Combine(workDir, "host-stats.txt");
        var logPath = Path.Combine(workDir, "host.log");

        var start = StartInfo(hostDll, settings);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUri.GetLeftPart(UriPartial.Authority));
        start.Environment["DOTNET_STARTUP_HOOKS"] = typeof(HostProcess).Assembly.Location;
        start.Environment[StartupHook.StatsVariable] = statsPath;

        var process = Process.Start(start) ?? throw new InvalidOperationException("The host did not start.");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var gate = new Lock();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.Exited += (_, _) => { lock (gate) log.Flush(); };

        var host = new HostProcess(process, baseUri, statsPath, logPath, log);
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The host exited with {process.ExitCode}; its log: {logPath}");
            try
            {
                if ((await http.GetAsync(new Uri("health/ready", UriKind.Relative), ct)).IsSuccessStatusCode && host.TrySample() is not null) return host;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            if (DateTime.UtcNow > until) throw new TimeoutException($"The host did not become ready; its log: {logPath}");
            await Task.Delay(250, ct);
        }
    }

    /// <summary>
    /// <c>dotnet NotesSync.Web.dll migrate</c> with the nodes' settings: a shared database is migrated once, before
    /// the nodes start (a node on PostgreSQL with migrations pending refuses to start).
    /// </summary>
    public static async Task MigrateAsync(string hostDll, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var start = StartInfo(hostDll, settings);
        start.ArgumentList.Add("migrate");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The migration did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"migrate exited with {process.ExitCode}: {await output}{await errors}");
    }

    private static ProcessStartInfo StartInfo(string hostDll, IReadOnlyDictionary<string, string> settings)
    {
        if (!File.Exists(hostDll)) throw new FileNotFoundException("Build the host first (dotnet build -c Release src/Web).", hostDll);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostDll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return start;
    }

    /// <summary>The latest figures the startup hook wrote, with the kernel's resident and peak resident set sizes.</summary>
    public HostSample? TrySample()
    {
        string line;
        try
        {
            line = File.ReadAllText(_statsPath);
        }
        catch (IOException)
        {
            return null;
        }

        var parts = line.Split(' ');
        if (parts.Length < 8) return null;
        var (rss, peak) = ResidentSet();
        _process.Refresh();
        long L(int i) => long.Parse(parts[i], CultureInfo.InvariantCulture);
        return new HostSample(L(0), L(1), L(2), L(3), (int)L(4), (int)L(5), (int)L(6), rss, peak, _process.TotalProcessorTime, L(7));
    }

    /// <summary>
    /// Waits until the host's JIT is quiet: a fresh process compiles each method again at a higher tier once it has
    /// run often enough (tiered compilation), and that work, a warm-up's aftermath, would be measured as the run's.
    /// Quiet is fewer than <paramref name="methodsPerSecond"/> methods compiled over a second; gives up after a minute.
    /// </summary>
    public async Task<long> QuietJitAsync(CancellationToken ct, int methodsPerSecond = 20)
    {
        var until = DateTime.UtcNow.AddMinutes(1);
        var last = (await FreshSampleAsync(ct)).JittedMethods;
        while (DateTime.UtcNow < until)
        {
            await Task.Delay(1000, ct);
            var now = (await FreshSampleAsync(ct)).JittedMethods;
            if (now - last < methodsPerSecond) return now;
            last = now;
        }
        return last;
    }

    /// <summary>A sample written after <paramref name="afterMs"/> (the hook writes every 50 ms).</summary>
    public async Task<HostSample> FreshSampleAsync(CancellationToken ct)
    {
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < 100; i++)
        {
            if (TrySample() is { } sample && sample.AtMs > after) return sample;
            await Task.Delay(20, ct);
        }
        throw new TimeoutException("The host's statistics stopped: is the startup hook loaded?");
    }

    /// <summary>
    /// Starts the kernel's peak resident set size (VmHWM) again from the current size, so that the peak read at the
    /// end of a run is the peak of that run (Linux: write 5 to /proc/PID/clear_refs).
    /// </summary>
    public bool ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private (long Rss, long Peak) ResidentSet()
    {
        try
        {
            long rss = 0, peak = 0;
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line);
            }
            return (rss, peak);
        }
        catch (IOException)
        {
            _process.Refresh();
            return (_process.WorkingSet64, _process.PeakWorkingSet64);
        }

        static long Kilobytes(string line) =>
            long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        await _log.DisposeAsync();
    }
}
