using NotesSync.Application.Notes;
using NotesSync.Simulators.Domino.Hosting;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Infrastructure.Tests.Domino;

/// <summary>
/// Connecting to a Domino server over HTTPS, the only kind production allows: the adapter trusts a company's own CA
/// (or a server's self-signed certificate) when, and only when, <c>Notes:TrustedCertificatesPath</c> lists it, and
/// every other certificate is still a <c>tls-error</c>. Plain http is refused throughout these tests.
/// </summary>
public sealed class HttpsGatewayTests : IAsyncLifetime
{
    private const string Password = "s3cret-Pw";
    private const string MailFile = "mail/jdoe.nsf";

    private readonly TestCertificateAuthority _companyCa = TestCertificateAuthority.Create("Acme Internal CA");
    private readonly string _anchorsPath = Path.Combine(Path.GetTempPath(), $"notessync-anchors-{Guid.NewGuid():N}.pem");
    private readonly List<IAsyncDisposable> _disposables = [];

    public async Task InitializeAsync() => await File.WriteAllTextAsync(_anchorsPath, _companyCa.RootPem);

    public async Task DisposeAsync()
    {
        // Last made, first disposed: a simulator stops before its certificate goes.
        foreach (var disposable in Enumerable.Reverse(_disposables)) await disposable.DisposeAsync();
        _companyCa.Dispose();
        File.Delete(_anchorsPath);
    }

    private async Task<DominoSimulator> ServerAsync(DominoSimulatorOptions options)
    {
        var domino = await DominoSimulator.StartAsync(options);
        _disposables.Add(domino);
        domino.State.AddUser(new NotesUserSpec("Jane Doe", Password));
        Assert.Equal(Uri.UriSchemeHttps, domino.BaseUri.Scheme);
        return domino;
    }

    private Task<DominoSimulator> ServerSignedByAsync(TestCertificateAuthority ca, params string[] names)
    {
        var certificate = ca.IssueServerCertificate(names);
        _disposables.Add(new DisposeLater(certificate));
        return ServerAsync(new DominoSimulatorOptions { ServerCertificate = certificate });
    }

    private Microsoft.Extensions.DependencyInjection.ServiceProvider Adapter(string? anchors, bool allowPrivateNetworks = true)
    {
        var services = DominoServices.Build(allowPrivateNetworks, allowInsecureHttp: false, trustedCertificatesPath: anchors);
        _disposables.Add(services);
        return services;
    }

    private static NotesCredentials Jane(DominoSimulator domino) => new(domino.BaseUri, "Jane Doe", Password);

    [Fact]
    public async Task A_server_whose_certificate_the_configured_CA_signed_is_connected_and_checked_over_https()
    {
        var domino = await ServerSignedByAsync(_companyCa, "127.0.0.1", "localhost");
        var gateway = Adapter(_anchorsPath).Gateway();

        var found = await gateway.FindMailFileAsync(Jane(domino), MailFile, default);
        var checks = await gateway.DiagnoseAsync(Jane(domino), MailFile, default);

        Assert.Equal(MailFile, found.Value.Path);
        Assert.True(checks.IsSuccess, checks.Error?.Code);
        Assert.All(checks.Value, check => Assert.True(check.Ok, $"{check.Target} {check.Name}: {check.Code}"));
        Assert.True((await gateway.VerifyAsync(Jane(domino), MailFile, default)).IsSuccess);
    }

    [Fact]
    public async Task A_certificate_from_an_issuing_CA_chains_to_the_configured_root_through_the_intermediate_the_server_sends()
    {
        using var issuingCa = _companyCa.IssueIntermediate("Acme Issuing CA 1");
        var certificate = issuingCa.IssueServerCertificate("127.0.0.1");
        var intermediate = issuingCa.PublicCertificate;
        _disposables.Add(new DisposeLater(certificate));
        _disposables.Add(new DisposeLater(intermediate));
        var domino = await ServerAsync(new DominoSimulatorOptions { ServerCertificate = certificate, ServerCertificateChain = [intermediate] });

        var found = await Adapter(_anchorsPath).Gateway().FindMailFileAsync(Jane(domino), MailFile, default);

        Assert.Equal(MailFile, found.Value.Path);
    }

