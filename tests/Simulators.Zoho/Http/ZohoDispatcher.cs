using System.Diagnostics;
using System.Text.Json.Nodes;
using NotesSync.ReferenceCheck;
using NotesSync.Simulators.Zoho.Control;

namespace NotesSync.Simulators.Zoho.Http;

/// <summary>
/// The single terminal middleware: the simulator routes by hand so that unknown URLs, wrong methods and every
/// error come back in Zoho's own shapes rather than ASP.NET Core's.
/// </summary>
internal sealed class ZohoDispatcher(ZohoSimulatorState state)
{
    private readonly AccountsServer _accounts = new(state);
    private readonly CrmApi _crm = new(state);
    private readonly ControlApi _control = new(state);

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/_simulator", StringComparison.OrdinalIgnoreCase))
        {
            await _control.HandleAsync(context);
            return;
        }

        var call = new CallContext();
        var clock = Stopwatch.StartNew();
        var body = "";
        // Taken now: once a fault aborts the connection, the request's headers can no longer be read.
        var headers = RecordedRequest.KeepHeaders(context.Request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())));
        try
        {
            // Buffered, so that the journal keeps the body and the handler still reads it from the start.
            context.Request.EnableBuffering();
            body = await new StreamReader(context.Request.Body, leaveOpen: true).ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            if (path.StartsWith("/oauth/", StringComparison.OrdinalIgnoreCase))
                await _accounts.HandleAsync(context, call);
            else if (path.StartsWith("/crm/", StringComparison.OrdinalIgnoreCase))
                await _crm.HandleAsync(context, call);
            else
                await ZohoJson.WriteAsync(context, 404, ZohoJson.Error("INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one"));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            call.Aborted = true;
        }
        finally
        {
            state.Calls.Add(new ZohoCall(
                state.Now,
                context.Request.Method,
                path,
                context.Request.QueryString.Value ?? string.Empty,
                context.Response.StatusCode,
                call.Org?.Id,
                call.User?.Id,
                clock.Elapsed,
                call.Aborted,
                call.Fault?.Kind.ToString()));
            state.Journal.Record(new RecordedRequest(context.Request.Method, path, context.Request.QueryString.Value ?? string.Empty, headers, body));
        }
    }

    /// <summary>Takes a matching fault; true when the call has been answered or dropped by it.</summary>
    public static async Task<bool> TryFailAsync(ZohoSimulatorState state, HttpContext context, CallContext call)
    {
        var fault = state.Faults.Take(context.Request.Method, context.Request.Path.Value ?? "/");
        if (fault is null) return false;
        if (fault.Kind == ZohoFaultKind.Hold)
        {
            await fault.HoldAsync(context.RequestAborted);
            return false;
        }

        call.Fault = fault;
        switch (fault.Kind)
        {
            case ZohoFaultKind.DropConnection:
                call.Aborted = true;
                context.Abort();
                return true;
            case ZohoFaultKind.Status when fault.StatusCode == 500:
                await ZohoJson.WriteAsync(context, 500, ZohoJson.Error("INTERNAL_ERROR", "Internal Server Error"));
                return true;
            case ZohoFaultKind.Status when fault.StatusCode is 502 or 503 or 504:
                // An outage is answered by the load balancer, not the CRM: HTML, not JSON.
                context.Response.StatusCode = fault.StatusCode;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(
                    $"<html><head><title>{fault.StatusCode} Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>",
                    context.RequestAborted);
                return true;
            case ZohoFaultKind.Status:
                await ZohoJson.WriteAsync(context, fault.StatusCode,
                    ZohoJson.Error(fault.StatusCode == 429 ? "TOO_MANY_REQUESTS" : "INTERNAL_ERROR", "injected fault", new JsonObject()));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Runs a handler; for an apply-then-drop fault its answer is swallowed and the connection aborted.</summary>
    public static async Task RunAsync(HttpContext context, CallContext call, Func<Task> handler)
    {
        if (call.Fault?.Kind != ZohoFaultKind.ApplyThenDropConnection)
        {
            await handler();
            return;
        }
        var original = context.Response.Body;
        context.Response.Body = Stream.Null;
        try
        {
            await handler();
        }
        finally
        {
            context.Response.Body = original;
            call.Aborted = true;
            context.Abort();
        }
    }
}
