using System.Net;
using NotesSync.Simulators.Domino.Calendar;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.Tests;

public sealed class ChangesTests
{
    [Fact]
    public async Task Documents_since_lists_what_changed_at_or_after_the_checkpoint_calendar_entries_included()
    {
        await using var domino = await TestDomino.StartAsync();
        var mail = domino.User.MailFilePath;
        var old = domino.State.AddContact(mail, new ContactSpec { LastName = "Old" });
        domino.Clock.Advance(TimeSpan.FromHours(1));
        var changed = domino.State.AddContact(mail, new ContactSpec { LastName = "Changed" });
        var meeting = domino.State.AddEvent(mail, new EventData
        {
            Summary = "Revue",
            Start = EventTime.At(TestDomino.Start.AddDays(1)),
            End = EventTime.At(TestDomino.Start.AddDays(1).AddHours(1)),
        });

        using var response = await domino.Http.GetAsync($"{domino.MailFile}/api/data/documents?since=2024-05-02T10:00:00Z");
        var list = await TestDomino.ReadJson(response);
        var unids = list.EnumerateArray().Select(e => e.GetProperty("@unid").GetString()).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([changed, meeting.Unid], unids);
        Assert.DoesNotContain(old, unids);
        Assert.Equal("2024-05-02T10:00:00Z", list[0].GetProperty("@modified").GetString());
        Assert.StartsWith(meeting.Unid, meeting.EventId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_document_is_not_reported_by_since_and_answers_404()
    {
        await using var domino = await TestDomino.StartAsync();
        var mail = domino.User.MailFilePath;
        var unid = domino.State.AddContact(mail, new ContactSpec { LastName = "Gone" });
        domino.State.DeleteDocument(mail, unid);

        var list = await TestDomino.ReadJson(await domino.Http.GetAsync($"{domino.MailFile}/api/data/documents?since=2024-01-01T00:00:00Z"));
        using var read = await domino.Http.GetAsync($"{domino.MailFile}/api/data/documents/unid/{unid}");

        Assert.Equal(0, list.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task A_since_without_the_Z_form_is_refused()
    {
        await using var domino = await TestDomino.StartAsync();

        using var response = await domino.Http.GetAsync($"{domino.MailFile}/api/data/documents?since=2024-05-02T10:00:00%2B02:00");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_write_through_the_data_service_moves_the_document_into_the_next_since()
    {
        await using var domino = await TestDomino.StartAsync();
        var unid = domino.State.AddContact(domino.User.MailFilePath, new ContactSpec { LastName = "Martin" });
        domino.Clock.Advance(TimeSpan.FromMinutes(5));

        await domino.Http.PatchAsync($"{domino.MailFile}/api/data/documents/unid/{unid}", TestDomino.Json("""{"OfficeCity":"Lille"}"""));
        var list = await TestDomino.ReadJson(await domino.Http.GetAsync($"{domino.MailFile}/api/data/documents?since=2024-05-02T09:05:00Z"));

        Assert.Equal(unid, Assert.Single(list.EnumerateArray()).GetProperty("@unid").GetString());
        Assert.Equal("Lille", domino.State.GetDocument(domino.User.MailFilePath, unid)!.Text("OfficeCity"));
    }
}