    [Fact]
    public async Task The_same_server_without_its_CA_configured_is_a_tls_error()
    {
        var domino = await ServerSignedByAsync(_companyCa, "127.0.0.1", "localhost");

        var found = await Adapter(anchors: null).Gateway().FindMailFileAsync(Jane(domino), MailFile, default);

        Assert.Equal("tls-error", found.Error?.Code);
        Assert.Empty(domino.Calls.Calls);
    }

    [Fact]
    public async Task A_certificate_from_the_trusted_CA_for_another_name_is_a_tls_error()
    {
        var domino = await ServerSignedByAsync(_companyCa, "domino.acme.test");

        var found = await Adapter(_anchorsPath).Gateway().FindMailFileAsync(Jane(domino), MailFile, default);

        Assert.Equal("tls-error", found.Error?.Code);
        Assert.Empty(domino.Calls.Calls);
    }

    [Fact]
    public async Task A_certificate_from_another_CA_is_a_tls_error_when_a_CA_is_configured()
    {
        using var otherCa = TestCertificateAuthority.Create("Someone Else's CA");
        var domino = await ServerSignedByAsync(otherCa, "127.0.0.1", "localhost");

        var found = await Adapter(_anchorsPath).Gateway().FindMailFileAsync(Jane(domino), MailFile, default);

        Assert.Equal("tls-error", found.Error?.Code);
        Assert.Empty(domino.Calls.Calls);
    }

    [Fact]
    public async Task A_self_signed_server_certificate_is_trusted_once_it_is_listed_and_only_then()
    {
        var domino = await ServerAsync(new DominoSimulatorOptions { UseHttps = true });
        var pinned = Path.Combine(Path.GetTempPath(), $"notessync-pinned-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(pinned, domino.Certificate!.ExportCertificatePem());
        try
        {
            var trusted = await Adapter(pinned).Gateway().FindMailFileAsync(Jane(domino), MailFile, default);
            var untrusted = await Adapter(_anchorsPath).Gateway().FindMailFileAsync(Jane(domino), MailFile, default);

            Assert.Equal(MailFile, trusted.Value.Path);
            Assert.Equal("tls-error", untrusted.Error?.Code);
        }
        finally
        {
            File.Delete(pinned);
        }
    }

    [Fact]
    public async Task The_private_network_guard_still_refuses_a_loopback_server_before_any_handshake()
    {
        var domino = await ServerSignedByAsync(_companyCa, "127.0.0.1", "localhost");

        var found = await Adapter(_anchorsPath, allowPrivateNetworks: false).Gateway()
            .FindMailFileAsync(Jane(domino), MailFile, default);

        Assert.Equal("private-network-server", found.Error?.Code);
        Assert.Empty(domino.Calls.Calls);
    }

    [Fact]
    public void A_configured_anchors_file_that_is_missing_or_holds_no_certificate_stops_the_adapter_at_start()
    {
        var empty = Path.Combine(Path.GetTempPath(), $"notessync-empty-{Guid.NewGuid():N}.pem");
        File.WriteAllText(empty, "not a certificate");
        try
        {
            Assert.ThrowsAny<IOException>(() => DominoServices.Build(trustedCertificatesPath: empty + ".missing"));
            Assert.Throws<InvalidOperationException>(() => DominoServices.Build(trustedCertificatesPath: empty));
        }
        finally
        {
            File.Delete(empty);
        }
    }

    /// <summary>A certificate given to a simulator, disposed of after the simulator has stopped.</summary>
    private sealed class DisposeLater(IDisposable owned) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            owned.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
