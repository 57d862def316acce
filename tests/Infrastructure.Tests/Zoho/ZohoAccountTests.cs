using System.Text.Json.Nodes;
using NotesSync.Application.Crm;
using NotesSync.Infrastructure.Zoho;
using NotesSync.Simulators.Zoho;

namespace NotesSync.Infrastructure.Tests.Zoho;

/// <summary>
/// Contacts' companies as Zoho Accounts, against the simulator: the ids of many names in one lookup that costs what
/// the organisation's size makes cheapest, and the missing Accounts created 100 a call.
/// </summary>
public sealed class ZohoAccountTests
{
    private static async Task<ZohoCrmHost> ConnectedAsync(int seededAccounts = 0)
    {
        var host = await ZohoCrmHost.StartAsync();
        if (seededAccounts > 0) host.Org.Seed(new ZohoSeedSpec { Accounts = seededAccounts, Seed = 11 });
        await host.ConnectAsync();
        return host;
    }

    private static string Account(ZohoCrmHost host, string name) =>
        host.Org.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = name }).Id;

    private static (int Pages, int Queries, int Inserts) AccountCalls(ZohoCrmHost host) =>
        (host.Calls("GET", "/crm/v8/Accounts").Count, host.Calls("POST", "/crm/v8/coql").Count, host.Calls("POST", "/crm/v8/Accounts").Count);

    private static async Task<IReadOnlyDictionary<string, string>> ResolvedAsync(IZohoCrm crm, ZohoCrmHost host, IReadOnlyCollection<string> names)
    {
        var resolved = await crm.ResolveAccountsAsync(host.OrgId, names, default);
        Assert.True(resolved.IsSuccess, resolved.Error?.Message);
        Assert.All(resolved.Value.Values, r => Assert.True(r.IsSuccess, r.Error?.Message));
        return resolved.Value.ToDictionary(r => r.Key, r => r.Value.Value);
    }

    [Fact]
    public async Task Two_hundred_and_fifty_companies_against_thirty_Accounts_cost_one_list_page_and_three_insert_batches()
    {
        await using var host = await ConnectedAsync();
        var existing = Enumerable.Range(0, 30).ToDictionary(i => $"Company {i:000}", i => Account(host, $"Company {i:000}"));
        var names = Enumerable.Range(0, 250).Select(i => $"Company {i:000}").ToList();
        var crm = host.Crm;

        var ids = await ResolvedAsync(crm, host, names);

        Assert.Equal((1, 0, 3), AccountCalls(host));
        Assert.All(existing, e => Assert.Equal(e.Value, ids[e.Key]));
        Assert.Equal(250, host.Org.CountRecords("Accounts"));
        Assert.Equal(250, ids.Values.Distinct().Count());
        Assert.All(names, n => Assert.Equal(n, host.Org.FindRecord("Accounts", ids[n])!["Account_Name"]));
        Assert.All(host.Calls("POST", "/crm/v8/Accounts"), c => Assert.Equal(201, c.Status));

        // The run's later batches, and the single-name lookup, find them without a call.
        await ResolvedAsync(crm, host, names[100..]);
        var one = await crm.EnsureAccountAsync(host.OrgId, " company 042 ", default);
        Assert.Equal(ids["Company 042"], one.Value);
        Assert.Equal((1, 0, 3), AccountCalls(host));
    }

    [Fact]
    public async Task Three_companies_in_an_organisation_of_five_thousand_Accounts_cost_one_list_page_then_one_query()
    {
        await using var host = await ConnectedAsync(seededAccounts: 5_000);
        var alpha = Account(host, "NotesSync Alpha");
        var beta = Account(host, "NotesSync Beta");

        var ids = await ResolvedAsync(host.Crm, host, ["NotesSync Alpha", "notessync beta", "NotesSync Gamma"]);

        Assert.Equal((1, 1, 1), AccountCalls(host));
        Assert.Equal(alpha, ids["NotesSync Alpha"]);
        Assert.Equal(beta, ids["notessync beta"]);
        Assert.Equal("NotesSync Gamma", host.Org.FindRecord("Accounts", ids["NotesSync Gamma"])!["Account_Name"]);
        Assert.Equal(5_003, host.Org.CountRecords("Accounts"));
    }

    [Fact]
    public async Task Past_two_thousand_Accounts_the_list_goes_on_with_page_tokens_while_it_is_the_cheaper_way()
    {
        await using var host = await ConnectedAsync(seededAccounts: 2_100);
        var names = Enumerable.Range(0, 600).Select(i => $"NotesSync Company {i}").ToList();

        var ids = await ResolvedAsync(host.Crm, host, names);

        // 600 names would cost 12 queries; the 2,100 Accounts are 11 pages, the last one reached by page token.
        Assert.Equal((11, 0, 6), AccountCalls(host));
        var pages = host.Calls("GET", "/crm/v8/Accounts");
        Assert.Equal(1, pages.Count(c => c.Query.Contains("page_token=", StringComparison.Ordinal)));
        Assert.Contains("page_token=", pages[^1].Query, StringComparison.Ordinal);
        Assert.Equal(600, ids.Values.Distinct().Count());
        Assert.Equal(2_700, host.Org.CountRecords("Accounts"));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2_500, 1)]
    public async Task Names_match_trimmed_and_without_regard_to_case_and_of_several_Accounts_of_a_name_the_oldest_is_used(int otherAccounts, int queries)
    {
        await using var host = await ConnectedAsync(otherAccounts);
        host.Org.SystemDuplicateCheck = false;
        var oldest = Account(host, "Zoë's Café");
        Account(host, "ZOË'S CAFÉ");

        var ids = await ResolvedAsync(host.Crm, host, ["  zoë's café ", "ZOË'S CAFÉ", "Zoë's Café"]);

        Assert.Equal((1, queries, 0), AccountCalls(host));
        Assert.All(ids.Values, id => Assert.Equal(oldest, id));
        Assert.Equal(otherAccounts + 2, host.Org.CountRecords("Accounts"));
    }

    [Fact]
    public async Task A_company_whose_Account_the_CRM_refuses_fails_alone_and_is_not_sent_again_in_the_run()
    {
        await using var host = await ConnectedAsync();
        var tooLong = new string('x', 201);
        var crm = host.Crm;

        var resolved = await crm.ResolveAccountsAsync(host.OrgId, ["Good Company", tooLong, "  "], default);
        var again = await crm.EnsureAccountAsync(host.OrgId, tooLong, default);

        Assert.True(resolved.IsSuccess, resolved.Error?.Message);
        var good = resolved.Value["Good Company"];
        Assert.Equal("Good Company", host.Org.FindRecord("Accounts", good.Value)!["Account_Name"]);
        var refused = resolved.Value[tooLong];
        Assert.Equal("zoho-account-refused", refused.Error?.Code);
        Assert.Equal("INVALID_DATA", refused.Error!.Extensions["zohoCode"]);
        Assert.Contains("Account_Name", refused.Error.Message, StringComparison.Ordinal);
        Assert.Equal("zoho-account-name-missing", resolved.Value["  "].Error?.Code);
        Assert.Equal(refused.Error, again.Error);
        Assert.Equal(1, host.Org.CountRecords("Accounts"));
        Assert.Equal((1, 0, 1), AccountCalls(host));
    }

    [Fact]
    public async Task A_CRM_that_fails_the_whole_call_fails_the_lookup_and_the_next_lookup_tries_again()
    {
        await using var host = await ConnectedAsync();
        host.Simulator.State.Faults.FailNext(1, "/crm/v8/Accounts", 500, "POST");
        var crm = host.Crm;

        var failed = await crm.ResolveAccountsAsync(host.OrgId, ["Acme", "Globex"], default);
        var retried = await ResolvedAsync(crm, host, ["Acme", "Globex"]);

        Assert.Equal("zoho-unavailable", failed.Error?.Code);
        Assert.Equal(["Acme", "Globex"], retried.Keys.Order());
        Assert.Equal(2, host.Org.CountRecords("Accounts"));
    }
}
