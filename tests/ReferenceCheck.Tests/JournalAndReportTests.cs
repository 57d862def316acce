using static NotesSync.ReferenceCheck.Tests.Requests;

namespace NotesSync.ReferenceCheck.Tests;

public class JournalAndReportTests
{
    [Fact]
    public void The_reference_folder_is_found_above_the_test_output_and_holds_both_vendors()
    {
        var folder = ReferenceFolder.Locate();

        Assert.True(File.Exists(Path.Combine(folder, "das-api-specs", "data.json")), folder);
        Assert.True(File.Exists(Path.Combine(folder, "zoho-crm-oas-v8", "doc-limits.json")), folder);
        Assert.True(VendorReference.Domino.OperationCount > 30);
        Assert.True(VendorReference.Zoho.OperationCount > 60);
    }

    [Fact]
    public void A_folder_without_the_reference_fails_loudly() =>
        Assert.Throws<DirectoryNotFoundException>(() => ReferenceFolder.Locate(Path.GetPathRoot(Path.GetTempPath())));

    [Fact]
    public void The_journal_keeps_the_newest_requests_within_its_capacity_and_counts_what_it_dropped()
    {
        var journal = new RequestJournal(capacity: 2);
        foreach (var i in Enumerable.Range(1, 5)) journal.Record(Das("GET", $"/api/data?n={i}"));

        Assert.Equal(["?n=4", "?n=5"], journal.Requests.Select(r => r.Query));
        Assert.Equal(3, journal.Dropped);
    }

    [Fact]
    public void Credentials_are_not_kept_only_their_scheme()
    {
        var kept = RecordedRequest.KeepHeaders([new("Authorization", "Basic amFuZTpzZWNyZXQ="), new("Cookie", "DomAuthSessId=abc"), new("If-Unmodified-Since", "x")]);

        Assert.Equal("Basic …", kept["authorization"]);
        Assert.False(kept.ContainsKey("Cookie"));
        Assert.Equal("x", kept["If-Unmodified-Since"]);
    }

    [Fact]
    public void A_report_names_each_request_and_rule_and_a_journal_that_dropped_requests_does_not_conform()
    {
        var journal = new RequestJournal(capacity: 1);
        journal.Record(Das("GET", "/api/data"));
        journal.Record(Das("GET", "/api/data?compact=true"));

        var report = VendorReference.Domino.Check(journal);

        Assert.False(report.Conforms);
        Assert.Contains("GET /api/data?compact=true — query-parameter: 'compact'", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("dropped 1", report.ToString(), StringComparison.Ordinal);
    }
}
