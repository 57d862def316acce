using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotesSync.ReferenceCheck;

/// <summary>
/// One vendor's API definitions, and the check of a request against them: the path is an operation of that method,
/// every query parameter is defined for it and its value fits, required parameters and headers are there, the JSON
/// body fits the request schema, and the limits doc-limits.json (Zoho) or das.md (DAS) adds hold. What the schema
/// check covers: <see cref="SchemaValidator"/>. Undefined headers are not findings (clients send Accept, User-Agent…).
/// </summary>
public sealed class VendorReference
{
    private static readonly Lazy<VendorReference> SharedDomino = new(() => Load(Vendor.Domino, ReferenceFolder.Locate()));
    private static readonly Lazy<VendorReference> SharedZoho = new(() => Load(Vendor.Zoho, ReferenceFolder.Locate()));

    private readonly SchemaFiles _files;
    private readonly List<Operation> _operations;
    private readonly string _authorizationPrefix;

    private VendorReference(Vendor vendor, SchemaFiles files, List<Operation> operations, string authorizationPrefix)
    {
        Vendor = vendor;
        _files = files;
        _operations = operations;
        _authorizationPrefix = authorizationPrefix;
    }

    /// <summary>IBM's DAS definitions from <c>shared/reference/das-api-specs</c>, read once per process.</summary>
    public static VendorReference Domino => SharedDomino.Value;

    /// <summary>Zoho's crm-oas v8 files with doc-limits.json from <c>shared/reference/zoho-crm-oas-v8</c>, read once per process.</summary>
    public static VendorReference Zoho => SharedZoho.Value;

    public Vendor Vendor { get; }

    public int OperationCount => _operations.Count;

    public static VendorReference Load(Vendor vendor, string referenceFolder)
    {
        var folder = Path.Combine(referenceFolder, vendor == Vendor.Domino ? "das-api-specs" : "zoho-crm-oas-v8");
        var (files, operations) = DefinitionLoader.Load(folder);
        if (vendor == Vendor.Domino)
        {
            DasProseRules.AddLimits(operations);
            // IBM's files: securityDefinitions { basic: { type: basic } }, required on every operation.
            return new VendorReference(vendor, files, operations, "Basic ");
        }
        var docLimits = Path.Combine(folder, DefinitionLoader.DocLimitsFile);
        DefinitionLoader.AddDocLimits(docLimits, operations);
        return new VendorReference(vendor, files, operations, DefinitionLoader.AuthorizationPrefix(docLimits)
            ?? throw new InvalidDataException($"{docLimits} has no security prefix."));
    }

    public ConformanceReport Check(RequestJournal journal) => new(Vendor, [.. journal.Requests.Select(Check)], journal.Dropped);

    public ConformanceReport Check(IEnumerable<RecordedRequest> requests) => new(Vendor, [.. requests.Select(Check)], 0);

