using System.Globalization;
using System.Text;
using NotesSync.Simulators.Zoho.Http;

namespace NotesSync.Simulators.Zoho.Crm;

/// <summary>A parsed COQL select: fields, module, where, order by, limit.</summary>
internal sealed class CoqlQuery
{
    public required IReadOnlyList<string> Fields { get; init; }

    public required ModuleStore Store { get; init; }

    public Condition? Where { get; init; }

    public IReadOnlyList<(ZohoField? Field, bool Descending)> OrderBy { get; init; } = [];

    public int Offset { get; init; }

    public int Limit { get; init; } = 200;
}

/// <summary>
/// The subset of COQL a sync needs: <c>select a, b from Module where … order by … limit offset, count</c> with
/// =, !=, &lt;&gt;, &lt;, &gt;, &lt;=, &gt;=, like, not like, in, not in (up to 50 values), is null, is not null, between,
/// and/or, parentheses. Text compares without regard to case, as Zoho's does.
/// </summary>
internal sealed class Coql
{
    private const int ValuesPerList = 50;

    private readonly List<string> _tokens;
    private readonly ZohoOrg _org;
    private int _at;
    private string _clause = "select";
    private ModuleSchema? _schema;

    private Coql(List<string> tokens, ZohoOrg org)
    {
        _tokens = tokens;
        _org = org;
    }

    public static CoqlQuery Parse(string query, ZohoOrg org) => new Coql(Tokenize(query), org).Select();

    private CoqlQuery Select()
    {
        Expect("select");
        var fields = new List<string>();
        do fields.Add(Identifier()); while (Accept(","));
        _clause = "from";
        Expect("from");
        var moduleName = Identifier();
        var store = _org.Store(moduleName)
            ?? throw new QueryException("INVALID_QUERY", "invalid query formed", ZohoJson.Details(("reason", "invalid module"), ("module", moduleName)));
        _schema = store.Schema;
        foreach (var field in fields)
        {
            if (field != "id" && _schema.Find(field) is null)
                throw new QueryException("INVALID_QUERY", "invalid query formed", ZohoJson.Details(("column_name", field), ("reason", "column given seems to be invalid")));
        }

        Condition? where = null;
        if (Accept("where"))
        {
            _clause = "where";
            where = Or();
        }
        var orderBy = new List<(ZohoField?, bool)>();
        if (Accept("order"))
        {
            _clause = "order by";
            Expect("by");
            do
            {
                var field = Column(Identifier());
                var descending = Accept("desc");
                if (!descending) Accept("asc");
                orderBy.Add((field, descending));
            }
            while (Accept(","));
        }
        int offset = 0, limit = 200;
        if (Accept("limit"))
        {
            _clause = "limit";
            var first = Number();
            if (Accept(",")) { offset = first; limit = Number(); }
            else if (Accept("offset")) { limit = first; offset = Number(); }
            else limit = first;
        }
        if (_at != _tokens.Count) throw Syntax();
        return new CoqlQuery { Fields = fields, Store = store, Where = where, OrderBy = orderBy, Offset = offset, Limit = limit };
    }

    private Condition Or()
    {
        var left = And();
        while (Accept("or")) left = new AnyOf(left, And());
        return left;
    }

    private Condition And()
    {
        var left = Primary();
        while (Accept("and")) left = new AllOf(left, Primary());
        return left;
    }

    private Condition Primary()
    {
        if (Accept("("))
        {
            var inner = Or();
            Expect(")");
            return inner;
        }
        var field = Column(Identifier());
        if (Accept("is"))
        {
            var negated = Accept("not");
            Expect("null");
            return new Comparison(field, negated ? "is_not_null" : "is_null", []);
        }
        if (Accept("not"))
        {
            if (Accept("like")) return new Comparison(field, "not_like", [Value()]);
            Expect("in");
            return new Comparison(field, "not_in", List());
        }
        if (Accept("like")) return new Comparison(field, "like", [Value()]);
        if (Accept("in")) return new Comparison(field, "in", List());
        if (Accept("between"))
        {
            var low = Value();
            Expect("and");
            return new Comparison(field, "between", [low, Value()]);
        }
        var op = Next() switch
        {
            "=" => "equals",
            "!=" or "<>" => "not_equal",
            ">" => "greater_than",
            ">=" => "greater_equal",
            "<" => "less_than",
            "<=" => "less_equal",
            _ => throw Syntax(),
        };
        var value = Value();
        return value is null ? new Comparison(field, op == "equals" ? "is_null" : "is_not_null", []) : new Comparison(field, op, [value]);
    }

