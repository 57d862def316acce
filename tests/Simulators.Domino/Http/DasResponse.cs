using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace NotesSync.Simulators.Domino.Http;

/// <summary>An answer computed under the state lock and written after it is released.</summary>
internal sealed class DasResponse(int status, string? contentType = null, byte[]? body = null)
{
    public int Status { get; } = status;
    public string? ContentType { get; } = contentType;
    public byte[]? Body { get; } = body;
    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public static DasResponse Json(byte[] body, int status = 200) => new(status, "application/json", body);

    /// <summary>No body and no Content-Type, as DAS answers a write or an empty event window.</summary>
    public static DasResponse Empty(int status = 200) => new(status);

    public static DasResponse Html(int status, string html) => new(status, "text/html", Encoding.UTF8.GetBytes(html));

    /// <summary>DAS's error shape: <c>{"code","text","message"}</c>, plus what the caller adds.</summary>
    public static DasResponse Error(int status, string? message, Action<System.Text.Json.Utf8JsonWriter>? extra = null) =>
        Json(DasJson.Object(w =>
        {
            w.WriteNumber("code", status);
            w.WriteString("text", ReasonPhrases.GetReasonPhrase(status));
            extra?.Invoke(w);
            if (message is not null) w.WriteString("message", message);
        }, compact: true), status);

    /// <summary>An error built from a Notes exception: DAS adds the exception text as <c>type</c>/<c>data</c>.</summary>
    public static DasResponse NotesError(int status, string message) =>
        Json(DasJson.Object(w =>
        {
            w.WriteNumber("code", status);
            w.WriteString("text", ReasonPhrases.GetReasonPhrase(status));
            w.WriteString("message", message);
            w.WriteString("type", "text");
            w.WriteString("data", $"NotesException: {message}");
        }, compact: true), status);

    /// <summary>A calendar-store error: <c>cserror</c> = 1024 + the store's error code.</summary>
    public static DasResponse CalendarError(int status, int storeCode, string message, string? detail = null) =>
        Json(DasJson.Object(w =>
        {
            w.WriteNumber("code", status);
            w.WriteString("text", ReasonPhrases.GetReasonPhrase(status));
            w.WriteNumber("cserror", 1024 + storeCode);
            w.WriteString("message", message);
            w.WriteString("type", "text");
            w.WriteString("data", $"com.ibm.domino.calendar.store.StoreException: {detail ?? message}");
        }, compact: true), status);

    public DasResponse With(string header, string value)
    {
        Headers.Add(new(header, value));
        return this;
    }

    public async Task WriteAsync(HttpResponse response, CancellationToken ct)
    {
        response.StatusCode = Status;
        foreach (var (name, value) in Headers) response.Headers.Append(name, value);
        if (ContentType is not null) response.ContentType = ContentType;
        if (Body is { Length: > 0 })
        {
            response.ContentLength = Body.Length;
            await response.Body.WriteAsync(Body, ct);
        }
        else
        {
            response.ContentLength = 0;
        }
    }
}
