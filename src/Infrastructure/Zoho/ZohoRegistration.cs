using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using NotesSync.Application.Common;
using NotesSync.Application.Crm;
using NotesSync.Application.Zoho;
using Polly;

namespace NotesSync.Infrastructure.Zoho;

internal static class ZohoRegistration
{
    public static void AddZoho(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ZohoOptions>(configuration.GetSection("Zoho"));
        // One SQLite node counts in memory; nodes sharing a database count in it (ADR 0006).
        var sharedDatabase = !(configuration["Database:Provider"] ?? "Sqlite").Equals("Sqlite", StringComparison.OrdinalIgnoreCase);
        services.PostConfigure<ZohoOptions>(o => o.ConcurrencyScope ??= sharedDatabase ? ZohoConcurrencyScope.Deployment : ZohoConcurrencyScope.Node);
        var options = configuration.GetSection("Zoho").Get<ZohoOptions>() ?? new ZohoOptions();

        services.AddHttpClient<ZohoOAuthClient>(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("zoho-accounts", b => b.AddTimeout(options.AttemptTimeout));
        services.AddHttpClient<ZohoApi>(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("zoho-crm", b =>
            {
                var retry = new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(300),
                    // 429 is ZohoApi's to handle: it must tell exhausted credits from a busy moment.
                    ShouldHandle = args => ValueTask.FromResult(
                        args.Outcome.Result?.StatusCode != System.Net.HttpStatusCode.TooManyRequests
                        && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                };
                // An insert whose answer was lost may have been applied: the sync finds it by its UNID instead.
                retry.DisableFor(HttpMethod.Post, HttpMethod.Patch, HttpMethod.Connect);
                b.AddRetry(retry);
                b.AddTimeout(options.AttemptTimeout);
            });

        // Without the default loggers: they would put the access token in the logs' state.
        services.AddHttpClient<ZohoApi>().LogCallsWithoutHeaders<ZohoApi>("Zoho");
        services.AddHttpClient<ZohoOAuthClient>().LogCallsWithoutHeaders<ZohoOAuthClient>("Zoho accounts");

        services.AddSingleton<ZohoTokenProvider>();
        services.AddSingleton<ZohoConcurrency>();
        services.AddScoped<ZohoCallSlotStore>();
        services.AddScoped<ZohoTokenStore>();
        services.AddSingleton<IOAuthState, OAuthState>();
        services.AddScoped<IZohoAuthorization>(p => p.GetRequiredService<ZohoOAuthClient>());
        services.AddScoped<ICrmUserDirectory, ZohoCrmUserDirectory>();
        services.AddSingleton<ZohoFieldCatalog>();
        services.AddScoped<IZohoCrm, ZohoCrmGateway>();
        services.AddScoped<ICrmRecords, Modules.ZohoCrmRecords>();
        services.AddScoped<Application.Meetings.ICrmContactDirectory, ZohoContactDirectory>();
    }
}
