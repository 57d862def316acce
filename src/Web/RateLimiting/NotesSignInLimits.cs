using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace NotesSync.Web.RateLimiting;

/// <summary>Configuration section <c>Notes:SignInAttempts</c>.</summary>
public sealed class NotesSignInLimitOptions
{
    /// <summary>Attempts one user may make in a window: a person mistypes a few times, never dozens.</summary>
    public int PerUser { get; set; } = 10;

    /// <summary>Attempts one organisation's users may make together in a window, so many accounts are no way around it.</summary>
    public int PerOrg { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Every call that sends a Notes password to a Domino server (connect, change password) is a sign-in that NotesSync
/// makes on the caller's behalf, to a server the caller names: without a limit, NotesSync is a relay for guessing
/// passwords. Limited per user and per organisation (ASP.NET Core rate limiting); past the limit, 429 problem details
/// <c>too-many-attempts</c> with <c>Retry-After</c>. The counts are each node's own (in memory): behind a load balancer
/// of N nodes a caller may make up to N times as many attempts, still a handful where guessing needs thousands.
/// </summary>
public static class NotesSignInLimits
{
    private sealed class SignInAttempt;

    public static IServiceCollection AddNotesSignInLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Notes:SignInAttempts").Get<NotesSignInLimitOptions>() ?? new NotesSignInLimitOptions();
        return services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                Limit(context => $"user:{Claim(context, "org")}:{Claim(context, "sub")}", options.PerUser, options.Window),
                Limit(context => $"org:{Claim(context, "org")}", options.PerOrg, options.Window));
            limiter.OnRejected = RejectAsync;
        });
    }

    /// <summary>Marks an endpoint as a Notes sign-in attempt, which the limits count.</summary>
    public static TBuilder CountsAsNotesSignIn<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new SignInAttempt()).ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static PartitionedRateLimiter<HttpContext> Limit(Func<HttpContext, string> partition, int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.GetEndpoint()?.Metadata.GetMetadata<SignInAttempt>() is null
                ? RateLimitPartition.GetNoLimiter("")
                : RateLimitPartition.GetFixedWindowLimiter(partition(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = window,
                    QueueLimit = 0,
                }));

    private static string Claim(HttpContext context, string type) => context.User.FindFirst(type)?.Value ?? "";

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var http = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many attempts.",
            Detail = $"Too many sign-in attempts to Notes from this account or organisation. Try again in {seconds} seconds.",
        };
        problem.Extensions["code"] = "too-many-attempts";
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
