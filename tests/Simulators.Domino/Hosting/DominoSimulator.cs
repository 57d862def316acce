using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.ResponseCompression;
using NotesSync.ReferenceCheck;
using NotesSync.Simulators.Domino.Control;
using NotesSync.Simulators.Domino.Http;
using NotesSync.Simulators.Domino.Knobs;
using NotesSync.Simulators.Domino.Seeding;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.Hosting;

/// <summary>
/// A simulated Domino server speaking Domino Access Services over real HTTP(S) on loopback.
/// <code>
/// await using var sim = await DominoSimulator.StartAsync(new DominoSimulatorOptions { Latency = TimeSpan.FromMilliseconds(20) });
/// var user = sim.State.AddUser(new NotesUserSpec("Jane Doe", "secret"));
/// </code>
/// </summary>
public sealed class DominoSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DominoSimulator(WebApplication app, DominoState state, SimulatorKnobs knobs, Uri baseUri, X509Certificate2? certificate, DominoSimulatorOptions options)
    {
        _app = app;
        State = state;
        Knobs = knobs;
        BaseUri = baseUri;
        Certificate = certificate;
        Options = options;
    }

    /// <summary>Root of the server, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    public DominoState State { get; }
    public SimulatorKnobs Knobs { get; }
    public DominoSimulatorOptions Options { get; }

    /// <summary>
    /// The server certificate: <see cref="DominoSimulatorOptions.ServerCertificate"/>, or the self-signed one made when
    /// <see cref="DominoSimulatorOptions.UseHttps"/> is on.
    /// </summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>The sandbox's demo user when <see cref="DominoSimulatorOptions.SeedDemoUser"/> is on.</summary>
    public SeededUser? Demo { get; private set; }

    public CallLog Calls => Knobs.Calls;
    public RequestJournal Journal => Knobs.Journal;
    public FaultInjector Faults => Knobs.Faults;
    public ConcurrencyGauge Concurrency => Knobs.Concurrency;

    /// <summary>A Bogus seeder over this server's state, with the options' seed unless another is given.</summary>
    public DominoSeeder Seeder(int? seed = null) => new(State, seed ?? Options.Seed);

    public static async Task<DominoSimulator> StartAsync(DominoSimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DominoSimulatorOptions();
        var state = new DominoState(options.Clock, options.Seed, options.MailFilesAllowDas);
        if (options.ConfigureServer is { } configure) state.ConfigureServer(configure);
        var knobs = new SimulatorKnobs { Latency = options.Latency };
        var certificate = options.ServerCertificate ?? (options.UseHttps ? SelfSignedCertificate.Create(options.Host) : null);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var address = options.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Parse(options.Host);
            kestrel.Listen(address, options.Port, listen =>
            {
                if (certificate is not null)
                    listen.UseHttps(new HttpsConnectionAdapterOptions
                    {
                        ServerCertificate = certificate,
                        ServerCertificateChain = options.ServerCertificateChain,
                    });
            });
        });
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true;
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = ["application/json", "text/html"];
        });

        var app = builder.Build();
        app.UseResponseCompression();
        ControlApi.Map(app, state, knobs);
        var das = new DasEndpoint(state, knobs);
        // A fallback route rather than app.Run, so that the control API's endpoints still match first.
        app.MapFallback("{**path}", das.HandleAsync);

        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var simulator = new DominoSimulator(app, state, knobs, new Uri(bound.TrimEnd('/') + "/"), certificate, options);
        if (options.SeedDemoUser) simulator.Demo = simulator.Seeder().SeedDemo();
        return simulator;
    }

    /// <summary>Completes when the host stops (Ctrl+C in the standalone sandbox).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        // A certificate the caller gave is the caller's to dispose of.
        if (Options.ServerCertificate is null) Certificate?.Dispose();
    }
}