    public RequestVerdict Check(RecordedRequest request)
    {
        var allowed = Allowances.Operations.FirstOrDefault(a => a.Vendor == Vendor
            && a.Method.Equals(request.Method, StringComparison.OrdinalIgnoreCase)
            && a.Path.Equals(request.Path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
        if (allowed is not null) return new RequestVerdict(request, null, allowed.Reason, []);

        var findings = new List<Finding>();
        var operation = Route(request, findings);
        if (operation is not null)
        {
            if (request.Header("Authorization") is not { } authorization || !authorization.StartsWith(_authorizationPrefix, StringComparison.Ordinal))
                findings.Add(new Finding(request, "authorization", $"the Authorization header must start '{_authorizationPrefix}'"));
            CheckParameters(request, operation, findings);
            CheckBody(request, operation, findings);
        }
        return new RequestVerdict(request, operation?.Key, null, findings);
    }

    private Operation? Route(RecordedRequest request, List<Finding> findings)
    {
        var (scoped, segments) = Vendor == Vendor.Domino
            ? Allowances.SplitDasPath(request.Path)
            : (false, request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var onPath = _operations.Where(o => o.DatabaseScoped == scoped && o.Matches(segments)).ToList();
        if (onPath.Count == 0)
        {
            findings.Add(new Finding(request, "operation", "no operation of the vendor's files has this path"));
            return null;
        }
        var forMethod = onPath.Where(o => o.Method.Equals(request.Method, StringComparison.OrdinalIgnoreCase)).ToList();
        if (forMethod.Count == 0)
        {
            var methods = string.Join(", ", onPath.Select(o => $"{o.Method} {o.Template}").Distinct());
            findings.Add(new Finding(request, "method", $"the path is defined only for {methods}"));
            return null;
        }
        // "/crm/v8/settings/fields" also fits "/crm/v8/{module_api_name}/{id}": the template with more literals is meant.
        return forMethod.MaxBy(o => o.Literals);
    }

    private void CheckParameters(RecordedRequest request, Operation operation, List<Finding> findings)
    {
        var query = ParseQuery(request.Query);
        foreach (var (name, value) in query)
        {
            if (!operation.Parameters.TryGetValue(("query", name), out var rule))
                findings.Add(new Finding(request, "query-parameter", $"'{name}' is not defined for {operation.Key}"));
            else
                CheckValue(request, "query-value", rule, value, findings);
        }
        foreach (var missing in DasProseRules.MissingDependencies(operation, query))
            findings.Add(new Finding(request, "required-parameter", missing));
        foreach (var rule in operation.Parameters.Values)
        {
            var value = rule.In == "query" ? query.FirstOrDefault(q => q.Name == rule.Name).Value : request.Header(rule.Name);
            if (value is null)
            {
                if (rule.RequiredBy is { } requiredBy)
                    findings.Add(new Finding(request, "required-parameter", $"{rule.In} parameter '{rule.Name}' is required ({requiredBy})"));
            }
            else if (rule.In == "header") CheckValue(request, "header-value", rule, value, findings);
        }
    }

    private void CheckValue(RecordedRequest request, string ruleName, ParameterRule rule, string text, List<Finding> findings)
    {
        var type = rule.Schemas.Select(s => _files.Resolve(s.Schema)?.Node["type"]?.GetValue<string>()).FirstOrDefault(t => t is not null);
        var value = Typed(text, type);
        foreach (var (schema, origin) in rule.Schemas)
            foreach (var error in new SchemaValidator(_files).Validate(value, schema))
                findings.Add(new Finding(request, ruleName, $"{rule.Name}={text}: {error.Message} ({origin})"));
    }

    private void CheckBody(RecordedRequest request, Operation operation, List<Finding> findings)
    {
        var sent = request.Body.Length > 0;
        if (operation.Body is not { } schema)
        {
            if (sent) findings.Add(new Finding(request, "body-undefined", $"{operation.Key} takes no request body"));
            return;
        }
        if (!sent)
        {
            if (operation.BodyRequired) findings.Add(new Finding(request, "body-required", $"{operation.Key} requires a JSON body"));
            return;
        }
        if (request.Header("Content-Type") is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            findings.Add(new Finding(request, "body-content-type", $"a JSON body needs Content-Type application/json, not '{request.Header("Content-Type")}'"));

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(request.Body);
        }
        catch (JsonException ex)
        {
            findings.Add(new Finding(request, "body-json", $"the body is not JSON: {ex.Message}"));
            return;
        }
        var validator = new SchemaValidator(_files, error => operation.Waivers.Any(w => w.Covers(error)));
        foreach (var error in validator.Validate(body, schema))
            findings.Add(new Finding(request, "body-schema", $"{error} ({operation.File})"));
        if (operation.DocumentedBody is { } documented)
            foreach (var error in validator.Validate(body, documented.Schema))
                findings.Add(new Finding(request, "body-limit", $"{error} ({documented.Origin})"));
    }

    /// <summary>A query value as the type its schema gives: "100" is the integer 100, "abc" stays text and fails "integer".</summary>
    private static JsonNode? Typed(string text, string? type) => type switch
    {
        "integer" when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) =>
            JsonNode.Parse(n.ToString(CultureInfo.InvariantCulture)),
        "number" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) =>
            JsonNode.Parse(d.ToString("R", CultureInfo.InvariantCulture)),
        "boolean" when text is "true" or "false" => JsonNode.Parse(text),
        "array" => new JsonArray([.. text.Split(',').Select(v => (JsonNode?)JsonValue.Create(v))]),
        _ => JsonValue.Create(text),
    };

    private static List<(string Name, string Value)> ParseQuery(string query) =>
        [.. query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : pair[(equals + 1)..];
            return (Decode(name), Decode(value));
        })];

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
