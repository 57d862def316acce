using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Application.Notes;

namespace NotesSync.Infrastructure.Tests.Domino;

/// <summary>The Domino adapters wired as the host wires them, with the sandbox's switches set by each test.</summary>
internal static class DominoServices
{
    public static ServiceProvider Build(bool allowPrivateNetworks = true, bool allowInsecureHttp = true,
        TimeSpan? attemptTimeout = null, int maxRetries = 3, string? trustedCertificatesPath = null)
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
        return new ServiceCollection().AddLogging().AddInfrastructure(configuration).BuildServiceProvider();
    }

    public static IDominoGateway Gateway(this ServiceProvider services) => services.CreateScope().ServiceProvider.GetRequiredService<IDominoGateway>();
}
