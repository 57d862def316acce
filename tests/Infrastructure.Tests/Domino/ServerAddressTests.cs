using Microsoft.Extensions.Configuration;
using NotesSync.Infrastructure.Domino;

namespace NotesSync.Infrastructure.Tests.Domino;

public class ServerAddressTests
{
    private static readonly DominoOptions Strict = new();
    private static readonly DominoOptions Sandbox = new() { AllowInsecureHttp = true, AllowPrivateNetworks = true };

    [Theory]
    [InlineData("mail.acme.com", "https://mail.acme.com/")]
    [InlineData("  mail.acme.com  ", "https://mail.acme.com/")]
    [InlineData("https://mail.acme.com", "https://mail.acme.com/")]
    [InlineData("https://mail.acme.com:8443/names.nsf", "https://mail.acme.com:8443/")]
    [InlineData("mail.acme.com:8443", "https://mail.acme.com:8443/")]
    [InlineData("HTTPS://Mail.Acme.COM/", "https://mail.acme.com/")]
    public void A_host_or_an_https_url_becomes_the_servers_root(string typed, string expected)
    {
        Assert.Equal(expected, ServerAddress.Parse(typed, Strict).Value.ToString());
    }

    [Theory]
    [InlineData("http://mail.acme.com", "insecure-server")]
    [InlineData("ftp://mail.acme.com", "invalid-server")]
    [InlineData("https://user:pw@mail.acme.com", "invalid-server")]
    [InlineData("mail acme com", "invalid-server")]
    [InlineData("", "invalid-server")]
    [InlineData("https://mail.acme.com/?x=1", "invalid-server")]
    [InlineData("127.0.0.1", "private-network-server")]
    [InlineData("https://10.1.2.3", "private-network-server")]
    [InlineData("https://192.168.0.10:8443", "private-network-server")]
    [InlineData("https://169.254.169.254", "private-network-server")]
    [InlineData("https://[::1]", "private-network-server")]
    [InlineData("https://[fd00::1]", "private-network-server")]
    [InlineData("localhost", "private-network-server")]
    [InlineData("https://198.18.0.1", "private-network-server")]
    [InlineData("https://[64:ff9b::a00:1]", "private-network-server")]
    [InlineData("https://[2002:a00:1::1]", "private-network-server")]
    [InlineData("https://[::10.0.0.1]", "private-network-server")]
    [InlineData("mail.acme.com:22", "server-port-not-allowed")]
    [InlineData("https://mail.acme.com:3389", "server-port-not-allowed")]
    [InlineData("http://mail.acme.com:25", "insecure-server")]
    public void Unsafe_or_malformed_servers_are_refused(string typed, string code)
    {
        Assert.Equal(code, ServerAddress.Parse(typed, Strict).Error?.Code);
    }

    [Theory]
    [InlineData("mail.acme.com:443")]
    [InlineData("mail.acme.com:8443")]
    [InlineData("mail.acme.com")]
    public void The_ports_Domino_serves_https_on_are_allowed(string typed)
    {
        Assert.True(ServerAddress.Parse(typed, Strict).IsSuccess);
    }

    [Fact]
    public void An_operator_may_list_other_ports_which_then_replace_the_defaults()
    {
        var only9443 = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Notes:AllowedPorts:0"] = "9443" }).Build()
            .GetSection("Notes").Get<DominoOptions>()!;

        Assert.True(ServerAddress.Parse("mail.acme.com:9443", only9443).IsSuccess);
        Assert.Equal("server-port-not-allowed", ServerAddress.Parse("mail.acme.com", only9443).Error?.Code);
    }

    [Fact]
    public void The_sandbox_may_use_http_on_loopback()
    {
        Assert.Equal("http://127.0.0.1:5101/", ServerAddress.Parse("http://127.0.0.1:5101", Sandbox).Value.ToString());
    }

    [Theory]
    [InlineData("8.8.8.8", false)]
    [InlineData("172.15.0.1", false)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("2001:4860:4860::8888", false)]
    [InlineData("198.17.255.255", false)]
    [InlineData("198.18.0.1", true)]
    [InlineData("198.19.255.255", true)]
    [InlineData("198.20.0.1", false)]
    [InlineData("::ffff:8.8.8.8", false)]
    [InlineData("64:ff9b::808:808", false)]
    [InlineData("64:ff9b::a00:1", true)]
    [InlineData("2002:808:808::1", false)]
    [InlineData("2002:c0a8:101::1", true)]
    [InlineData("::8.8.8.8", false)]
    [InlineData("::192.168.1.1", true)]
    public void Private_ranges_are_recognised(string address, bool isPrivate)
    {
        Assert.Equal(isPrivate, ServerAddress.IsPrivate(System.Net.IPAddress.Parse(address)));
    }
}
