using System.Text.Json;
using NotesSync.Simulators.Domino.Notes;

namespace NotesSync.Simulators.Domino.DataService;

/// <summary>How item values look on the data-service wire: one value as a scalar, several as an array.</summary>
internal static class ItemJson
{
    public static void WriteValue(Utf8JsonWriter w, string name, IReadOnlyList<object> values, bool strongType = false)
    {
        w.WritePropertyName(name);
        var dates = values.Count > 0 && values.All(v => v is NotesDateTime);
        if (strongType && dates)
        {
            w.WriteStartObject();
            w.WriteString("type", "datetime");
            w.WritePropertyName("data");
            WriteValues(w, values);
            w.WriteEndObject();
            return;
        }
        WriteValues(w, values);
    }

    public static void WriteValues(Utf8JsonWriter w, IReadOnlyList<object> values)
    {
        if (values.Count == 1)
        {
            WriteScalar(w, values[0]);
            return;
        }
        if (values.Count == 0)
        {
            w.WriteStringValue("");
            return;
        }
        w.WriteStartArray();
        foreach (var value in values) WriteScalar(w, value);
        w.WriteEndArray();
    }

    public static void WriteScalar(Utf8JsonWriter w, object value)
    {
        switch (value)
        {
            case double d when d == Math.Floor(d) && Math.Abs(d) < 1e15:
                w.WriteNumberValue((long)d);
                break;
            case double d:
                w.WriteNumberValue(d);
                break;
            case NotesDateTime dt:
                w.WriteStringValue(dt.ToDasString());
                break;
            default:
                w.WriteStringValue(value.ToString());
                break;
        }
    }
}
