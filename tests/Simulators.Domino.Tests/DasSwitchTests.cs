using System.Net;
using NotesSync.Simulators.Domino.Notes;

namespace NotesSync.Simulators.Domino.Tests;

public sealed class DasSwitchTests
{
    [Fact]
    public async Task Data_service_off_on_the_server_answers_403_with_code_and_text_and_no_message()
    {
        await using var domino = await TestDomino.StartAsync();
        domino.State.ConfigureServer(s => s.DataServiceEnabled = false);

        using var response = await domino.Http.GetAsync("/api/data");
        var body = await TestDomino.ReadJson(response);
        var services = await TestDomino.ReadJson(await domino.Http.GetAsync("/api"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(403, body.GetProperty("code").GetInt32());
        Assert.Equal("Forbidden", body.GetProperty("text").GetString());
        Assert.False(body.TryGetProperty("message", out _));
        Assert.False(services.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Data").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Data_service_off_on_the_server_can_answer_403_with_no_body_at_all()
    {
        await using var domino = await TestDomino.StartAsync();
        domino.State.ConfigureServer(s =>
        {
            s.DataServiceEnabled = false;
            s.ServiceForbiddenHasBody = false;
        });

        using var response = await domino.Http.GetAsync($"{domino.MailFile}/api/data/collections");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_database_that_never_allows_the_data_service_answers_403_with_its_message()
    {
        await using var domino = await TestDomino.StartAsync();
        domino.State.SetDatabaseAccess(domino.User.MailFilePath, DataServiceAccess.Never);

        using var response = await domino.Http.GetAsync($"{domino.MailFile}/api/data/collections");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("The Domino data service is not enabled for this database.", (await TestDomino.ReadJson(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_views_only_database_lists_views_but_refuses_documents()
    {
        await using var domino = await TestDomino.StartAsync();
        domino.State.SetDatabaseAccess(domino.User.MailFilePath, DataServiceAccess.ViewsOnly);

        using var views = await domino.Http.GetAsync($"{domino.MailFile}/api/data/collections");
        using var create = await domino.Http.PostAsync($"{domino.MailFile}/api/data/documents?form=Person", TestDomino.Json("{}"));

        Assert.Equal(HttpStatusCode.OK, views.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal("Cannot access resource", (await TestDomino.ReadJson(create)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_view_without_the_data_service_flag_answers_403_naming_the_view()
    {
        await using var domino = await TestDomino.StartAsync();
        domino.State.SetViewAccess(domino.User.MailFilePath, "($ToDo)", false);

        using var response = await domino.Http.GetAsync($"{domino.MailFile}/api/data/collections/name/%28%24ToDo%29");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("The Domino data service is not enabled for this view [($ToDo)].", (await TestDomino.ReadJson(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_calendar_service_ignores_the_database_and_view_switches_but_not_the_server_one()
    {
        await using var domino = await TestDomino.StartAsync();
        domino.State.SetDatabaseAccess(domino.User.MailFilePath, DataServiceAccess.Never);

        using var allowed = await domino.Http.GetAsync($"{domino.MailFile}/api/calendar/events");
        domino.State.ConfigureServer(s => s.CalendarServiceEnabled = false);
        using var refused = await domino.Http.GetAsync($"{domino.MailFile}/api/calendar/events");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_control_api_toggles_das_at_run_time()
    {
        await using var domino = await TestDomino.StartAsync();
        using var control = new HttpClient { BaseAddress = domino.Simulator.BaseUri };

        using var toggled = await control.PostAsync("/_simulator/databases/access",
            TestDomino.Json($$"""{"path":"{{domino.User.MailFilePath}}","access":"Never"}"""));
        using var response = await domino.Http.GetAsync($"{domino.MailFile}/api/data/collections");

        Assert.Equal(HttpStatusCode.NoContent, toggled.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, domino.Simulator.Calls.Count(pathGlob: "/_simulator*"));
    }

    [Fact]
    public async Task An_unknown_database_answers_404_from_the_web_engine()
    {
        await using var domino = await TestDomino.StartAsync();

        using var response = await domino.Http.GetAsync("/mail/nobody.nsf/api/data/collections");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_directory_lookup_is_absent_unless_installed_and_then_names_the_mail_server_and_file()
    {
        await using var domino = await TestDomino.StartAsync();
        using var absent = await domino.Http.GetAsync("/api/directory/lookup?names=jdoe&exactmatches=true");
        domino.State.ConfigureServer(s =>
        {
            s.DirectoryServiceInstalled = true;
            s.DirectoryServiceEnabled = true;
        });

        var found = await TestDomino.ReadJson(await domino.Http.GetAsync("/api/directory/lookup?names=jdoe&exactmatches=true"));
        var match = found.GetProperty("results")[0].GetProperty("matches")[0];

        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
        Assert.Equal("CN=mail01/O=Acme", match.GetProperty("mailServer").GetString());
        Assert.Equal("mail\\jdoe", match.GetProperty("mailFile").GetString());
    }
}
