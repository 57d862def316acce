using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace NotesSync.MultiNode.Tests;

/// <summary>
/// One NotesSync node: the host built beside this project (src/Web's output, with its own settings files) as a process
/// of its own on Kestrel, so that it can be killed as a machine dies (SIGKILL: no shutdown, no finally blocks). Its
/// console goes to a log file, named in every failure.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private NodeProcess(string name, Process process, Uri baseUri, string logPath, StreamWriter log)
    {
        Name = name;
        _process = process;
        BaseUri = baseUri;
        LogPath = logPath;
        _log = log;
    }

    public string Name { get; }
    public Uri BaseUri { get; }
    public string LogPath { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>The host's dll, built by the project reference in this project's configuration.</summary>
    public static string HostDll()
    {
        var configuration = typeof(NodeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "HostConfiguration").Value!;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NotesSync.sln")))
                return Path.Combine(dir.FullName, "src", "Web", "bin", configuration, "net10.0", "NotesSync.Web.dll");
        }
        throw new InvalidOperationException("NotesSync.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>An address on loopback whose port was free a moment ago (the nodes' addresses are needed before they start).</summary>
    public static Uri FreeAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
    }

    /// <summary>Runs the host's <c>migrate</c> command, as a deployment does once before starting its nodes.</summary>
    public static async Task MigrateAsync(IReadOnlyDictionary<string, string> settings, string logDir)
    {
        using var process = Process.Start(StartInfo(["migrate"], settings))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        await File.WriteAllTextAsync(Path.Combine(logDir, "migrate.log"), await output + await errors);
        Assert.True(process.ExitCode == 0, $"migrate exited {process.ExitCode}: {await output}{await errors}");
    }

    public static async Task<NodeProcess> StartAsync(string name, Uri baseUri, IReadOnlyDictionary<string, string> settings, string logDir)
    {
        var process = Process.Start(StartInfo(["--urls", baseUri.GetLeftPart(UriPartial.Authority)], settings))
            ?? throw new InvalidOperationException($"{name} did not start.");
        var logPath = Path.Combine(logDir, $"{name}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var gate = new Lock();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new NodeProcess(name, process, baseUri, logPath, log);

        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.HoldsAsync(async () =>
        {
            Assert.False(process.HasExited, $"{name} exited with {(process.HasExited ? process.ExitCode : 0)}; its log: {logPath}");
            try
            {
                return (await http.GetAsync(new Uri("health/ready", UriKind.Relative))).IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, $"{name} ready at {baseUri} (log: {logPath})", TimeSpan.FromSeconds(90));
        return node;
    }

    /// <summary>SIGKILL, as a machine that loses power: the runs it was executing stop mid-way, nothing is cleaned up.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> settings)
    {
        var hostDll = HostDll();
        if (!File.Exists(hostDll)) throw new FileNotFoundException("The host is built with this project (its project reference).", hostDll);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return start;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        await _log.DisposeAsync();
    }
}
