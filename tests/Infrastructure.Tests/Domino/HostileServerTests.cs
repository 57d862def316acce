using System.Net;
using System.Net.Sockets;
using NotesSync.Application.Notes;
using NotesSync.Simulators.Domino.Hosting;
using NotesSync.Simulators.Domino.Knobs;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Infrastructure.Tests.Domino;

/// <summary>
/// A server a user names may be broken or hostile: its answers are bounded in size and time, and it can never steer
/// NotesSync into the private network, onto another port's service, or through the machine's proxy.
/// </summary>
[Collection(nameof(MachineProxy))]
public class HostileServerTests : IAsyncLifetime
{
    private DominoSimulator _domino = null!;

    public async Task InitializeAsync()
    {
        _domino = await DominoSimulator.StartAsync();
        _domino.State.AddUser(new NotesUserSpec("Jane Doe", "s3cret-Pw"));
    }

    public async Task DisposeAsync() => await _domino.DisposeAsync();

    private NotesCredentials Jane => new(_domino.BaseUri, "Jane Doe", "s3cret-Pw");

    [Theory]
    [InlineData(FaultAction.GzipBomb)]
    [InlineData(FaultAction.EndlessBody)]
    public async Task An_answer_past_the_size_limit_is_cut_off_with_its_own_code(FaultAction hostile)
    {
        await using var services = DominoServices.Build();
        _domino.Faults.Add(FaultRule.Hostile("/api", hostile));

        var found = await services.Gateway().FindMailFileAsync(Jane, "mail/jdoe.nsf", default);

        Assert.Equal("notes-answer-too-large", found.Error?.Code);
    }

    [Fact]
    public async Task An_answer_that_trickles_for_30_seconds_is_cut_off_by_the_time_limit()
    {
        // The trickle would end with a valid empty page: only the time limit can make this call fail.
        await using var services = DominoServices.Build(attemptTimeout: TimeSpan.FromSeconds(1), maxRetries: 0);
        _domino.Faults.Add(FaultRule.Hostile("/api", FaultAction.Trickle, trickleFor: TimeSpan.FromSeconds(30)));

        var found = await services.Gateway().FindMailFileAsync(Jane, "mail/jdoe.nsf", default);

        Assert.Equal("server-timeout", found.Error?.Code);
    }

    public static TheoryData<string> BlockedAddresses =>
    [
        "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
        "198.18.0.1", "198.19.255.254", "192.0.0.8", "224.0.0.1", "255.255.255.255",
        "::1", "::", "fe80::1", "fd00::1", "fec0::1", "ff02::1",
        "::ffff:10.1.2.3", "::ffff:127.0.0.1",         // IPv4-mapped
        "::10.1.2.3", "::127.0.0.1",                   // IPv4-compatible
        "64:ff9b::a01:203", "64:ff9b::7f00:1",         // NAT64 of 10.1.2.3 and 127.0.0.1
        "64:ff9b:1::a01:203",                          // local-use NAT64
        "2002:a01:203::1", "2002:7f00:1::1",           // 6to4 of 10.1.2.3 and 127.0.0.1
        "2002:a9fe:a9fe::1",                           // 6to4 of the cloud metadata address
        "2001:0:4136:e378::1",                         // Teredo
    ];

    [Theory]
    [MemberData(nameof(BlockedAddresses))]
    public async Task A_name_resolving_to_a_blocked_address_is_refused_at_connect_time(string address)
    {
        await using var guarded = DominoServices.Build(allowPrivateNetworks: false,
            hosts: new Dictionary<string, IPAddress[]> { ["domino.acme.example"] = [IPAddress.Parse(address)] });

        var found = await guarded.Gateway().FindMailFileAsync(
            new NotesCredentials(new Uri("https://domino.acme.example/"), "Jane Doe", "x"), "mail/jdoe.nsf", default);

        Assert.Equal("private-network-server", found.Error?.Code);
    }

    [Theory]
    [MemberData(nameof(BlockedAddresses))]
    public async Task A_blocked_address_written_as_the_server_is_refused_at_connect_time_too(string address)
    {
        // As a profile stored before today's rules would hold it: the parser is not asked, the connection guard is.
        await using var guarded = DominoServices.Build(allowPrivateNetworks: false);
        var literal = new UriBuilder("https", IPAddress.Parse(address).ToString()).Uri;

        var found = await guarded.Gateway().FindMailFileAsync(new NotesCredentials(literal, "Jane Doe", "x"), "mail/jdoe.nsf", default);

        Assert.Equal("private-network-server", found.Error?.Code);
    }

