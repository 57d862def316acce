using System.Runtime.InteropServices;

namespace NotesSync.Widget.Sandbox;

/// <summary>
/// <c>dotnet run --project tests/Widget.Sandbox -- --urls http://127.0.0.1:5090 --api http://127.0.0.1:5080
/// --zoho http://127.0.0.1:5102 --hook-secret sandbox-hook-secret</c>: installs the Zoho simulator's organisation in
/// the host and serves the widget as the CRM would show it. run.sh starts it last, once the host is up.
/// </summary>
internal static class SandboxProgram
{
    public static async Task<int> Main(string[] args)
    {
        string Option(string name, string fallback)
        {
            var index = Array.IndexOf(args, $"--{name}");
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        await using var sandbox = await WidgetSandbox.StartAsync(new SandboxOptions
        {
            Url = new Uri(Option("urls", "http://127.0.0.1:5090")),
            ApiUrl = new Uri(Option("api", "http://127.0.0.1:5080")),
            ZohoUrl = new Uri(Option("zoho", "http://127.0.0.1:5102")),
            HookSecret = Option("hook-secret", "sandbox-hook-secret"),
        });
        var org = sandbox.Organisation;
        Console.WriteLine($"""
            IBM Notes Sync tab (sandbox CRM page): {sandbox.Url}
              organisation {org.OrgName} ({org.OrgId}), installed
              admin        {org.Admin.Name} <{org.Admin.Email}>
              second user  {org.Second.Name} <{org.Second.Email}> (French; gets a seat once Zoho is connected)
            """);

        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        return 0;
    }
}
