using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NotesSync.Simulators.Domino.Http;

/// <summary>
/// JSON as DAS writes it: member order is under our control (Utf8JsonWriter), the data service sends UTF-8 text
/// as is and pretty-prints unless <c>compact=true</c>, and the calendar service escapes every non-ASCII
/// character as <c>\uXXXX</c>.
/// </summary>
internal static class DasJson
{
    public static byte[] Object(Action<Utf8JsonWriter> members, bool compact = false, bool asciiOnly = false) =>
        Write(w =>
        {
            w.WriteStartObject();
            members(w);
            w.WriteEndObject();
        }, compact, asciiOnly);

    public static byte[] Array(Action<Utf8JsonWriter> elements, bool compact = false) =>
        Write(w =>
        {
            w.WriteStartArray();
            elements(w);
            w.WriteEndArray();
        }, compact, asciiOnly: false);

    public static byte[] Write(Action<Utf8JsonWriter> write, bool compact, bool asciiOnly)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = !compact,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            write(writer);
        }
        var bytes = buffer.WrittenSpan.ToArray();
        return asciiOnly ? EscapeNonAscii(bytes) : bytes;
    }

    /// <summary>Non-ASCII only ever appears inside JSON strings, so escaping it after the fact is safe.</summary>
    private static byte[] EscapeNonAscii(byte[] utf8)
    {
        var text = Encoding.UTF8.GetString(utf8);
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c < 0x80) builder.Append(c);
            else builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
        }
        return Encoding.ASCII.GetBytes(builder.ToString());
    }
}