    [Theory]
    [InlineData(22)]
    [InlineData(25)]
    [InlineData(3306)]
    [InlineData(1352)]
    public async Task A_port_Domino_does_not_serve_http_on_is_refused_before_any_connection(int port)
    {
        // A public address, as the resolver answers it: the port is refused before the socket is opened, so nothing
        // leaves the machine (were it let through, the short timeout would end the attempt with another code).
        await using var guarded = DominoServices.Build(allowPrivateNetworks: false, attemptTimeout: TimeSpan.FromSeconds(1), maxRetries: 0,
            hosts: new Dictionary<string, IPAddress[]> { ["domino.acme.example"] = [IPAddress.Parse("8.8.8.8")] });

        var found = await guarded.Gateway().FindMailFileAsync(
            new NotesCredentials(new Uri($"https://domino.acme.example:{port}/"), "Jane Doe", "x"), "mail/jdoe.nsf", default);

        Assert.Equal("server-port-not-allowed", found.Error?.Code);
    }

    [Fact]
    public async Task A_port_that_speaks_something_else_than_TLS_is_told_as_a_closed_one_is()
    {
        // What listens on a port is not NotesSync's to reveal: a mail server's banner reads like nothing there at all.
        using var banner = new TcpListener(IPAddress.Loopback, 0);
        banner.Start();
        var serving = Task.Run(async () =>
        {
            using var client = await banner.AcceptTcpClientAsync();
            await client.GetStream().WriteAsync("220 mail.acme.example ESMTP ready\r\n"u8.ToArray());
            // Until the client hangs up, as a server waiting for its next command does.
            _ = await client.GetStream().ReadAtLeastAsync(new byte[1024], 1, throwOnEndOfStream: false);
        });
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var closedPort = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var services = DominoServices.Build(attemptTimeout: TimeSpan.FromSeconds(10), maxRetries: 0);

        var toBanner = await services.Gateway().FindMailFileAsync(
            new NotesCredentials(new Uri($"https://127.0.0.1:{((IPEndPoint)banner.LocalEndpoint).Port}/"), "Jane Doe", "x"), "mail/jdoe.nsf", default);
        var toClosed = await services.Gateway().FindMailFileAsync(
            new NotesCredentials(new Uri($"https://127.0.0.1:{closedPort}/"), "Jane Doe", "x"), "mail/jdoe.nsf", default);

        Assert.Equal("server-unreachable", toClosed.Error?.Code);
        Assert.Equal(toClosed.Error?.Code, toBanner.Error?.Code);
        await serving;
    }

    [Fact]
    public async Task The_machines_proxy_is_not_used_so_the_guard_sees_the_server_itself()
    {
        using var proxy = new TcpListener(IPAddress.Loopback, 0);
        proxy.Start();
        var previous = HttpClient.DefaultProxy;
        HttpClient.DefaultProxy = new WebProxy($"http://127.0.0.1:{((IPEndPoint)proxy.LocalEndpoint).Port}");
        try
        {
            var viaName = new UriBuilder(_domino.BaseUri) { Host = "domino.acme.example" }.Uri;
            await using var services = DominoServices.Build(attemptTimeout: TimeSpan.FromSeconds(5), maxRetries: 0,
                hosts: new Dictionary<string, IPAddress[]> { ["domino.acme.example"] = [IPAddress.Parse(_domino.BaseUri.Host)] });

            var found = await services.Gateway().FindMailFileAsync(new NotesCredentials(viaName, "Jane Doe", "s3cret-Pw"), "mail/jdoe.nsf", default);

            Assert.Equal("mail/jdoe.nsf", found.Value.Path);
            Assert.False(proxy.Pending(), "a connection reached the machine's proxy");
        }
        finally
        {
            HttpClient.DefaultProxy = previous;
        }
    }
}

/// <summary>Tests that change the process's default proxy, which every HTTP client of the process reads: run alone.</summary>
[CollectionDefinition(nameof(MachineProxy), DisableParallelization = true)]
public sealed class MachineProxy;
