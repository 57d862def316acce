namespace NotesSync.ReferenceCheck;

/// <summary>The assertion an end-to-end test makes over its simulators' journals.</summary>
public static class Conformance
{
    /// <summary>
    /// Throws <see cref="ReferenceViolationException"/>, naming each request and the rule it breaks, unless every
    /// request the journals hold is as IBM's (<paramref name="domino"/>) and Zoho's (<paramref name="zoho"/>) own
    /// definitions in ../shared/reference allow.
    /// </summary>
    public static void Require(RequestJournal? domino = null, RequestJournal? zoho = null)
    {
        var reports = new List<ConformanceReport>();
        if (domino is not null) reports.Add(VendorReference.Domino.Check(domino));
        if (zoho is not null) reports.Add(VendorReference.Zoho.Check(zoho));
        var failed = reports.Where(r => !r.Conforms).ToList();
        if (failed.Count > 0) throw new ReferenceViolationException(string.Join(Environment.NewLine, failed));
    }
}
