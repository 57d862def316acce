using static NotesSync.ReferenceCheck.Tests.Requests;

namespace NotesSync.ReferenceCheck.Tests;

/// <summary>The check against IBM's DAS definitions: what the adapter sends passes; each kind of mistake is named.</summary>
public class DominoReferenceTests
{
    private static readonly VendorReference Ibm = VendorReference.Domino;

    public static TheoryData<string, string, string> GoodRequests => new()
    {
        { "GET", $"{Mail}/api/data/collections/name/($Contacts)?start=0&count=100&systemcolumns=262", "" },
        { "GET", $"{Mail}/api/data/documents?since=2026-12-06T08:00:00Z", "" },
        { "GET", $"{Mail}/api/data/documents/unid/ABC?markread=false&strongtype=true&hidden=true", "" },
        { "POST", $"{Mail}/api/data/documents?form=Person&computewithform=true", """{"FirstName":"Jörg","Birthday":{"type":"datetime","data":"1980-01-01T00:00:00Z"}}""" },
        { "PATCH", $"{Mail}/api/data/documents/unid/ABC?form=Person&computewithform=true", """{"LastName":"Müller"}""" },
        { "GET", "/names.nsf/api/data/collections/name/($Users)?keys=Jane%20Doe&keysexactmatch=true&systemcolumns=2&count=1", "" },
        { "GET", "/api/directory/lookup?names=Jane%20Doe&exactmatches=true", "" },
        { "GET", "/api/data", "" },
        { "GET", $"{Mail}/api/calendar/events?since=2026-12-01T00:00:00Z&before=2027-01-01T00:00:00Z&start=0&count=100", "" },
        { "PUT", $"{Mail}/api/calendar/events/E1?strictsequence=true&workflow=false", """{"events":[{"id":"E1","summary":"Lunch"}]}""" },
    };

    [Theory]
    [MemberData(nameof(GoodRequests))]
    public void A_request_as_IBM_defines_it_has_no_finding(string method, string pathAndQuery, string body)
    {
        var verdict = Ibm.Check(Das(method, pathAndQuery, body));

        Assert.Empty(verdict.Findings);
        Assert.NotNull(verdict.Operation);
    }

    [Fact]
    public void The_service_list_is_let_through_with_the_reason_das_md_gives()
    {
        var verdict = Ibm.Check(Das("GET", "/api"));

        Assert.Empty(verdict.Findings);
        Assert.Contains("das.md", verdict.AllowedBecause, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_no_operation_has_is_reported() =>
        Single(Ibm, Das("GET", $"{Mail}/api/data/contacts"), "operation");

    [Fact]
    public void A_method_the_path_does_not_define_is_reported()
    {
        var finding = Single(Ibm, Das("DELETE", $"{Mail}/api/data/collections/name/($Contacts)"), "method");
        Assert.Contains("GET", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Compact_on_the_database_list_is_not_defined_there() =>
        Assert.Contains("'compact'", Single(Ibm, Das("GET", "/api/data?compact=true"), "query-parameter").Detail, StringComparison.Ordinal);

    [Fact]
    public void Computewithform_without_the_form_is_reported_with_IBMs_words()
    {
        var finding = Single(Ibm, Das("PATCH", $"{Mail}/api/data/documents/unid/ABC?computewithform=true", """{"A":"b"}"""), "required-parameter");
        Assert.Contains("You must identify the form", finding.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sortcolumn=LastName&sortorder=up", "up")]            // enum
    [InlineData("count=ten", "integer")]                              // type
    [InlineData("keysexactmatch=yes", "boolean")]                     // type
    [InlineData("count=101", "maximum 100")]                          // das.md's MAX_VIEW_COUNT
    public void A_query_value_that_does_not_fit_its_schema_is_reported(string query, string expected)
    {
        var finding = Single(Ibm, Das("GET", $"{Mail}/api/data/collections/name/($Contacts)?{query}"), "query-value");
        Assert.Contains(expected, finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Since_in_a_form_other_than_Z_is_reported() =>
        Single(Ibm, Das("GET", $"{Mail}/api/data/documents?since=2026-12-06T08:00:00%2B01:00"), "query-value");

    [Fact]
    public void A_required_query_parameter_that_is_missing_is_reported() =>
        Assert.Contains("'names'", Single(Ibm, Das("GET", "/api/directory/lookup?exactmatches=true"), "required-parameter").Detail, StringComparison.Ordinal);

    [Fact]
    public void A_request_without_Basic_credentials_is_reported()
    {
        Single(Ibm, Make("GET", $"{Mail}/api/data/documents/unid/ABC", "", null, []), "authorization");
        Single(Ibm, Make("GET", $"{Mail}/api/data/documents/unid/ABC", "", "Bearer …", []), "authorization");
    }

    [Fact]
    public void A_write_without_its_required_body_is_reported() =>
        Single(Ibm, Das("PATCH", $"{Mail}/api/data/documents/unid/ABC?form=Person"), "body-required");

    [Fact]
    public void A_body_where_the_operation_takes_none_is_reported() =>
        Single(Ibm, Das("GET", $"{Mail}/api/data/documents/unid/ABC", """{"x":1}"""), "body-undefined");

    [Fact]
    public void A_body_that_is_not_JSON_or_not_sent_as_JSON_is_reported()
    {
        Single(Ibm, Das("PATCH", $"{Mail}/api/data/documents/unid/ABC?form=Person", "LastName=Doe"), "body-json");
        Single(Ibm, Das("PATCH", $"{Mail}/api/data/documents/unid/ABC?form=Person", """{"A":"b"}""", ("Content-Type", "text/plain")), "body-content-type");
    }

    [Fact]
    public void A_body_of_the_wrong_shape_is_reported()
    {
        // calendar.yaml's eventRequest: "events" is an array of events.
        var finding = Single(Ibm, Das("POST", $"{Mail}/api/calendar/events", """{"events":{"summary":"Lunch"}}"""), "body-schema");
        Assert.Contains("/events", finding.Detail, StringComparison.Ordinal);
    }
}