    private List<string?> List()
    {
        Expect("(");
        var values = new List<string?>();
        do values.Add(Value()); while (Accept(","));
        Expect(")");
        // Zoho's COQL limitations page: in and not in take up to 50 values (the refusal's code and details are inferred).
        if (values.Count > ValuesPerList)
            throw new QueryException("LIMIT_EXCEEDED", "limit exceeded", ZohoJson.Details(("clause", _clause), ("limit", ValuesPerList)));
        return values;
    }

    private string? Value()
    {
        var token = Next();
        if (token.Length >= 2 && token[0] == '\'') return token[1..^1];
        if (token.Equals("null", StringComparison.OrdinalIgnoreCase)) return null;
        if (token.Equals("true", StringComparison.OrdinalIgnoreCase) || token.Equals("false", StringComparison.OrdinalIgnoreCase))
            return token.ToLowerInvariant();
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return token;
        throw Syntax(token);
    }

    private ZohoField? Column(string name)
    {
        if (name == "id") return null;
        return _schema!.Find(name)
            ?? throw new QueryException("INVALID_QUERY", "invalid query formed", ZohoJson.Details(("column_name", name), ("reason", "column given seems to be invalid")));
    }

    private int Number()
    {
        var token = Next();
        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw Syntax(token);
    }

    private string Identifier()
    {
        var token = Next();
        if (token.Length == 0 || !(char.IsLetter(token[0]) || token[0] is '_' or '$')) throw Syntax(token);
        return token;
    }

    private string Next() => _at < _tokens.Count ? _tokens[_at++] : throw Syntax();

    private bool Accept(string word)
    {
        if (_at < _tokens.Count && _tokens[_at].Equals(word, StringComparison.OrdinalIgnoreCase))
        {
            _at++;
            return true;
        }
        return false;
    }

    private void Expect(string word)
    {
        if (!Accept(word)) throw Syntax(_at < _tokens.Count ? _tokens[_at] : null);
    }

    private QueryException Syntax(string? near = null) => new("SYNTAX_ERROR", $"error occured in {_clause} clause",
        ZohoJson.Details(("clause", _clause), ("near", near ?? (_at < _tokens.Count ? _tokens[_at] : null))));

    private static List<string> Tokenize(string query)
    {
        var tokens = new List<string>();
        for (var i = 0; i < query.Length;)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '\'')
            {
                var text = new StringBuilder("'");
                i++;
                while (i < query.Length)
                {
                    if (query[i] == '\\' && i + 1 < query.Length) { text.Append(query[i + 1]); i += 2; continue; }
                    if (query[i] == '\'' && i + 1 < query.Length && query[i + 1] == '\'') { text.Append('\''); i += 2; continue; }
                    if (query[i] == '\'') break;
                    text.Append(query[i++]);
                }
                if (i >= query.Length)
                    throw new QueryException("SYNTAX_ERROR", "error occured in where clause", ZohoJson.Details(("clause", "where"), ("near", text.ToString())));
                i++;
                tokens.Add(text.Append('\'').ToString());
                continue;
            }
            if (c is '(' or ')' or ',' or '*') { tokens.Add(c.ToString()); i++; continue; }
            if (c is '=' or '<' or '>' or '!')
            {
                var two = i + 1 < query.Length ? query.Substring(i, 2) : null;
                if (two is "!=" or "<>" or "<=" or ">=") { tokens.Add(two); i += 2; }
                else { tokens.Add(c.ToString()); i++; }
                continue;
            }
            var start = i;
            while (i < query.Length && !char.IsWhiteSpace(query[i]) && query[i] is not ('(' or ')' or ',' or '=' or '<' or '>' or '!' or '\'')) i++;
            tokens.Add(query[start..i]);
        }
        return tokens;
    }
}
