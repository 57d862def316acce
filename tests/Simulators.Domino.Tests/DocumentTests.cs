using System.Net;
using System.Text.Json;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.Tests;

public sealed class DocumentTests
{
    private static async Task<string> CreateContact(TestDomino domino, string json)
    {
        using var created = await domino.Http.PostAsync($"{domino.MailFile}/api/data/documents?form=Person&computewithform=true", TestDomino.Json(json));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Empty(await created.Content.ReadAsByteArrayAsync());
        return created.Headers.Location!.AbsoluteUri.Split('/')[^1];
    }

    [Fact]
    public async Task A_document_survives_a_create_read_patch_put_delete_round_trip()
    {
        await using var domino = await TestDomino.StartAsync();
        var unid = await CreateContact(domino, """{"FirstName":"Jürgen","LastName":"Müller","Categories":["Clients","VIP"],"$PublicAccess":"1","@unid":"X"}""");

        using var read = await domino.Http.GetAsync($"{domino.MailFile}/api/data/documents/unid/{unid}?markread=false");
        var doc = await TestDomino.ReadJson(read);
        Assert.Equal(unid, doc.GetProperty("@unid").GetString());
        Assert.Equal("Person", doc.GetProperty("@form").GetString());
        Assert.Equal("Jürgen Müller", doc.GetProperty("FullName").GetString());
        Assert.Equal(JsonValueKind.Array, doc.GetProperty("Categories").ValueKind);
        Assert.False(doc.TryGetProperty("$PublicAccess", out _));
        Assert.NotNull(read.Content.Headers.LastModified);

        using var patch = new HttpRequestMessage(HttpMethod.Post, $"{domino.MailFile}/api/data/documents/unid/{unid}") { Content = TestDomino.Json("""{"OfficeCity":"Köln"}""") };
        patch.Headers.Add("X-HTTP-Method-Override", "PATCH");
        using var patched = await domino.Http.SendAsync(patch);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.False(patched.Content.Headers.Contains("Last-Modified"));
        var afterPatch = await TestDomino.ReadJson(await domino.Http.GetAsync($"{domino.MailFile}/api/data/documents/unid/{unid}"));
        Assert.Equal("Köln", afterPatch.GetProperty("OfficeCity").GetString());
        Assert.Equal("Müller", afterPatch.GetProperty("LastName").GetString());

        using var put = await domino.Http.PutAsync($"{domino.MailFile}/api/data/documents/unid/{unid}", TestDomino.Json("""{"LastName":"Mueller"}"""));
        var afterPut = await TestDomino.ReadJson(await domino.Http.GetAsync($"{domino.MailFile}/api/data/documents/unid/{unid}"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.False(afterPut.TryGetProperty("OfficeCity", out _));
        Assert.Equal("Person", afterPut.GetProperty("Form").GetString());

        using var deleted = await domino.Http.DeleteAsync($"{domino.MailFile}/api/data/documents/unid/{unid}");
        using var gone = await domino.Http.GetAsync($"{domino.MailFile}/api/data/documents/unid/{unid}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("Invalid universal id", (await TestDomino.ReadJson(gone)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_write_with_a_stale_If_Unmodified_Since_answers_412_without_a_body()
    {
        await using var domino = await TestDomino.StartAsync();
        var unid = await CreateContact(domino, """{"LastName":"Durand"}""");
        using var read = await domino.Http.GetAsync($"{domino.MailFile}/api/data/documents/unid/{unid}");
        var lastModified = read.Content.Headers.GetValues("Last-Modified").Single();
        domino.Clock.Advance(TimeSpan.FromMinutes(1));
        domino.State.UpdateItems(domino.User.MailFilePath, unid, NotesItem.Text("OfficeCity", "Lyon"));

        using var request = new HttpRequestMessage(HttpMethod.Patch, $"{domino.MailFile}/api/data/documents/unid/{unid}") { Content = TestDomino.Json("""{"OfficeCity":"Nantes"}""") };
        request.Headers.TryAddWithoutValidation("If-Unmodified-Since", lastModified);
        using var response = await domino.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("Lyon", domino.State.GetDocument(domino.User.MailFilePath, unid)!.Text("OfficeCity"));
    }

    [Fact]
    public async Task Repeating_Last_Modified_byte_for_byte_passes_but_the_same_second_reformatted_answers_412()
    {
        await using var domino = await TestDomino.StartAsync();
        var unid = await CreateContact(domino, """{"LastName":"Durand"}""");
        using var read = await domino.Http.GetAsync($"{domino.MailFile}/api/data/documents/unid/{unid}");
        var lastModified = read.Content.Headers.GetValues("Last-Modified").Single();
        var reformatted = read.Content.Headers.LastModified!.Value.UtcDateTime.ToString("dddd, dd-MMM-yy HH:mm:ss 'GMT'", System.Globalization.CultureInfo.InvariantCulture);

        using var sameSecond = new HttpRequestMessage(HttpMethod.Patch, $"{domino.MailFile}/api/data/documents/unid/{unid}") { Content = TestDomino.Json("""{"OfficeCity":"Brest"}""") };
        sameSecond.Headers.TryAddWithoutValidation("If-Unmodified-Since", reformatted);
        using var refused = await domino.Http.SendAsync(sameSecond);
        using var exact = new HttpRequestMessage(HttpMethod.Patch, $"{domino.MailFile}/api/data/documents/unid/{unid}") { Content = TestDomino.Json("""{"OfficeCity":"Brest"}""") };
        exact.Headers.TryAddWithoutValidation("If-Unmodified-Since", lastModified);
        using var accepted = await domino.Http.SendAsync(exact);

        // The document was saved at 09:00:00.37: the reformatted header parses to 09:00:00.00, which is earlier.
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_date_string_stays_text_unless_it_is_typed_as_datetime()
    {
        await using var domino = await TestDomino.StartAsync();
        using var created = await domino.Http.PostAsync($"{domino.MailFile}/api/data/documents?form=Task",
            TestDomino.Json("""{"Subject":"Rappeler ACME","DueDateTime":"2024-05-10T17:00:00Z","StartDateTime":{"type":"datetime","data":"2024-05-09T08:00:00Z"}}"""));
        var unid = created.Headers.Location!.AbsoluteUri.Split('/')[^1];

        var stored = domino.State.GetDocument(domino.User.MailFilePath, unid)!;
        using var strong = await domino.Http.GetAsync($"{domino.MailFile}/api/data/documents/unid/{unid}?strongtype=true");
        var doc = await TestDomino.ReadJson(strong);

        Assert.Equal(NotesItemType.Text, stored.Items["DueDateTime"].Type);
        Assert.Equal(NotesItemType.DateTime, stored.Items["StartDateTime"].Type);
        Assert.Equal("2024-05-10T17:00:00Z", doc.GetProperty("DueDateTime").GetString());
        Assert.Equal("datetime", doc.GetProperty("StartDateTime").GetProperty("type").GetString());
        Assert.Equal("datetime", doc.GetProperty("@modified").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Privacy_items_show_as_Confidential_while_PublicAccess_needs_hidden()
    {
        await using var domino = await TestDomino.StartAsync();
        var secret = domino.State.AddContact(domino.User.MailFilePath, new ContactSpec { LastName = "Secret", Private = true });
        var open = domino.State.AddContact(domino.User.MailFilePath, new ContactSpec { LastName = "Open" });

        var secretDoc = await TestDomino.ReadJson(await domino.Http.GetAsync($"{domino.MailFile}/api/data/documents/unid/{secret}"));
        var openDoc = await TestDomino.ReadJson(await domino.Http.GetAsync($"{domino.MailFile}/api/data/documents/unid/{open}"));
        var openHidden = await TestDomino.ReadJson(await domino.Http.GetAsync($"{domino.MailFile}/api/data/documents/unid/{open}?hidden=true"));

        Assert.Equal("1", secretDoc.GetProperty("Confidential").GetString());
        Assert.False(openDoc.TryGetProperty("Confidential", out _));
        Assert.False(openDoc.TryGetProperty("$PublicAccess", out _));
        Assert.Equal("1", openHidden.GetProperty("$PublicAccess").GetString());
    }

    [Fact]
    public async Task Reading_marks_the_document_read_unless_markread_is_false()
    {
        await using var domino = await TestDomino.StartAsync();
        var first = domino.State.AddContact(domino.User.MailFilePath, new ContactSpec { LastName = "Alpha" });
        var second = domino.State.AddContact(domino.User.MailFilePath, new ContactSpec { LastName = "Beta" });

        await domino.Http.GetAsync($"{domino.MailFile}/api/data/documents/unid/{first}");
        await domino.Http.GetAsync($"{domino.MailFile}/api/data/documents/unid/{second}?markread=false");
        var entries = await TestDomino.ReadJson(await domino.Http.GetAsync($"{domino.MailFile}/api/data/collections/name/($Contacts)"));

        Assert.True(entries[0].GetProperty("@read").GetBoolean());
        Assert.False(entries[1].TryGetProperty("@read", out _));
    }
}
