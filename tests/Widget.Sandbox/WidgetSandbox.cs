using System.Net;
using System.Reflection;
using Microsoft.Extensions.FileProviders;

namespace NotesSync.Widget.Sandbox;

/// <summary>
/// The widget's home in the sandbox: a stand-in for the CRM page that holds the "IBM Notes Sync" tab, the widget's own
/// files from widget/app, and a stand-in for Zoho's embedded-app SDK that plays the installed organisation's admin or
/// its second user. The widget is served as it is packed for Zoho, except for the two lines Zoho's CDN and the real
/// backend fill (the SDK's script and the API's address), which point at the stand-in and the sandbox's host.
/// </summary>
public sealed class WidgetSandbox : IAsyncDisposable
{
    public const string ZohoSdkCdn = "https://live.zwidgets.com/js-sdk/1.2/ZohoEmbededAppSDK.min.js";
    private const string StandInSdkPath = "/sdk/ZohoEmbededAppSDK.min.js";
    private const string ProductionApi = "https://notessync.example.com";

    private readonly WebApplication _app;

    private WidgetSandbox(WebApplication app, SandboxOrganisation organisation, Uri url)
    {
        _app = app;
        Organisation = organisation;
        Url = url;
    }

    public SandboxOrganisation Organisation { get; }
    public Uri Url { get; }

    /// <summary>The widget's page, signed in as the user given (the admin when null), in the locale given (the user's own when null).</summary>
    public Uri WidgetUrl(SandboxUser? user = null, string? locale = null) =>
        new(Url, $"/app/index.html?sandboxUser={Uri.EscapeDataString((user ?? Organisation.Admin).Id)}"
            + (locale is null ? "" : $"&locale={Uri.EscapeDataString(locale)}"));

    public static async Task<WidgetSandbox> StartAsync(SandboxOptions options, CancellationToken ct = default)
    {
        var organisation = await SandboxOrganisation.InstallAsync(options, ct);
        var widgetFolder = options.WidgetFolder ?? FindWidgetFolder();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Url.GetLeftPart(UriPartial.Authority));
        var app = builder.Build();

        // Every answer is fresh: a newcomer editing the widget sees the change on reload.
        app.Use((context, next) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return next(context);
        });
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.Value is "/app" or "/app/" or "/app/index.html")
            {
                var html = await File.ReadAllTextAsync(Path.Combine(widgetFolder, "index.html"), context.RequestAborted);
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(html
                    .Replace(ZohoSdkCdn, StandInSdkPath, StringComparison.Ordinal)
                    .Replace(ProductionApi, options.ApiUrl.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal), context.RequestAborted);
                return;
            }
            await next(context);
        });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(widgetFolder), RequestPath = "/app" });

        app.MapGet("/", () => Site("shell.html", "text/html; charset=utf-8"));
        app.MapGet("/shell.js", () => Site("shell.js", "text/javascript"));
        app.MapGet(StandInSdkPath, () => Site("zoho-sdk-standin.js", "text/javascript"));
        app.MapGet("/sandbox/users", () => Results.Ok(new
        {
            organisation.OrgId,
            organisation.OrgName,
            users = organisation.Users,
        }));
        app.MapPost("/sandbox/functions/{name}", async (string name, FunctionCall call, CancellationToken token) =>
        {
            if (name != "notessync_widget_token") return Results.NotFound(new { code = "INVALID_DATA", message = $"no function {name}" });
            var user = organisation.Users.FirstOrDefault(u => u.Id == call.User) ?? organisation.Admin;
            return Results.Ok(await organisation.RunTokenFunctionAsync(user, call.Locale, token));
        });

        await app.StartAsync(ct);
        return new WidgetSandbox(app, organisation, options.Url);
    }

    public sealed record FunctionCall(string? User, string? Locale);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public Task WaitForShutdownAsync(CancellationToken ct) => _app.WaitForShutdownAsync(ct);

    private static IResult Site(string file, string contentType)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Site/{file}")
            ?? throw new InvalidOperationException($"The sandbox's {file} is not embedded.");
        return Results.Stream(stream, contentType);
    }

    /// <summary>widget/app of the repository this assembly was built in (run.sh and the tests run from inside it).</summary>
    public static string FindWidgetFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NotesSync.sln"))) return Path.Combine(dir.FullName, "widget", "app");
        }
        throw new InvalidOperationException($"No NotesSync.sln above {AppContext.BaseDirectory}: pass the widget's folder.");
    }

    /// <summary>A loopback port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
