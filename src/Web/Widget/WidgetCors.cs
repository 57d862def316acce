using Microsoft.AspNetCore.Cors.Infrastructure;

namespace NotesSync.Web.Widget;

/// <summary>
/// Zoho serves the packed widget from its own domain, so the widget's calls are cross-origin: the host answers them
/// only for the origins named in <c>Widget:AllowedOrigins</c>, with credentials (the Zoho connect cookie rides on
/// <c>POST /api/zoho/connect</c>). Never <c>*</c>: a wildcard with credentials would let any site drive the API
/// from a signed-in admin's browser, and browsers refuse it anyway.
/// </summary>
public static class WidgetCors
{
    public const string PolicyName = "widget";
    public const string ConfigurationKey = "Widget:AllowedOrigins";

    public static IServiceCollection AddWidgetCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = AllowedOrigins(configuration);
        return services.AddCors(o => o.AddPolicy(PolicyName, policy => Configure(policy, origins)));
    }

    private static void Configure(CorsPolicyBuilder policy, string[] origins)
    {
        policy.WithOrigins(origins)
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "Accept", "Accept-Language", "Idempotency-Key")
            .WithExposedHeaders("Location")
            .AllowCredentials()
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
    }

    /// <summary>The configured origins, each an absolute http(s) origin; anything else stops the host at start-up.</summary>
    public static string[] AllowedOrigins(IConfiguration configuration)
    {
        var origins = configuration.GetSection(ConfigurationKey).Get<string[]>() ?? [];
        foreach (var origin in origins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
                || uri.AbsolutePath != "/" || origin.EndsWith('/') || origin.Contains('*', StringComparison.Ordinal))
                throw new InvalidOperationException(
                    $"{ConfigurationKey} holds '{origin}': each entry must be one origin such as https://crm.example.com (no path, no '*').");
        }

        return origins;
    }
}
