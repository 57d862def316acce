namespace NotesSync.Domain.Common;

/// <summary>How an error reads to a caller: the Web layer maps each kind to an HTTP status.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
    Unprocessable,
}

/// <summary>A business rule said no. <see cref="Code"/> is stable and machine-readable (api.md).</summary>
public sealed record Error(string Code, string Message, ErrorKind Kind)
{
    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = new Dictionary<string, object?>();

    /// <summary>
    /// Set by the adapter that knows the wire: the whole side cannot be used (the server is unreachable, the
    /// password refused, the CRM disconnected or out of credits), so every further call would fail the same way.
    /// A sync stops on it; any other error fails one record and the run goes on.
    /// </summary>
    public bool AffectsWholeSide { get; init; }

    /// <summary>This error, marked as one that makes its whole side unusable (<see cref="AffectsWholeSide"/>).</summary>
    public Error OfWholeSide() => this with { AffectsWholeSide = true };

    public static Error Validation(string code, string message) => new(code, message, ErrorKind.Validation);
    public static Error NotFound(string code, string message) => new(code, message, ErrorKind.NotFound);
    public static Error Conflict(string code, string message) => new(code, message, ErrorKind.Conflict);
    public static Error Forbidden(string code, string message) => new(code, message, ErrorKind.Forbidden);
    public static Error Unprocessable(string code, string message) => new(code, message, ErrorKind.Unprocessable);
}

public class Result
{
    protected Result(Error? error) => Error = error;

    public Error? Error { get; }
    public bool IsSuccess => Error is null;
    public bool IsFailure => !IsSuccess;

    public static Result Success() => new(null);
    public static Result Failure(Error error) => new(error);
    public static Result<T> Success<T>(T value) => Result<T>.Success(value);

    public static implicit operator Result(Error error) => new(error);
}

public sealed class Result<T> : Result
{
    private readonly T? _value;

    private Result(T? value, Error? error) : base(error) => _value = value;

    public T Value => IsSuccess
        ? _value!
        : throw new InvalidOperationException($"A failed result has no value ({Error!.Code}).");

    public static Result<T> Success(T value) => new(value, null);
    public static new Result<T> Failure(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);
    public static implicit operator Result<T>(Error error) => Failure(error);
}
