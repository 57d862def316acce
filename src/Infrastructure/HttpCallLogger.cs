using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace NotesSync.Infrastructure;

/// <summary>
/// Logs each call to Domino or Zoho by method, path, status and time, and nothing of its headers. The default
/// HttpClient logger writes the request headers at Trace: their values are starred in the message, but the log's
/// structured state carries them whole, and those headers are the user's Notes password (DAS's Basic credentials,
/// base64) or the organisation's Zoho access token. The query is left out too: it carries what the user searched for.
/// </summary>
internal sealed partial class HttpCallLogger(string service, ILogger logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        Answered(service, request.Method.Method, PathOf(request), (int)response.StatusCode, elapsed.TotalMilliseconds);

    public void LogRequestFailed(
        object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        Failed(service, request.Method.Method, PathOf(request), elapsed.TotalMilliseconds, exception.GetType().Name);

    private static string PathOf(HttpRequestMessage request) => request.RequestUri?.AbsolutePath ?? "";

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} {Method} {Path} answered {Status} after {ElapsedMs:0.0} ms")]
    private partial void Answered(string service, string method, string path, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} {Method} {Path} got no answer after {ElapsedMs:0.0} ms ({Failure})")]
    private partial void Failed(string service, string method, string path, double elapsedMs, string failure);
}

internal static class HttpCallLogging
{
    /// <summary>Replaces the client's default loggers (which would log its credentials) by a <see cref="HttpCallLogger"/>.</summary>
    public static IHttpClientBuilder LogCallsWithoutHeaders<TClient>(this IHttpClientBuilder builder, string service) where TClient : class =>
        builder.RemoveAllLoggers().AddLogger(provider => new HttpCallLogger(service, provider.GetRequiredService<ILogger<TClient>>()));
}
