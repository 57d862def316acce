using System.Globalization;
using NotesSync.Simulators.Domino.Hosting;

namespace NotesSync.Simulators.Domino;

/// <summary>
/// The standalone sandbox server. An explicit entry class rather than top-level statements: the web SDK makes a
/// top-level <c>Program</c> public, and it would clash with the NotesSync host's own in the functional tests.
/// </summary>
internal static class SandboxEntry
{
    public static async Task Main(string[] args)
    {
        // The sandbox's Domino server: dotnet run --project tests/Simulators.Domino -- --urls http://127.0.0.1:5101
        // Options: --urls <http(s)://host:port>  --latency <ms>  --seed <n>  --https
        var url = new Uri(Argument("--urls")?.Split(';')[0] ?? "http://127.0.0.1:5101");
        var options = new DominoSimulatorOptions
        {
            Host = url.Host,
            Port = url.Port,
            UseHttps = url.Scheme == Uri.UriSchemeHttps || args.Contains("--https"),
            Latency = TimeSpan.FromMilliseconds(int.Parse(Argument("--latency") ?? "0", CultureInfo.InvariantCulture)),
            Seed = int.Parse(Argument("--seed") ?? "20240501", CultureInfo.InvariantCulture),
            SeedDemoUser = true,
            MinimumLogLevel = LogLevel.Information,
        };

        await using var simulator = await DominoSimulator.StartAsync(options);
        var demo = simulator.Demo!;
        Console.WriteLine($"Domino (DAS) simulator listening on {simulator.BaseUri}");
        Console.WriteLine($"  demo user:  {demo.User.AbbreviatedName} (short name {demo.User.ShortName}, {demo.User.InternetAddress})");
        Console.WriteLine($"  password:   {demo.User.Password}");
        Console.WriteLine($"  server:     {simulator.State.Server.ServerName}");
        Console.WriteLine($"  mail file:  {demo.User.MailFilePath} ({demo.ContactUnids.Count} contacts, {demo.TodoUnids.Count} to-dos, {demo.Events.Count} events)");
        Console.WriteLine($"  control:    {simulator.BaseUri}_simulator");
        await simulator.WaitForShutdownAsync();

        string? Argument(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }
    }
}
