using System.Globalization;
using System.Text.Json.Nodes;
using NotesSync.Simulators.Zoho.Http;

namespace NotesSync.Simulators.Zoho.Crm;

/// <summary>A filter shared by search criteria and COQL where-clauses.</summary>
internal abstract class Condition
{
    public abstract bool Matches(StoredRecord record);
}

internal sealed class AllOf(Condition left, Condition right) : Condition
{
    public override bool Matches(StoredRecord record) => left.Matches(record) && right.Matches(record);
}

internal sealed class AnyOf(Condition left, Condition right) : Condition
{
    public override bool Matches(StoredRecord record) => left.Matches(record) || right.Matches(record);
}

/// <summary>
/// One comparison. Text compares case-insensitively (Zoho's search does); date-times, numbers and dates by value.
/// Operators: equals, not_equal, starts_with, in, not_in, like, not_like, is_null, is_not_null, greater_than,
/// greater_equal, less_than, less_equal, between.
/// </summary>
internal sealed class Comparison(ZohoField? target, string op, IReadOnlyList<string?> values) : Condition
{
    public override bool Matches(StoredRecord record)
    {
        var actual = Actual(record);
        return op switch
        {
            "equals" => actual.Any(a => values.Any(v => Same(a, v))),
            "in" => actual.Any(a => values.Any(v => Same(a, v))),
            "not_equal" or "not_in" => !actual.Any(a => values.Any(v => Same(a, v))),
            "starts_with" => actual.Any(a => values.Any(v => v is not null && a.StartsWith(v, StringComparison.OrdinalIgnoreCase))),
            "like" => actual.Any(a => values.Any(v => Like(a, v))),
            "not_like" => !actual.Any(a => values.Any(v => Like(a, v))),
            "is_null" => actual.Count == 0,
            "is_not_null" => actual.Count > 0,
            "greater_than" => actual.Any(a => Order(a, values[0]) > 0),
            "greater_equal" => actual.Any(a => Order(a, values[0]) >= 0),
            "less_than" => actual.Any(a => Order(a, values[0]) < 0),
            "less_equal" => actual.Any(a => Order(a, values[0]) <= 0),
            "between" => actual.Any(a => Order(a, values[0]) >= 0 && Order(a, values[1]) <= 0),
            _ => false,
        };
    }

    private List<string> Actual(StoredRecord record)
    {
        if (target is null) return [record.Id];
        var value = target.Kind switch
        {
            FieldKind.TimeStamp => ZohoTime.Format(target.ApiName == "Created_Time" ? record.CreatedTime : record.ModifiedTime, TimeZoneInfo.Utc),
            FieldKind.OwnerLookup => record.Owner.Id,
            FieldKind.UserStamp => target.ApiName == "Created_By" ? record.CreatedBy.Id : record.ModifiedBy.Id,
            FieldKind.FullName => RecordRenderer.FullName(record),
            FieldKind.Lookup => WriteBatch.IdOf(record.Values[target.ApiName]),
            FieldKind.Tag => null,
            _ => record.Values[target.ApiName] switch
            {
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                JsonValue v => v.ToJsonString(),
                _ => null,
            },
        };
        if (target.Kind == FieldKind.Tag) return [.. record.Tags];
        return string.IsNullOrEmpty(value) ? [] : [value];
    }

    private bool Same(string actual, string? expected) => expected is not null && (IsTime
        ? Order(actual, expected) == 0
        : string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase));

    private bool IsTime => target?.Kind is FieldKind.TimeStamp or FieldKind.DateTime or FieldKind.ClosedTime;

    private int Order(string actual, string? expected)
    {
        if (expected is null) return 1;
        if (IsTime && ZohoTime.TryParseDateTime(actual, out var a) && ZohoTime.TryParseDateTime(expected, out var b)) return a.CompareTo(b);
        if (double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)) return x.CompareTo(y);
        return string.Compare(actual, expected, StringComparison.OrdinalIgnoreCase);
    }

    private static bool Like(string actual, string? pattern)
    {
        if (pattern is null) return false;
        var regex = "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("%", ".*", StringComparison.Ordinal) + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(actual, regex, System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
    }
}

internal sealed class QueryException(string code, string message, JsonObject details) : Exception(message)
{
    public string Code { get; } = code;

    public JsonObject Details { get; } = details;
}
