using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Application.Notes;
using NotesSync.Infrastructure.Domino;

namespace NotesSync.Infrastructure.Tests.Domino;

/// <summary>The Domino adapters wired as the host wires them, with the sandbox's switches set by each test.</summary>
internal static class DominoServices
{
    /// <param name="hosts">What each server name resolves to: no test asks a real DNS; a name not listed does not exist.</param>
    public static ServiceProvider Build(bool allowPrivateNetworks = true, bool allowInsecureHttp = true,
        TimeSpan? attemptTimeout = null, int maxRetries = 3, string? trustedCertificatesPath = null,
        IReadOnlyDictionary<string, IPAddress[]>? hosts = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notes:TrustedCertificatesPath"] = trustedCertificatesPath,
            ["ConnectionStrings:NotesSync"] = "Data Source=unused-by-these-tests.db",
            ["Notes:AllowPrivateNetworks"] = allowPrivateNetworks.ToString(),
            ["Notes:AllowInsecureHttp"] = allowInsecureHttp.ToString(),
            ["Notes:AttemptTimeout"] = (attemptTimeout ?? TimeSpan.FromSeconds(10)).ToString(),
            ["Notes:TotalTimeout"] = ((attemptTimeout ?? TimeSpan.FromSeconds(10)) * (maxRetries + 2)).ToString(),
            ["Notes:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        return new ServiceCollection().AddLogging().AddInfrastructure(configuration)
            .AddSingleton<HostResolver>(new FixedHosts(hosts ?? new Dictionary<string, IPAddress[]>()))
            .BuildServiceProvider();
    }

    /// <summary>A DNS that knows only the names a test gives it, and answers "no such host" for any other, as DNS does.</summary>
    private sealed class FixedHosts(IReadOnlyDictionary<string, IPAddress[]> hosts) : HostResolver
    {
        public override Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
            hosts.TryGetValue(host, out var addresses)
                ? Task.FromResult(addresses)
                : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }

    public static IDominoGateway Gateway(this ServiceProvider services) => services.CreateScope().ServiceProvider.GetRequiredService<IDominoGateway>();
}
