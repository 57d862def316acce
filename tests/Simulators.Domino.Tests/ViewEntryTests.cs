using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.Tests;

public sealed class ViewEntryTests
{
    private const string Contacts = "/api/data/collections/name/%28%24Contacts%29";

    private static List<string> AddContacts(TestDomino domino, int count) =>
        [.. Enumerable.Range(1, count).Select(i => domino.State.AddContact(domino.User.MailFilePath,
            new ContactSpec { FirstName = $"First{i:00}", LastName = $"Müller{i:00}", Email = $"c{i}@example.com" }))];

    [Fact]
    public async Task Paging_returns_every_entry_once_with_the_documented_content_range_headers()
    {
        await using var domino = await TestDomino.StartAsync();
        var unids = AddContacts(domino, 25);

        var seen = new List<string>();
        var ranges = new List<string>();
        for (var start = 0; ; start += 10)
        {
            using var response = await domino.Http.GetAsync($"{domino.MailFile}{Contacts}?start={start}&count=10&systemcolumns=2");
            var page = await TestDomino.ReadJson(response);
            if (page.GetArrayLength() == 0)
            {
                Assert.False(response.Content.Headers.Contains("Content-Range"));
                break;
            }
            ranges.Add(response.Content.Headers.GetValues("Content-Range").Single());
            seen.AddRange(page.EnumerateArray().Select(e => e.GetProperty("@unid").GetString()!));
        }

        Assert.Equal(["items 0-9/25", "items 10-19/25", "items 20-24/25"], ranges);
        Assert.Equal(unids.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task A_view_read_again_shows_each_document_added_changed_or_deleted_since()
    {
        await using var domino = await TestDomino.StartAsync();
        var unids = AddContacts(domino, 3);
        async Task<List<string>> ReadAsync()
        {
            using var response = await domino.Http.GetAsync($"{domino.MailFile}{Contacts}?start=0&count=10&systemcolumns=2");
            return [.. (await TestDomino.ReadJson(response)).EnumerateArray().Select(e => e.GetProperty("@unid").GetString()!)];
        }

        var first = await ReadAsync();
        domino.State.UpdateItems(domino.User.MailFilePath, unids[0], NotesItem.Text("LastName", "Zimmermann"));
        var renamed = await ReadAsync();
        Assert.True(domino.State.DeleteDocument(domino.User.MailFilePath, unids[1]));
        var added = domino.State.AddContact(domino.User.MailFilePath, new ContactSpec { FirstName = "Anna", LastName = "Abel" });
        var replaced = await ReadAsync();

        Assert.Equal(unids, first);
        Assert.Equal([unids[1], unids[2], unids[0]], renamed);
        Assert.Equal([added, unids[2], unids[0]], replaced);
    }

    [Fact]
    public async Task The_default_page_is_ten_entries_and_a_range_header_overrides_the_url()
    {
        await using var domino = await TestDomino.StartAsync();
        AddContacts(domino, 25);

        using var byDefault = await domino.Http.GetAsync($"{domino.MailFile}{Contacts}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{domino.MailFile}{Contacts}?start=0&count=5");
        request.Headers.Add("Range", "items=20-24");
        using var byRange = await domino.Http.SendAsync(request);
        using var byPage = await domino.Http.GetAsync($"{domino.MailFile}{Contacts}?ps=4&page=2&si=1");

        Assert.Equal(10, (await TestDomino.ReadJson(byDefault)).GetArrayLength());
        Assert.Equal("items 20-24/25", byRange.Content.Headers.GetValues("Content-Range").Single());
        Assert.Equal("items 9-12/25", byPage.Content.Headers.GetValues("Content-Range").Single());
    }

    [Fact]
    public async Task An_entry_carries_entryid_position_and_columns_keyed_by_programmatic_name_and_no_modified()
    {
        await using var domino = await TestDomino.StartAsync();
        var unid = AddContacts(domino, 1)[0];

        using var response = await domino.Http.GetAsync($"{domino.MailFile}{Contacts}");
        var entry = (await TestDomino.ReadJson(response))[0];

        Assert.Equal($"1-{unid}", entry.GetProperty("@entryid").GetString());
        Assert.Equal("1", entry.GetProperty("@position").GetString());
        Assert.Equal("Person", entry.GetProperty("@form").GetString());
        Assert.Equal("Müller01, First01", entry.GetProperty("$15").GetString());
        Assert.Equal($"{domino.MailFile}/api/data/documents/unid/{unid}", entry.GetProperty("@link").GetProperty("href").GetString());
        Assert.False(entry.TryGetProperty("@modified", out _));
        Assert.False(entry.TryGetProperty("@read", out _));
    }

    [Fact]
    public async Task More_than_one_hundred_entries_per_page_is_refused()
    {
        await using var domino = await TestDomino.StartAsync();

        using var response = await domino.Http.GetAsync($"{domino.MailFile}{Contacts}?count=101");
        var error = await TestDomino.ReadJson(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Limit exceeded.  Cannot read more than 100 entries.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_negative_start_is_an_invalid_parameter()
    {
        await using var domino = await TestDomino.StartAsync();

        using var response = await domino.Http.GetAsync($"{domino.MailFile}{Contacts}?start=-1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid parameter start: -1", (await TestDomino.ReadJson(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_users_view_of_names_finds_the_person_by_exact_key_and_the_person_names_the_mail_file_the_awkward_way()
    {
        await using var domino = await TestDomino.StartAsync();
        domino.State.SetDatabaseAccess("names.nsf", DataServiceAccess.ViewsAndDocuments);
        domino.State.SetViewAccess("names.nsf", "($Users)", true);

        using var lookup = await domino.Http.GetAsync("/names.nsf/api/data/collections/name/%28%24Users%29?keys=jdoe&keysexactmatch=true");
        var entries = await TestDomino.ReadJson(lookup);
        var unid = Assert.Single(entries.EnumerateArray()).GetProperty("@unid").GetString();
        using var person = await domino.Http.GetAsync($"/names.nsf/api/data/documents/unid/{unid}");
        var doc = await TestDomino.ReadJson(person);

        Assert.Equal("CN=mail01/O=Acme", doc.GetProperty("MailServer").GetString());
        Assert.Equal("mail\\jdoe", doc.GetProperty("MailFile").GetString());
        Assert.Equal(JsonValueKind.Array, doc.GetProperty("FullName").ValueKind);
    }

    [Fact]
    public async Task Contacts_view_lists_groups_beside_persons_so_clients_must_filter_on_form()
    {
        await using var domino = await TestDomino.StartAsync();
        AddContacts(domino, 2);
        domino.State.AddGroup(domino.User.MailFilePath, "Équipe", ["First01 Müller01"]);

        using var response = await domino.Http.GetAsync($"{domino.MailFile}{Contacts}");
        var forms = (await TestDomino.ReadJson(response)).EnumerateArray().Select(e => e.GetProperty("@form").GetString()).ToList();

        Assert.Contains("Group", forms);
        Assert.Equal(2, forms.Count(f => f == "Person"));
    }
}
