using NotesSync.Domain.Common;

namespace NotesSync.Web.Problems;

/// <summary>Turns a domain or application <see cref="Error"/> into RFC 9457 problem details with its stable code.</summary>
public static class ResultMapping
{
    public static IResult ToProblem(this Error error)
    {
        var extensions = new Dictionary<string, object?>(error.Extensions) { ["code"] = error.Code };
        return Results.Problem(
            statusCode: StatusOf(error.Kind), title: TitleOf(error.Kind), detail: error.Message, extensions: extensions);
    }

    public static IResult ToHttp(this Result result, Func<IResult> onSuccess) =>
        result.IsSuccess ? onSuccess() : result.Error!.ToProblem();

    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
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
