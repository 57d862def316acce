using System.Net;
using System.Net.Http.Json;
using NotesSync.Simulators.Domino.Hosting;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Web.Tests;

/// <summary>
/// The product against a Domino server over HTTPS, as in production: plain http is not allowed, and the server's
/// certificate comes from the company's own CA, which the host trusts through <c>Notes:TrustedCertificatesPath</c>.
/// Loopback still needs <c>Notes:AllowPrivateNetworks</c>, the simulator's only address.
/// </summary>
public sealed class HttpsDominoTests : IAsyncLifetime
{
    private readonly TestCertificateAuthority _companyCa = TestCertificateAuthority.Create("Acme Internal CA");
    private readonly string _anchorsPath = Path.Combine(Path.GetTempPath(), $"notessync-web-anchors-{Guid.NewGuid():N}.pem");
    private System.Security.Cryptography.X509Certificates.X509Certificate2 _serverCertificate = null!;
    private SyncHarness _h = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_anchorsPath, _companyCa.RootPem);
        _serverCertificate = _companyCa.IssueServerCertificate("127.0.0.1", "localhost");
        // The harness connects Notes as it starts: over https, or it fails here.
        _h = await SyncHarness.StartAsync(
            new DominoSimulatorOptions { ServerCertificate = _serverCertificate },
            new Dictionary<string, string>
            {
                ["Notes:AllowInsecureHttp"] = "false",
                ["Notes:TrustedCertificatesPath"] = _anchorsPath,
            });
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        _serverCertificate.Dispose();
        _companyCa.Dispose();
        File.Delete(_anchorsPath);
    }

    [Fact]
    public async Task A_sync_run_against_a_Domino_server_over_https_copies_a_Notes_contact_to_the_CRM()
    {
        Assert.Equal(Uri.UriSchemeHttps, _h.Domino.BaseUri.Scheme);
        await _h.SettingsAsync("notesToCrm", tasks: false);
        _h.Domino.State.AddContact(SyncHarness.MailFile, new ContactSpec
        {
            FirstName = "Jörg", LastName = "Müller", Email = "jorg.muller@example.de",
        });

        var run = await _h.SyncAsync();

        SyncHarness.AssertStatus("succeeded", run);
        Assert.Equal(1, SyncHarness.Count(run, "contacts", "toCrm.created"));
        Assert.Contains(_h.CrmContacts, c => c["Email"] == "jorg.muller@example.de" && c["Last_Name"] == "Müller");
    }

    [Fact]
    public async Task A_Domino_server_whose_certificate_nobody_configured_is_refused_with_tls_error()
    {
        await using var selfSigned = await DominoSimulator.StartAsync(new DominoSimulatorOptions { UseHttps = true });
        selfSigned.State.AddUser(new NotesUserSpec("Jane Doe", SyncHarness.NotesPassword));

        var response = await _h.Admin.PostAsJsonAsync("/api/notes/connection", new
        {
            serverName = selfSigned.BaseUri.ToString(), userName = "Jane Doe", password = SyncHarness.NotesPassword,
            mailFile = SyncHarness.MailFile,
        });

        await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, "tls-error");
        Assert.Empty(selfSigned.Calls.Calls);
    }

    [Fact]
    public async Task A_plain_http_Domino_server_is_refused_by_this_host()
    {
        await using var plain = await DominoSimulator.StartAsync();

        var response = await _h.Admin.PostAsJsonAsync("/api/notes/connection", new
        {
            serverName = plain.BaseUri.ToString(), userName = "Jane Doe", password = SyncHarness.NotesPassword,
        });

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "insecure-server");
    }
}
