using NotesSync.Application.Notes;
using NotesSync.Domain.Profiles;
using System.Net;
using NotesSync.Simulators.Domino.Hosting;
using NotesSync.Simulators.Domino.Knobs;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Infrastructure.Tests.Domino;

/// <summary>Connecting a Notes account against the DAS simulator over real HTTP: every failure told apart.</summary>
public class GatewayTests : IAsyncLifetime
{
    private DominoSimulator _domino = null!;
    private readonly Microsoft.Extensions.DependencyInjection.ServiceProvider _services = DominoServices.Build();

    public async Task InitializeAsync()
    {
        _domino = await DominoSimulator.StartAsync();
        _domino.State.AddUser(new NotesUserSpec("Jane Doe", "s3cret-Pw"));
    }

    public async Task DisposeAsync()
    {
        await _domino.DisposeAsync();
        await _services.DisposeAsync();
        NotesSync.ReferenceCheck.Conformance.Require(domino: _domino.Journal);
    }

    private NotesCredentials Jane(string password = "s3cret-Pw") => new(_domino.BaseUri, "Jane Doe", password);

    private void OpenDirectoryToDas()
    {
        _domino.State.SetDatabaseAccess(DominoState.DirectoryPath, DataServiceAccess.ViewsAndDocuments);
        _domino.State.SetViewAccess(DominoState.DirectoryPath, "($Users)", true);
    }

    [Fact]
    public async Task The_mail_file_is_found_in_the_Person_document_and_its_awkward_path_normalised()
    {
        OpenDirectoryToDas();

        var found = await _services.Gateway().FindMailFileAsync(Jane(), null, default);

        Assert.Equal("mail/jdoe.nsf", found.Value.Path);
    }

    [Fact]
    public async Task The_mail_file_is_found_by_the_directory_service_when_the_server_has_it()
    {
        _domino.State.ConfigureServer(s => { s.DirectoryServiceInstalled = true; s.DirectoryServiceEnabled = true; });

        var found = await _services.Gateway().FindMailFileAsync(Jane(), null, default);

        Assert.Equal("mail/jdoe.nsf", found.Value.Path);
    }

    [Fact]
    public async Task Without_a_directory_the_user_is_asked_for_the_mail_file_and_a_typed_path_is_checked()
    {
        var gateway = _services.Gateway();

        Assert.Equal("mail-file-not-found", (await gateway.FindMailFileAsync(Jane(), null, default)).Error?.Code);
        Assert.Equal("mail-file-not-found", (await gateway.FindMailFileAsync(Jane(), "mail/nobody.nsf", default)).Error?.Code);
        Assert.Equal("mail/jdoe.nsf", (await gateway.FindMailFileAsync(Jane(), @"mail\jdoe", default)).Value.Path);
    }

    [Fact]
    public async Task A_mail_file_on_another_server_names_that_server()
    {
        _domino.State.AddUser(new NotesUserSpec("Paul Martin", "pw-Paul-1") { MailServer = "CN=mail02/OU=Paris/O=Acme" });
        OpenDirectoryToDas();

        var found = await _services.Gateway().FindMailFileAsync(new NotesCredentials(_domino.BaseUri, "Paul Martin", "pw-Paul-1"), null, default);

        Assert.Equal("mail-server-elsewhere", found.Error?.Code);
        Assert.Equal("mail02/Paris/Acme", found.Error!.Extensions["mailServer"]);
    }

    [Theory]
    [InlineData(DominoAuthentication.Basic)]
    [InlineData(DominoAuthentication.SessionLoginPage)]
    public async Task A_wrong_password_is_invalid_credentials_whatever_the_server_answers(DominoAuthentication mode)
    {
        _domino.State.ConfigureServer(s => s.Authentication = mode);

        var found = await _services.Gateway().FindMailFileAsync(Jane("wrong"), "mail/jdoe.nsf", default);

        Assert.Equal("invalid-credentials", found.Error?.Code);
    }

