namespace NotesSync.ReferenceCheck.Tests;

/// <summary>Requests as the simulators would record them, with the headers the adapters send.</summary>
internal static class Requests
{
    public const string Mail = "/mail/jdoe.nsf";

    public static RecordedRequest Das(string method, string pathAndQuery, string body = "", params (string Name, string Value)[] headers) =>
        Make(method, pathAndQuery, body, "Basic …", headers);

    public static RecordedRequest Zoho(string method, string pathAndQuery, string body = "", params (string Name, string Value)[] headers) =>
        Make(method, pathAndQuery, body, "Zoho-oauthtoken …", headers);

    public static RecordedRequest Make(string method, string pathAndQuery, string body, string? authorization, (string Name, string Value)[] headers)
    {
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Accept"] = "application/json" };
        if (authorization is not null) all["Authorization"] = authorization;
        if (body.Length > 0) all["Content-Type"] = "application/json; charset=utf-8";
        foreach (var (name, value) in headers) all[name] = value;
        return new RecordedRequest(method,
            question < 0 ? pathAndQuery : pathAndQuery[..question],
            question < 0 ? "" : pathAndQuery[question..],
            all, body);
    }

    public static Finding Single(VendorReference reference, RecordedRequest request, string rule)
    {
        var findings = reference.Check(request).Findings;
        return Assert.Single(findings, f => f.Rule == rule);
    }
}
