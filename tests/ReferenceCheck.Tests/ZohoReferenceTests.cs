using static NotesSync.ReferenceCheck.Tests.Requests;

namespace NotesSync.ReferenceCheck.Tests;

/// <summary>The check against Zoho's crm-oas v8 files and doc-limits.json.</summary>
public class ZohoReferenceTests
{
    private static readonly VendorReference Crm = VendorReference.Zoho;

    public static TheoryData<string, string, string> GoodRequests => new()
    {
        { "GET", "/crm/v8/Contacts?fields=First_Name,Last_Name,Email&per_page=200&sort_by=Modified_Time&sort_order=asc&page=1", "" },
        { "GET", "/crm/v8/Contacts/deleted?type=all&page=1&per_page=200", "" },
        { "POST", "/crm/v8/Contacts", """{"data":[{"Last_Name":"Müller","Tag":[{"name":"Private"}]}]}""" },
        { "PUT", "/crm/v8/Contacts", """{"data":[{"id":"4150868000001","Email":"a@example.com"}]}""" },
        { "DELETE", "/crm/v8/Contacts?ids=1,2,3&wf_trigger=false", "" },
        { "POST", "/crm/v8/coql", """{"select_query":"select id from Contacts where Email = 'a@example.com'"}""" },
        { "GET", "/crm/v8/settings/fields?module=Contacts", "" },
        { "POST", "/crm/v8/settings/fields?module=Contacts", """{"fields":[{"field_label":"Notes UNID","data_type":"text","length":32}]}""" },
        { "GET", "/crm/v8/users?type=ActiveUsers&per_page=200&page=1", "" },
    };

    [Theory]
    [MemberData(nameof(GoodRequests))]
    public void A_request_as_Zoho_defines_it_has_no_finding(string method, string pathAndQuery, string body)
    {
        var verdict = Crm.Check(Zoho(method, pathAndQuery, body));

        Assert.Empty(verdict.Findings);
        Assert.NotNull(verdict.Operation);
    }

    [Fact]
    public void The_literal_template_is_the_operation_meant_not_the_module_one() =>
        Assert.Equal("GET /crm/v8/settings/fields", Crm.Check(Zoho("GET", "/crm/v8/settings/fields?module=Contacts")).Operation);

    [Fact]
    public void Get_records_without_fields_breaks_the_documented_rule()
    {
        var finding = Single(Crm, Zoho("GET", "/crm/v8/Contacts?per_page=200"), "required-parameter");
        Assert.Contains("doc-limits", finding.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("per_page=201", "maximum 200")]
    [InlineData("per_page=0", "minimum 1")]
    [InlineData("sort_order=sideways", "sideways")]
    [InlineData("sort_by=Last_Name", "Last_Name")]
    public void A_listing_parameter_outside_the_documented_limits_is_reported(string query, string expected)
    {
        var finding = Single(Crm, Zoho("GET", $"/crm/v8/Contacts?fields=id&{query}"), "query-value");
        Assert.Contains(expected, finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_fifty_fields_in_one_read_is_reported() =>
        Single(Crm, Zoho("GET", $"/crm/v8/Contacts?fields={string.Join(',', Enumerable.Range(1, 51).Select(i => $"F{i}"))}"), "query-value");

    [Fact]
    public void An_undefined_query_parameter_is_reported() =>
        Single(Crm, Zoho("GET", "/crm/v8/Contacts?fields=id&modified_since=2026-01-01"), "query-parameter");

    [Fact]
    public void A_bearer_token_instead_of_Zoho_oauthtoken_is_reported() =>
        Single(Crm, Make("GET", "/crm/v8/Contacts?fields=id", "", "Bearer …", []), "authorization");

    [Fact]
    public void More_than_a_hundred_records_in_one_write_is_reported()
    {
        var records = string.Join(',', Enumerable.Range(1, 101).Select(i => $$"""{"Last_Name":"N{{i}}"}"""));
        var finding = Single(Crm, Zoho("POST", "/crm/v8/Contacts", $$"""{"data":[{{records}}]}"""), "body-limit");
        Assert.Contains("at most 100", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_update_without_the_record_id_is_reported() =>
        Assert.Contains("'id'", Single(Crm, Zoho("PUT", "/crm/v8/Contacts", """{"data":[{"Email":"a@example.com"}]}"""), "body-limit").Detail, StringComparison.Ordinal);

    [Fact]
    public void A_record_member_of_the_wrong_type_is_reported() =>
        Single(Crm, Zoho("POST", "/crm/v8/Contacts", """{"data":[{"Last_Name":"Doe","Tag":"Private"}]}"""), "body-schema");

    [Fact]
    public void A_tag_is_waived_only_the_response_members_doc_limits_names()
    {
        // crm-oas's Tag requires name, color_code, created_time…: doc-limits waives all but name.
        var finding = Single(Crm, Zoho("POST", "/crm/v8/Contacts", """{"data":[{"Last_Name":"Doe","Tag":[{"color_code":"#57B1FD"}]}]}"""), "body-schema");
        Assert.Contains("'name'", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_coql_call_without_its_query_is_reported() =>
        Single(Crm, Zoho("POST", "/crm/v8/coql", """{"query":"select id from Contacts"}"""), "body-schema");

    [Fact]
    public void The_accounts_server_is_let_through_with_the_reason_zoho_md_gives() =>
        Assert.Contains("zoho.md", Crm.Check(Make("POST", "/oauth/v2/token", "", null, [])).AllowedBecause, StringComparison.Ordinal);
}
