using Microsoft.AspNetCore.Http;

namespace NotesSync.Web.Problems;

/// <summary>Every problem carries a <c>code</c>, including the ones the framework writes itself (401, 404, 405).</summary>
internal static class ProblemCodes
{
    public static void AddDefaultCode(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Extensions.ContainsKey("code")) return;
        context.ProblemDetails.Extensions["code"] = context.ProblemDetails.Status switch
        {
            StatusCodes.Status400BadRequest => "invalid-request",
            StatusCodes.Status401Unauthorized => "unauthorized",
            StatusCodes.Status403Forbidden => "forbidden",
            StatusCodes.Status404NotFound => "not-found",
            StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
            StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
            _ => "error",
        };
    }
}
