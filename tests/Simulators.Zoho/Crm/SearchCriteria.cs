using System.Text;
using NotesSync.Simulators.Zoho.Http;

namespace NotesSync.Simulators.Zoho.Crm;

/// <summary>
/// Zoho's search criteria: <c>(Field:operator:value)</c>, combined as <c>((A:equals:x)and(B:starts_with:y))</c>.
/// In values, <c>\(</c>, <c>\)</c>, <c>\,</c> and <c>\:</c> escape the syntax characters; <c>in</c> takes a comma list.
/// </summary>
internal sealed class SearchCriteria
{
    private static readonly string[] Operators =
        ["equals", "not_equal", "starts_with", "in", "not_in", "greater_than", "greater_equal", "less_than", "less_equal", "between"];

    private readonly string _text;
    private readonly ModuleSchema _schema;
    private int _position;

    private SearchCriteria(string text, ModuleSchema schema)
    {
        _text = text;
        _schema = schema;
    }

    public static Condition Parse(string text, ModuleSchema schema)
    {
        var parser = new SearchCriteria(text.Trim(), schema);
        var condition = parser.Expression();
        parser.SkipSpaces();
        if (parser._position != parser._text.Length) throw Invalid("unexpected text after the criteria");
        return condition;
    }

    private Condition Expression()
    {
        var left = Group();
        while (true)
        {
            SkipSpaces();
            if (Word("and")) left = new AllOf(left, Group());
            else if (Word("or")) left = new AnyOf(left, Group());
            else return left;
        }
    }

    private Condition Group()
    {
        SkipSpaces();
        if (_position >= _text.Length || _text[_position] != '(') throw Invalid("expected '('");
        _position++;
        SkipSpaces();
        if (_position < _text.Length && _text[_position] == '(')
        {
            var inner = Expression();
            SkipSpaces();
            if (_position >= _text.Length || _text[_position] != ')') throw Invalid("expected ')'");
            _position++;
            return inner;
        }
        var conditionStart = _position;
        var parts = new List<StringBuilder> { new() };
        var escaped = false;
        for (; _position < _text.Length; _position++)
        {
            var c = _text[_position];
            if (escaped) { parts[^1].Append(c); escaped = false; continue; }
            if (c == '\\') { escaped = true; continue; }
            if (c == ')') break;
            if (c == ':' && parts.Count < 3) { parts.Add(new StringBuilder()); continue; }
            parts[^1].Append(c);
        }
        if (_position >= _text.Length) throw Invalid("expected ')'");
        _position++;
        if (parts.Count != 3) throw Invalid("a condition reads (field:operator:value)");
        var fieldName = parts[0].ToString().Trim();
        var op = parts[1].ToString().Trim().ToLowerInvariant();
        if (!Operators.Contains(op, StringComparer.Ordinal)) throw Invalid($"unsupported operator '{op}'");
        ZohoField? field = null;
        if (fieldName != "id")
        {
            field = _schema.Find(fieldName);
            if (field is null)
                throw new QueryException("INVALID_QUERY", "invalid query formed", ZohoJson.Details(("api_name", fieldName), ("reason", "the field is not available for search")));
        }
        var raw = _text[conditionStart..(_position - 1)];
        var values = op is "in" or "not_in" or "between" ? SplitValues(raw) : [parts[2].ToString()];
        if (op == "between" && values.Count != 2) throw Invalid("between takes two values");
        return new Comparison(field, op, values);
    }

    /// <summary>The value part of a raw condition, split on unescaped commas.</summary>
    private static List<string?> SplitValues(string rawCondition)
    {
        var colons = 0;
        var start = 0;
        for (var i = 0; i < rawCondition.Length && colons < 2; i++)
        {
            if (rawCondition[i] == '\\') { i++; continue; }
            if (rawCondition[i] == ':' && ++colons == 2) start = i + 1;
        }
        var values = new List<string?>();
        var current = new StringBuilder();
        for (var i = start; i < rawCondition.Length; i++)
        {
            var c = rawCondition[i];
            if (c == '\\' && i + 1 < rawCondition.Length) { current.Append(rawCondition[++i]); continue; }
            if (c == ',') { values.Add(current.ToString()); current.Clear(); continue; }
            current.Append(c);
        }
        values.Add(current.ToString());
        return values;
    }

    private bool Word(string word)
    {
        if (string.Compare(_text, _position, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) != 0) return false;
        _position += word.Length;
        return true;
    }

    private void SkipSpaces()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position])) _position++;
    }

    private static QueryException Invalid(string reason) =>
        new("INVALID_QUERY", "invalid query formed", ZohoJson.Details(("reason", reason)));
}
