using System.Text.Json;
using NotesSync.Simulators.Domino.Notes;

namespace NotesSync.Simulators.Domino.DataService;

internal sealed record DocumentJsonOptions(
    bool StrongType,
    bool Hidden,
    bool Multipart,
    bool LowercaseFields,
    IReadOnlySet<string>? Fields);

/// <summary>
/// A document as <c>GET /documents/unid/{unid}</c> answers it: system members first, then every non-empty item.
/// </summary>
internal static class DocumentJson
{
    public static void Write(Utf8JsonWriter w, NotesDocument doc, string href, DocumentJsonOptions options)
    {
        w.WriteStartObject();
        w.WriteString("@href", href);
        w.WriteString("@unid", doc.Unid);
        w.WriteString("@noteid", doc.NoteIdHex);
        if (doc.ParentUnid is not null) w.WriteString("@parentid", doc.ParentUnid);
        WriteSystemDate(w, "@created", doc.Created, options.StrongType);
        WriteSystemDate(w, "@modified", doc.Modified, options.StrongType);
        if (doc.UpdatedBy.Count > 0) ItemJson.WriteValue(w, "@authors", doc.UpdatedBy.Cast<object>().ToList());
        if (doc.Form.Length > 0) w.WriteString("@form", doc.Form);

        foreach (var item in doc.Items.Values)
        {
            if (item.IsEmpty) continue;
            if (item.IsHidden && (!options.Hidden || item.Name.Equals("$Fonts", StringComparison.OrdinalIgnoreCase))) continue;
            if (options.Fields is { } fields && !fields.Contains(item.Name)) continue;
            var name = options.LowercaseFields ? item.Name.ToLowerInvariant() : item.Name;
            if (item.Type == NotesItemType.RichText) WriteRichText(w, name, item.FirstText, options.Multipart);
            else ItemJson.WriteValue(w, name, item.Values, options.StrongType);
        }
        w.WriteEndObject();
    }

    private static void WriteSystemDate(Utf8JsonWriter w, string name, DateTimeOffset value, bool strongType)
    {
        if (!strongType)
        {
            w.WriteString(name, DasFormats.DateTime(value));
            return;
        }
        w.WriteStartObject(name);
        w.WriteString("type", "datetime");
        w.WriteString("data", DasFormats.DateTime(value));
        w.WriteEndObject();
    }

    private static void WriteRichText(Utf8JsonWriter w, string name, string html, bool multipart)
    {
        w.WriteStartObject(name);
        if (multipart)
        {
            w.WriteString("type", "multipart");
            w.WriteStartArray("content");
            w.WriteStartObject();
            w.WriteString("contentType", "text/html; charset=UTF-8");
            w.WriteString("contentDisposition", "inline");
            w.WriteString("data", html);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        else
        {
            w.WriteString("type", "richtext");
            w.WriteString("contentType", "text/html");
            w.WriteString("data", html);
        }
        w.WriteEndObject();
    }
}
