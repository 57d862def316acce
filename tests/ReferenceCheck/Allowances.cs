namespace NotesSync.ReferenceCheck;

/// <summary>
/// Where a request may differ from the vendor's file because das.md or zoho.md says why (the reference README's
/// rule: otherwise the vendor's file wins). Each entry gives its reason.
/// </summary>
internal static class Allowances
{
    public sealed record UndefinedOperation(Vendor Vendor, string Method, string Path, string Reason);

    /// <summary>Operations NotesSync (or the admin's browser in the tests) sends that no vendor file defines.</summary>
    public static readonly UndefinedOperation[] Operations =
    [
        new(Vendor.Domino, "GET", "/api",
            "das.md §0 'Service list' (S-Servlet getServicesResponse) and 'Checked' 13: the DAS servlet's own list of its " +
            "services, outside data.yaml, calendar.yaml and directory.yaml; the connection check reads it first"),
        new(Vendor.Zoho, "GET", "/oauth/v2/auth",
            "zoho.md §1 'authorize': Zoho's accounts server, which crm-oas (the CRM API only) does not describe; in the " +
            "tests this is the admin's browser following NotesSync's authorize URL"),
        new(Vendor.Zoho, "POST", "/oauth/v2/token",
            "zoho.md §1 'exchange' and 'refresh': the accounts server's token endpoint, not part of crm-oas"),
        new(Vendor.Zoho, "POST", "/oauth/v2/token/revoke",
            "zoho.md §1 'revoke': the accounts server's revocation endpoint, not part of crm-oas"),
    ];

    /// <summary>
    /// IBM's templates write a database as <c>/{folder}/{database}</c> and say to use <c>.</c> for the data directory;
    /// a client cannot send <c>/./names.nsf</c> (dot segments are removed, RFC 3986 §5.2.4) and IBM's own PATCH
    /// example is <c>/XPagesExt.nsf/api/data/…</c>. das.md §0 'URL anatomy': DB-scoped calls are
    /// <c>/{path/to/db}.nsf/api/…</c>. So any path ending in a <c>.nsf</c> segment stands for <c>{folder}/{database}</c>.
    /// </summary>
    public static (bool DatabaseScoped, string[] Segments) SplitDasPath(string path)
    {
        for (var index = path.IndexOf(".nsf", StringComparison.OrdinalIgnoreCase); index >= 0;
             index = path.IndexOf(".nsf", index + 4, StringComparison.OrdinalIgnoreCase))
        {
            var end = index + 4;
            if (end == path.Length || path[end] == '/') return (true, path[end..].Split('/', StringSplitOptions.RemoveEmptyEntries));
        }
        return (false, path.Split('/', StringSplitOptions.RemoveEmptyEntries));
    }
}
