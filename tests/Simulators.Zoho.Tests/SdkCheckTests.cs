using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace NotesSync.Simulators.Zoho.Tests;

/// <summary>
/// The simulator as Zoho's own client sees it: tests/ZohoSdkCheck drives every operation the sync uses through
/// Zoho's official Node SDK. The simulator's other tests check what zoho.md says; this one checks that Zoho's code
/// can read the answers at all (a route the SDK needs, a member its model types differently).
/// </summary>
public sealed class SdkCheckTests
{
    private static readonly TimeSpan InstallDeadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan CheckDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Zohos_Node_SDK_parses_every_answer_the_sync_relies_on_and_finds_them_as_Zohos_samples_say()
    {
        var checkFolder = Path.Combine(RepositoryRoot(), "tests", "ZohoSdkCheck");
        var nodeVersion = await RequireToolAsync("node");
        // The check uses the global fetch of Node.js 18; Zoho's SDK itself asks for 14.
        Assert.True(int.TryParse(nodeVersion.TrimStart('v').Split('.')[0], out var major) && major >= 18,
            $"The Zoho SDK check needs Node.js 18 or later; node --version says {nodeVersion}.");
        if (!Directory.Exists(Path.Combine(checkFolder, "node_modules", "@zohocrm", "nodejs-sdk-8.0")))
        {
            // The SDK comes from the npm registry, pinned by package-lock.json; CI and developers' machines reach it.
            await RequireToolAsync(Npm);
            var install = await RunAsync(Npm, ["ci", "--no-audit", "--no-fund"], checkFolder, InstallDeadline);
            Assert.True(install.ExitCode == 0, $"npm ci in {checkFolder} failed (exit {install.ExitCode}):\n{install.Output}");
        }
        await using var simulator = await ZohoSimulator.StartAsync();

        var check = await RunAsync("node", ["check.mjs", simulator.ApiDomain], checkFolder, CheckDeadline);

        Assert.True(check.ExitCode == 0, $"node check.mjs {simulator.ApiDomain} exited {check.ExitCode}:\n{check.Output}");
    }

    private static string Npm => OperatingSystem.IsWindows() ? "npm.cmd" : "npm";

    /// <summary>A missing Node.js fails the test with what to install: a skipped check would prove nothing.</summary>
    private static async Task<string> RequireToolAsync(string tool)
    {
        try
        {
            var version = await RunAsync(tool, ["--version"], Environment.CurrentDirectory, TimeSpan.FromSeconds(30));
            Assert.True(version.ExitCode == 0, $"'{tool} --version' exited {version.ExitCode}:\n{version.Output}");
            return version.Output.Trim();
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"'{tool}' is not installed or not on PATH ({e.Message}). The Zoho SDK check needs Node.js 18 or later " +
                "and npm (Debian: apt-get install -y nodejs npm; .ci/run installs them).");
            throw;
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments, string folder, TimeSpan deadline)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = new StringBuilder();
        void Append(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
        }
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (output) Assert.Fail($"{file} {string.Join(' ', arguments)} did not finish within {deadline.TotalSeconds:0} s:\n{output}");
        }
        // WaitForExitAsync returns once the redirected streams are drained too, so the output is complete here.
        lock (output) return (process.ExitCode, output.ToString());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NotesSync.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No NotesSync.sln above {AppContext.BaseDirectory}.");
    }
}
