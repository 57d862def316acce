using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NotesSync.ReferenceCheck;
using NotesSync.Simulators.Zoho.Http;

namespace NotesSync.Simulators.Zoho;

/// <summary>
/// A Zoho accounts server and CRM API on one Kestrel host. Start one per test class (or per test), seed it
/// through <see cref="State"/>, and point the adapter at <see cref="BaseUri"/>.
/// </summary>
public sealed class ZohoSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ZohoSimulator(WebApplication app, ZohoSimulatorState state, Uri baseUri)
    {
        _app = app;
        State = state;
        BaseUri = baseUri;
    }

    public ZohoSimulatorState State { get; }

    /// <summary>The address Kestrel bound, e.g. <c>http://127.0.0.1:41235/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Where an adapter's <c>Zoho:AccountsUrl</c> points: the same host serves the accounts server.</summary>
    public Uri AccountsUri => new(State.ApiDomain + "/");

    /// <summary>The value of <c>api_domain</c> in token answers, without a trailing slash (as Zoho writes it).</summary>
    public string ApiDomain => State.ApiDomain;

    public ZohoSimulatorOptions Options => State.Options;

    /// <summary>Every request received, whole; see <see cref="ZohoSimulatorState.Journal"/>.</summary>
    public RequestJournal Journal => State.Journal;

    public static async Task<ZohoSimulator> StartAsync(ZohoSimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ZohoSimulatorOptions();
        // The empty builder reads no appsettings.json and no ASPNETCORE_* variables: a test output folder shared
        // with the NotesSync web host (its Kestrel endpoints, its URLS) must not reconfigure the simulator.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ZohoSimulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseUrls(options.Urls);
        if (options.ConsoleLogging) builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

        var state = new ZohoSimulatorState(options);
        var app = builder.Build();
        var dispatcher = new ZohoDispatcher(state);
        app.Run(dispatcher.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUri = new Uri(address.TrimEnd('/') + "/");
        state.ApiDomain = (options.PublicBaseUri ?? baseUri).GetLeftPart(UriPartial.Authority);
        return new ZohoSimulator(app, state, baseUri);
    }

    /// <summary>The authorize URL an adapter would send the admin's browser to, with every scope NotesSync uses.</summary>
    public Uri AuthorizeUri(ZohoOAuthClient client, string state, string scope = ZohoSimulatorState.DefaultScopes, bool offline = true) =>
        new($"{ApiDomain}/oauth/v2/auth?response_type=code&client_id={Uri.EscapeDataString(client.ClientId)}" +
            $"&scope={Uri.EscapeDataString(scope)}&redirect_uri={Uri.EscapeDataString(client.RedirectUri.OriginalString)}" +
            $"&access_type={(offline ? "offline" : "online")}&prompt=consent&state={Uri.EscapeDataString(state)}");

    /// <summary>Runs until the host is asked to stop (Ctrl+C for the standalone sandbox).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        State.Notifications.Dispose();
    }
}
