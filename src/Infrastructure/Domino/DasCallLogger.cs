using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace NotesSync.Infrastructure.Domino;

/// <summary>
/// Logs each DAS call by method, path, status and time, and nothing of its headers. The default HttpClient logger
/// writes the request headers at Trace: their values are starred in the message, but the log's structured state
/// carries them whole, and every DAS call's Authorization header is the user's Notes password in base64.
/// The query is left out too: it carries what the user searched for.
/// </summary>
internal sealed partial class DasCallLogger(ILogger<DasCallLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        Answered(request.Method.Method, PathOf(request), (int)response.StatusCode, elapsed.TotalMilliseconds);

    public void LogRequestFailed(
        object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        Failed(request.Method.Method, PathOf(request), elapsed.TotalMilliseconds, exception.GetType().Name);

    private static string PathOf(HttpRequestMessage request) => request.RequestUri?.AbsolutePath ?? "";

    [LoggerMessage(Level = LogLevel.Information, Message = "DAS {Method} {Path} answered {Status} after {ElapsedMs:0.0} ms")]
    private partial void Answered(string method, string path, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "DAS {Method} {Path} got no answer after {ElapsedMs:0.0} ms ({Failure})")]
    private partial void Failed(string method, string path, double elapsedMs, string failure);
}