    [Fact]
    public async Task An_unknown_host_is_server_unreachable()
    {
        // The test's resolver knows no name at all: it answers "no such host", as DNS does for a mistyped server.
        var found = await _services.Gateway().FindMailFileAsync(
            new NotesCredentials(new Uri("https://domino.acme.example/"), "Jane Doe", "x"), null, default);

        Assert.Equal("server-unreachable", found.Error?.Code);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_a_tls_error()
    {
        await using var https = await DominoSimulator.StartAsync(new DominoSimulatorOptions { UseHttps = true });
        https.State.AddUser(new NotesUserSpec("Jane Doe", "s3cret-Pw"));

        var found = await _services.Gateway().FindMailFileAsync(new NotesCredentials(https.BaseUri, "Jane Doe", "s3cret-Pw"), null, default);

        Assert.Equal("tls-error", found.Error?.Code);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_is_a_timeout()
    {
        await using var services = DominoServices.Build(attemptTimeout: TimeSpan.FromMilliseconds(300), maxRetries: 0);
        // Every call is held and never released: the server does not answer however fast or slow this machine is.
        var never = new RequestHold();
        _domino.Faults.Add(FaultRule.Held("*", never, times: int.MaxValue));

        var found = await services.Gateway().FindMailFileAsync(Jane(), "mail/jdoe.nsf", default);

        Assert.Equal("server-timeout", found.Error?.Code);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DAS_off_on_the_server_is_told_with_or_without_an_error_body(bool hasBody)
    {
        _domino.State.ConfigureServer(s => { s.DataServiceEnabled = false; s.ServiceForbiddenHasBody = hasBody; });

        var found = await _services.Gateway().FindMailFileAsync(Jane(), "mail/jdoe.nsf", default);
        var checks = await _services.Gateway().DiagnoseAsync(Jane(), "mail/jdoe.nsf", default);

        Assert.Equal("das-disabled-server", found.Error?.Code);
        Assert.Contains(checks.Value, c => c is { Target: DasCheckTarget.Server, Name: "Data", Ok: false, Code: "das-disabled-server" });
    }

    [Fact]
    public async Task Every_check_passes_on_a_server_set_up_for_NotesSync()
    {
        var checks = await _services.Gateway().DiagnoseAsync(Jane(), "mail/jdoe.nsf", default);

        Assert.All(checks.Value, c => Assert.True(c.Ok, $"{c.Target} {c.Name}: {c.Code}"));
        Assert.Equal(
            ["Server Data", "Server Calendar", "Database mail/jdoe.nsf", "View ($Contacts)", "View ($ToDo)"],
            checks.Value.Select(c => $"{c.Target} {c.Name}"));
    }

    [Theory]
    [InlineData(DataServiceAccess.Never)]
    [InlineData(DataServiceAccess.ViewsOnly)]
    public async Task DAS_off_on_the_mail_file_fails_the_database_check(DataServiceAccess access)
    {
        _domino.State.AddContact("mail/jdoe.nsf", new ContactSpec { LastName = "Müller", FirstName = "Jörg" });
        _domino.State.SetDatabaseAccess("mail/jdoe.nsf", access);

        var checks = await _services.Gateway().DiagnoseAsync(Jane(), "mail/jdoe.nsf", default);

        var database = Assert.Single(checks.Value, c => c.Target == DasCheckTarget.Database);
        Assert.False(database.Ok);
        Assert.Equal("das-disabled-database", database.Code);
    }

    [Fact]
    public async Task DAS_off_on_a_view_fails_that_view_only_and_names_its_module()
    {
        _domino.State.SetViewAccess("mail/jdoe.nsf", "($ToDo)", false);

        var checks = await _services.Gateway().DiagnoseAsync(Jane(), "mail/jdoe.nsf", default);

        var failed = Assert.Single(checks.Value, c => !c.Ok);
        Assert.Equal((DasCheckTarget.View, "($ToDo)", "das-disabled-view", (SyncModule?)SyncModule.Tasks),
            (failed.Target, failed.Name, failed.Code, failed.Module));
    }

    [Fact]
    public async Task The_calendar_service_off_fails_only_what_events_need()
    {
        _domino.State.ConfigureServer(s => s.CalendarServiceEnabled = false);

        var checks = await _services.Gateway().DiagnoseAsync(Jane(), "mail/jdoe.nsf", default);

        var failed = Assert.Single(checks.Value, c => !c.Ok);
        Assert.Equal(("Calendar", (SyncModule?)SyncModule.Events), (failed.Name, failed.Module));
    }

    [Fact]
    public async Task Verifying_credentials_tells_a_new_password_from_a_wrong_one()
    {
        _domino.State.ChangePassword("Jane Doe", "n3w-Password");
        var gateway = _services.Gateway();

        Assert.True((await gateway.VerifyAsync(Jane("n3w-Password"), "mail/jdoe.nsf", default)).IsSuccess);
        Assert.Equal("invalid-credentials", (await gateway.VerifyAsync(Jane("s3cret-Pw"), "mail/jdoe.nsf", default)).Error?.Code);
    }

    [Fact]
    public async Task A_server_name_is_reached_at_the_address_it_resolves_to()
    {
        var viaName = new UriBuilder(_domino.BaseUri) { Host = "domino.acme.example" }.Uri;
        await using var services = DominoServices.Build(
            hosts: new Dictionary<string, IPAddress[]> { ["domino.acme.example"] = [IPAddress.Parse(_domino.BaseUri.Host)] });

        var found = await services.Gateway().FindMailFileAsync(new NotesCredentials(viaName, "Jane Doe", "s3cret-Pw"), "mail/jdoe.nsf", default);

        Assert.Equal("mail/jdoe.nsf", found.Value.Path);
        Assert.NotEmpty(_domino.Calls.Calls);
    }

    [Fact]
    public async Task A_name_that_resolves_to_a_private_address_is_refused_when_connecting()
    {
        // A public-looking name whose DNS answer is the simulator's loopback address: only the connect-time guard,
        // not the parser, can see that.
        var viaName = new UriBuilder(_domino.BaseUri) { Host = "domino.acme.example" }.Uri;
        await using var guarded = DominoServices.Build(allowPrivateNetworks: false,
            hosts: new Dictionary<string, IPAddress[]> { ["domino.acme.example"] = [IPAddress.Parse(_domino.BaseUri.Host)] });

        var found = await guarded.Gateway().FindMailFileAsync(new NotesCredentials(viaName, "Jane Doe", "s3cret-Pw"), null, default);

        Assert.Equal("private-network-server", found.Error?.Code);
        Assert.Empty(_domino.Calls.Calls);
    }
}
