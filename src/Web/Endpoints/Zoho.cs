using System.Net;
using Mediator;
using NotesSync.Application.Zoho.CompleteZohoConnection;
using NotesSync.Application.Zoho.ConnectZoho;
using NotesSync.Application.Zoho.GetZohoStatus;

namespace NotesSync.Web.Endpoints;

/// <summary>Connecting the organisation's Zoho CRM (admin, once per organisation).</summary>
public static class Zoho
{
    public static void MapZoho(this IEndpointRouteBuilder api)
    {
        var zoho = api.MapGroup("/zoho").WithTags("Zoho CRM connection");
        zoho.MapPost("/connect", async (HttpResponse response, ISender sender, CancellationToken ct) =>
        {
            var authorize = await sender.Send(new ConnectZoho(), ct);
            response.Cookies.Append(BrowserCookie, authorize.BrowserNonce, BrowserCookieOptions(DateTimeOffset.UtcNow + BrowserCookieLifetime));
            return TypedResults.Ok(authorize);
        });
        zoho.MapGet("/status", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetZohoStatus(), ct)));
    }

    /// <summary>
    /// The cookie that binds a consent to the admin's browser: set on the answer to <c>/api/zoho/connect</c>, the one
    /// request that proves who the admin is, and sent back only to the callback. The widget calls from Zoho's domain,
    /// so it is a cross-site cookie: <c>SameSite=None</c> (and so <c>Secure</c>), HttpOnly, as short-lived as the state.
    /// </summary>
    public const string BrowserCookie = "notessync-zoho-consent";

    private const string CallbackPath = "/oauth/zoho/callback";
    private static readonly TimeSpan BrowserCookieLifetime = TimeSpan.FromMinutes(10);

    private static CookieOptions BrowserCookieOptions(DateTimeOffset expires) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.None,
        Path = CallbackPath,
        Expires = expires,
        IsEssential = true,
    };

    /// <summary>
    /// Zoho redirects the admin's browser here: no widget token, the protected <c>state</c> says who asked, and the
    /// browser's cookie that it is the browser that asked. The answer is a small page for the pop-up the widget
    /// opened: it tells the widget and closes itself. The cookie is spent either way.
    /// </summary>
    public static void MapZohoCallback(this IEndpointRouteBuilder app) =>
        app.MapGet(CallbackPath, async (HttpRequest request, HttpResponse response, ISender sender, CancellationToken ct) =>
        {
            var q = request.Query;
            var result = await sender.Send(new CompleteZohoConnection(
                NullIfEmpty(q["code"]), NullIfEmpty(q["state"]), NullIfEmpty(q["accounts-server"]), NullIfEmpty(q["error"]),
                request.Cookies[BrowserCookie]), ct);
            response.Cookies.Delete(BrowserCookie, BrowserCookieOptions(DateTimeOffset.UnixEpoch));
            if (result.IsFailure)
            {
                var status = result.Error!.Code is "invalid-state" or "untrusted-accounts-server" ? 400 : 422;
                return TypedResults.Content(Page(false, result.Error.Code, result.Error.Message), Html, statusCode: status);
            }

            return TypedResults.Content(Page(true, "zoho-connected", "Zoho CRM is connected. You can close this window."), Html);
        })
        .Produces<string>(StatusCodes.Status200OK, "text/html")
        .Produces<string>(StatusCodes.Status400BadRequest, "text/html")
        .Produces<string>(StatusCodes.Status422UnprocessableEntity, "text/html")
        .WithTags("Zoho CRM connection").AllowAnonymous();

    private const string Html = "text/html; charset=utf-8";

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) =>
        string.IsNullOrEmpty(value) ? null : value.ToString();

    private static string Page(bool ok, string code, string message)
    {
        var text = WebUtility.HtmlEncode(message);
        var payload = System.Text.Json.JsonSerializer.Serialize(new { type = "notessync-zoho", ok, code });
        return $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>NotesSync</title></head>
            <body><p id="result" data-code="{{code}}">{{text}}</p>
            <script>if (window.opener) { window.opener.postMessage({{payload}}, "*"); setTimeout(function () { window.close(); }, 1500); }</script>
            </body></html>
            """;
    }
}
