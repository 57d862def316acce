using System.Data.Common;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using NotesSync.Application.Common;
using NotesSync.Web.Authentication;

namespace NotesSync.Web.Problems;

/// <summary>
/// Every exception that reaches the edge becomes problem details with a <c>code</c>: bad input is the caller's
/// 400, a refused caller a 403, a lost race a 409; only the truly unexpected is a 500, and it says nothing inside.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, code, detail, errors) = exception switch
        {
            ValidationException v => (400, "validation-failed", "Some fields are not valid.", Errors(v)),
            BadHttpRequestException { InnerException: JsonException json } => (400, "invalid-request", JsonDetail(json), FieldOf(json)),
            BadHttpRequestException bad => (bad.StatusCode, "invalid-request", bad.Message, null),
            // The request's body is read by the framework (the case above): JSON that fails elsewhere is an answer
            // NotesSync read from Domino or Zoho, which is no fault of the caller's.
            JsonException => (502, "invalid-upstream-answer",
                "Domino or Zoho answered with something NotesSync cannot read. Try again later; if it persists, ask your administrator to check the server.", null),
            AccessDeniedException denied => (403, denied.Code, denied.Message, null),
            PersistenceConflictException conflict => (409, "concurrent-change", conflict.Message, null),
            SigningKeyUnavailableException => (503, "service-unavailable", "NotesSync cannot check your sign-in just now; try again in a moment.", null),
            // The database refused or lost the connection (down, failing over, out of connection slots: the provider calls
            // it transient): nothing was saved, and trying again later is the caller's remedy, not a report of a bug.
            DbException { IsTransient: true } or { InnerException: DbException { IsTransient: true } } =>
                (503, "service-unavailable", "NotesSync cannot reach its database just now; nothing was saved. Try again in a moment.", null),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "cancelled", "The request was cancelled.", null),
            _ => (500, "internal-error", "Something went wrong on our side; nothing was half-saved.", (IDictionary<string, string[]>?)null),
        };

        if (status is 502 or 503) logger.LogWarning(exception, "Upstream or database failure on {Method} {Path}", context.Request.Method, context.Request.Path);
        if (status == 500) logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, context.Request.Path);

        context.Response.StatusCode = status;
        if (status == 503) context.Response.Headers.RetryAfter = "5";
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = TitleOf(status), Detail = detail };
        problem.Extensions["code"] = code;
        if (errors is not null) problem.Extensions["errors"] = errors;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static Dictionary<string, string[]> Errors(ValidationException exception) =>
        exception.Errors
            .GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());

    /// <summary>A value of the wrong type or an unknown name (an enum) at a member: that member's field error.</summary>
    private static Dictionary<string, string[]>? FieldOf(JsonException json) =>
        json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal)
            ? new() { [path[2..]] = ["This value is not one this field accepts."] }
            : null;

    // The serializer's message names the JSON path and position, never a value: safe to hand back.
    private static string JsonDetail(JsonException json) =>
        json.Path is { Length: > 0 } path ? $"The JSON body is not valid at '{path}'." : "The JSON body is not valid.";

    private static string TitleOf(int status) => status switch
    {
        400 => "The request is not valid.",
        403 => "Forbidden.",
        409 => "The request conflicts with the current state.",
        502 => "Bad gateway.",
        503 => "Service unavailable.",
        _ => "Error.",
    };
}
