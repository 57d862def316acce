using System.Text;
using System.Text.Json.Nodes;

namespace NotesSync.Simulators.Zoho.Http;

/// <summary>The accounts server: <c>/oauth/v2/auth</c>, <c>/oauth/v2/token</c>, <c>/oauth/v2/token/revoke</c>.</summary>
internal sealed class AccountsServer(ZohoSimulatorState state)
{
    public async Task HandleAsync(HttpContext context, CallContext call)
    {
        var path = context.Request.Path.Value!.TrimEnd('/');
        var method = context.Request.Method;
        var latency = state.Latency;
        if (latency > TimeSpan.Zero) await Task.Delay(latency, context.RequestAborted);
        if (await ZohoDispatcher.TryFailAsync(state, context, call)) return;

        if (path.Equals("/oauth/v2/auth", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsGet(method))
            await ZohoDispatcher.RunAsync(context, call, () => AuthorizeAsync(context, call));
        else if (path.Equals("/oauth/v2/token", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsPost(method))
            await ZohoDispatcher.RunAsync(context, call, () => TokenAsync(context));
        else if (path.Equals("/oauth/v2/token/revoke", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsPost(method))
            await ZohoDispatcher.RunAsync(context, call, () => RevokeAsync(context));
        else
            await ZohoJson.WriteAsync(context, 404, new JsonObject { ["error"] = "invalid_request" });
    }

    /// <summary>
    /// No person signs in to the simulator, so the consent page approves at once and redirects straight back
    /// with a code, as the real page does after the user clicks "Accept".
    /// </summary>
    private async Task AuthorizeAsync(HttpContext context, CallContext call)
    {
        var q = context.Request.Query;
        var client = q["client_id"].ToString() is { Length: > 0 } clientId ? state.FindClient(clientId) : null;
        if (client is null)
        {
            await HtmlAsync(context, 400, "Invalid Client", "The client_id is not registered with the accounts server.");
            return;
        }
        var redirectUri = q["redirect_uri"].ToString();
        // Zoho shows an error page (never redirects) when redirect_uri differs from the registered one.
        if (redirectUri != client.RedirectUri.OriginalString && redirectUri != client.RedirectUri.AbsoluteUri)
        {
            await HtmlAsync(context, 400, "Invalid Redirect Uri", "The redirect_uri does not match the one registered for this client.");
            return;
        }

        var stateParam = q["state"].ToString();
        string? error = null;
        if (q["response_type"] != "code") error = "unsupported_response_type";
        else if (string.IsNullOrWhiteSpace(q["scope"])) error = "invalid_scope";
        else if (state.TakeConsentRefusal()) error = "access_denied";

        var user = state.SignedInUser
            ?? (client.HomeOrgId is { } home ? state.FindOrg(home)?.Admin : null)
            ?? (state.Orgs is [var first, ..] ? first.Admin : null);
        if (error is null && user is null) error = "access_denied";
        call.Org = user?.Org;
        call.User = user;

        var location = new StringBuilder(redirectUri).Append(redirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?');
        if (error is not null)
        {
            if (stateParam.Length > 0) location.Append("state=").Append(Uri.EscapeDataString(stateParam)).Append('&');
            location.Append("error=").Append(error);
        }
        else
        {
            var scope = string.Join(',', q["scope"].ToString().Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var offline = string.Equals(q["access_type"], "offline", StringComparison.OrdinalIgnoreCase);
            var code = state.CreateGrantCode(client, user!, scope, redirectUri, offline);
            if (stateParam.Length > 0) location.Append("state=").Append(Uri.EscapeDataString(stateParam)).Append('&');
            location.Append("code=").Append(Uri.EscapeDataString(code))
                .Append("&location=").Append(Uri.EscapeDataString(state.Options.Location))
                .Append("&accounts-server=").Append(Uri.EscapeDataString(state.ApiDomain));
        }
        context.Response.StatusCode = 302;
        context.Response.Headers.Location = location.ToString();
    }

    private async Task TokenAsync(HttpContext context)
    {
        // Zoho's own examples put the parameters in the query string of the POST; forms work too.
        var p = await ParametersAsync(context);
        var (status, body) = p.GetValueOrDefault("grant_type") switch
        {
            "authorization_code" => state.ExchangeCode(p.GetValueOrDefault("client_id"), p.GetValueOrDefault("client_secret"),
                p.GetValueOrDefault("redirect_uri"), p.GetValueOrDefault("code")),
            "refresh_token" => state.Refresh(p.GetValueOrDefault("client_id"), p.GetValueOrDefault("client_secret"),
                p.GetValueOrDefault("refresh_token")),
            _ => (200, new JsonObject { ["error"] = "unsupported_grant_type" }),
        };
        await ZohoJson.WriteAsync(context, status, body);
    }

    /// <summary>
    /// Revoking answers {"status":"success"} (what Zoho's SDK reads). For a token it does not know the answer is the
    /// same, as RFC 7009 asks: Zoho's own answer for that case is not documented.
    /// </summary>
    private async Task RevokeAsync(HttpContext context)
    {
        var p = await ParametersAsync(context);
        if (p.GetValueOrDefault("token") is { Length: > 0 } token) state.RevokeToken(token);
        await ZohoJson.WriteAsync(context, 200, new JsonObject { ["status"] = "success" });
    }

    private static async Task<Dictionary<string, string>> ParametersAsync(HttpContext context)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in context.Request.Query) values[key] = value.ToString();
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            foreach (var (key, value) in form) values[key] = value.ToString();
        }
        return values;
    }

    private static async Task HtmlAsync(HttpContext context, int status, string title, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>{title}</h1><p>{message}</p></body></html>",
            context.RequestAborted);
    }
}
