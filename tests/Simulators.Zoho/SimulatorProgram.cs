using System.Globalization;
using System.Runtime.InteropServices;

namespace NotesSync.Simulators.Zoho;

/// <summary>
/// The sandbox's Zoho: <c>dotnet run --project tests/Simulators.Zoho -- --urls http://127.0.0.1:5102</c>.
/// Options: --seed N, --contacts N, --tasks N, --events N, --users N, --latency-ms N, --client-id, --client-secret,
/// --redirect-uri, --company. It starts with one seeded demo org and prints what the NotesSync host needs.
/// </summary>
internal static class SimulatorProgram
{
    /// <summary>Fixed so that the sandbox's configuration can name them; never a real Zoho client.</summary>
    public const string DemoClientId = "1000.NOTESSYNCSANDBOXCLIENT00000";

    public const string DemoClientSecret = "notessync-sandbox-client-secret-not-a-real-one";

    public static async Task<int> Main(string[] args)
    {
        var options = Parse(args);
        string Option(string name, string fallback) => options.GetValueOrDefault(name) ?? fallback;
        int Count(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        await using var simulator = await ZohoSimulator.StartAsync(new ZohoSimulatorOptions
        {
            Urls = Option("urls", "http://127.0.0.1:5102"),
            Latency = TimeSpan.FromMilliseconds(Count("latency-ms", 0)),
            PublicBaseUri = options.TryGetValue("public-url", out var publicUrl) ? new Uri(publicUrl) : null,
            ConsoleLogging = options.ContainsKey("verbose"),
        });

        var org = simulator.State.CreateOrg(new ZohoOrgSpec
        {
            CompanyName = Option("company", "Zylker Traders"),
            ClientId = Option("client-id", DemoClientId),
            ClientSecret = Option("client-secret", DemoClientSecret),
            RedirectUri = new Uri(Option("redirect-uri", "http://localhost:5000/oauth/zoho/callback")),
        });
        org.Seed(new ZohoSeedSpec
        {
            Users = Count("users", 4),
            Accounts = 20,
            Contacts = Count("contacts", 250),
            Tasks = Count("tasks", 80),
            Events = Count("events", 60),
            Seed = Count("seed", 42),
        });

        var client = org.Client;
        Console.WriteLine($"""
            NotesSync Zoho simulator (accounts server + CRM API v2–v8) — not Zoho; a stand-in for tests and the sandbox
              base URL / accounts URL / api_domain : {simulator.ApiDomain}
              org id {org.Id}   zgid {org.Zgid}   "{org.CompanyName}" ({org.Edition}, {org.TimeZone})
              admin  {org.Admin.FullName} <{org.Admin.Email}>  user id {org.Admin.Id}
              OAuth client id     {client.ClientId}
              OAuth client secret {client.ClientSecret}
              redirect uri        {client.RedirectUri.OriginalString}
              records: {org.CountRecords("Contacts")} contacts, {org.CountRecords("Tasks")} tasks, {org.CountRecords("Events")} events, {org.Users.Count} users
              The authorize page approves at once as the org admin (no one logs in to a sandbox).
              Control API: {simulator.ApiDomain}/_simulator   (Ctrl+C stops)
            """);
        // The host is built without a console lifetime (see ZohoSimulator), so the sandbox listens for the signals itself.
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await simulator.WaitForShutdownAsync(stop.Token);
        return 0;
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            var name = args[i][2..];
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0) options[name[..equals]] = name[(equals + 1)..];
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) options[name] = args[++i];
            else options[name] = "true";
        }
        return options;
    }
}
