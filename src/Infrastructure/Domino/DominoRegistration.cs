using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using NotesSync.Application.Notes;
using Polly;

namespace NotesSync.Infrastructure.Domino;

internal static class DominoRegistration
{
    public static void AddDomino(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DominoOptions>(configuration.GetSection("Notes"));
        var options = configuration.GetSection("Notes").Get<DominoOptions>() ?? new DominoOptions();
        // Read once, at start-up: a bad path stops the host rather than failing every Notes connection later.
        var trust = DominoCertificateTrust.Load(options.TrustedCertificatesPath);

        services.TryAddSingleton<HostResolver>();
        services.AddSingleton<DominoServerLimits>();
        services.AddHttpClient<DasClient>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var o = provider.GetRequiredService<IOptions<DominoOptions>>().Value;
                var resolver = provider.GetRequiredService<HostResolver>();
                var handler = new SocketsHttpHandler
                {
                    // Opens the TCP connection only: TLS is negotiated over the stream it returns, so the SSRF guard
                    // runs before any handshake, for https as for http.
                    ConnectCallback = (context, ct) => PrivateNetworkGuard.ConnectAsync(context, o, resolver, ct),
                    // Basic credentials go with every call; a session cookie would only outlive them.
                    UseCookies = false,
                    // The machine's proxy would receive the connection instead of the server the guard checked, and
                    // could reach what the guard refuses.
                    UseProxy = false,
                    AutomaticDecompression = DecompressionMethods.All,
                    AllowAutoRedirect = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                };
                // Without extra anchors the platform's validation stands alone; with them it is extended, not replaced.
                handler.SslOptions.RemoteCertificateValidationCallback = DominoCertificateTrust.RefusingLoudly(trust);
                return handler;
            })
            .AddResilienceHandler("das", builder =>
            {
                builder.AddTimeout(options.TotalTimeout);
                if (options.MaxRetries > 0) builder.AddRetry(Retry(options));
                builder.AddTimeout(options.AttemptTimeout);
            });

        // Without the default loggers: they would put the Basic credentials (the password) in the logs' state.
        services.AddHttpClient<DasClient>().LogCallsWithoutHeaders<DasClient>("DAS");

        services.AddScoped<IDominoGateway, DominoGateway>();
        services.AddScoped<INotesMailboxes, DasMailboxes>();
    }

    private static HttpRetryStrategyOptions Retry(DominoOptions options)
    {
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
        };
        // A create or a PATCH whose answer was lost may have been applied: never replay it blindly.
        // Transient failures and 5xx only (the default predicate); a 401 or 403 is an answer, not a hiccup.
        retry.DisableFor(HttpMethod.Post, HttpMethod.Patch, HttpMethod.Connect);
        return retry;
    }
}
