using Microsoft.AspNetCore.Http.HttpResults;
using NotesSync.Domain.Common;

namespace NotesSync.Web.Problems;

/// <summary>
/// Turns a domain or application <see cref="Error"/> into RFC 9457 problem details with its stable code. Every
/// answer is a typed result, so an endpoint's return type names its success and OpenAPI documents it. A problem's
/// status is only known at run time (it follows the error's kind), so each endpoint names the statuses it can
/// answer with <c>ProducesProblem</c>, and the validation pipeline's 400 with <c>ProducesValidationProblem</c>.
/// </summary>
public static class ResultMapping
{
    public static ProblemHttpResult ToProblem(this Error error)
    {
        var extensions = new Dictionary<string, object?>(error.Extensions) { ["code"] = error.Code };
        return TypedResults.Problem(
            statusCode: StatusOf(error.Kind), title: TitleOf(error.Kind), detail: error.Message, extensions: extensions);
    }

    public static Results<TSuccess, ProblemHttpResult> ToHttp<TSuccess>(this Result result, Func<TSuccess> onSuccess)
        where TSuccess : IResult =>
        result.IsSuccess ? onSuccess() : result.Error!.ToProblem();

    public static Results<TSuccess, ProblemHttpResult> ToHttp<T, TSuccess>(this Result<T> result, Func<T, TSuccess> onSuccess)
        where TSuccess : IResult =>
        result.IsSuccess ? onSuccess(result.Value) : result.Error!.ToProblem();

    private static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => "The request is not valid.",
        ErrorKind.NotFound => "Not found.",
        ErrorKind.Conflict => "The request conflicts with the current state.",
        ErrorKind.Forbidden => "Forbidden.",
        ErrorKind.Unprocessable => "The request could not be carried out.",
        _ => "Error.",
    };
}
