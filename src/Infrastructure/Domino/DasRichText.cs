using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NotesSync.Infrastructure.Domino;

/// <summary>
/// Rich text and MIME items as plain text (das.md §1.4): NotesSync carries a body to and from a CRM description,
/// never its formatting.
/// </summary>
internal static partial class DasRichText
{
    /// <summary>
    /// <c>{"type":"multipart","content":[…]}</c>: the text/plain part when there is one, else the text/html part
    /// without its tags. <c>{"type":"richtext","data":"&lt;html…"}</c> (<c>multipart=false</c>): the HTML without tags.
    /// </summary>
    public static string? ToText(JsonElement item)
    {
        if (item.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            var parts = content.EnumerateArray()
                .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.String)
                .Select(p => (Type: MediaType(p), Text: Decode(p)))
                .ToList();
            if (parts.FirstOrDefault(p => string.Equals(p.Type.MediaType, "text/plain", StringComparison.OrdinalIgnoreCase)) is { Text: { } plain }) return plain.Trim();
            return parts.FirstOrDefault(p => string.Equals(p.Type.MediaType, "text/html", StringComparison.OrdinalIgnoreCase)) is { Text: { } html } ? FromHtml(html) : null;
        }
        return item.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.String ? FromHtml(data.GetString()!) : null;
    }

    private static MediaTypeHeaderValue MediaType(JsonElement part) =>
        part.TryGetProperty("contentType", out var type) && MediaTypeHeaderValue.TryParse(type.GetString(), out var parsed)
            ? parsed
            : new MediaTypeHeaderValue("text/plain");

    /// <summary>
    /// Inferred: DAS hands over a part's data as stored, with its <c>contentTransferEncoding</c>, so base64 and
    /// quoted-printable parts are decoded here, in the part's charset.
    /// </summary>
    private static string Decode(JsonElement part)
    {
        var data = part.GetProperty("data").GetString()!;
        var encoding = part.TryGetProperty("contentTransferEncoding", out var e) ? e.GetString()?.Trim().ToLowerInvariant() : null;
        var charset = CharsetOf(MediaType(part).CharSet);
        try
        {
            return encoding switch
            {
                "base64" => charset.GetString(Convert.FromBase64String(string.Concat(data.Where(c => !char.IsWhiteSpace(c))))),
                "quoted-printable" => charset.GetString(QuotedPrintable(data)),
                _ => data,
            };
        }
        catch (FormatException)
        {
            return data;
        }
    }

    private static Encoding CharsetOf(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return Encoding.UTF8;
        try
        {
            return Encoding.GetEncoding(name.Trim('"'));
        }
        catch (ArgumentException)
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name.Trim('"')) ?? Encoding.UTF8;
        }
    }

    private static byte[] QuotedPrintable(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '=' && i + 1 < text.Length && text[i + 1] == '\n') { i += 1; continue; }
            if (c == '=' && i + 2 < text.Length && text[i + 1] == '\r' && text[i + 2] == '\n') { i += 2; continue; }
            if (c == '=' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.FromHexString(text.AsSpan(i + 1, 2))[0]);
                i += 2;
                continue;
            }
            if (c < 0x80) bytes.Add((byte)c);
            else bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }
        return [.. bytes];
    }

    /// <summary>HTML as a reader sees it: line breaks where blocks end, entities decoded, no tags.</summary>
    public static string FromHtml(string html)
    {
        var text = Hidden().Replace(html, "");
        text = SourceBreaks().Replace(text, " ");
        text = Breaks().Replace(text, "\n");
        text = WebUtility.HtmlDecode(Tags().Replace(text, ""));
        var lines = text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    [GeneratedRegex(@"<(script|style|head)\b.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"\r?\n")]
    private static partial Regex SourceBreaks();

    [GeneratedRegex(@"<br\s*/?>|</(p|div|li|tr|h[1-6])\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex Breaks();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"[ \t\u00a0]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
