using System.Diagnostics;

namespace NotesSync.Web.Tests;

/// <summary>The host's own <c>migrate</c> command, run as a deployment runs it: the built host, in Production.</summary>
internal static class MigrateCommand
{
    /// <summary>Runs it with <paramref name="settings"/> (as environment variables) and checks it exited 0 saying so.</summary>
    public static async Task RunAsync(IReadOnlyDictionary<string, string> settings)
    {
        var hostDll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { hostDll, "migrate" },
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DataProtection__CertificatePath"] = KeyRingCertificate.Path;
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);

        Assert.True(process.ExitCode == 0, $"migrate exited {process.ExitCode}: {await output}{await errors}");
        Assert.Contains("Database migrated", await output, StringComparison.Ordinal);
    }
}
