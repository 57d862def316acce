using System.Globalization;
using NotesSync.Simulators.Zoho;

namespace NotesSync.Benchmarks;

/// <summary>The host's settings every benchmark gives it, as run.sh does: Development, pointed at the simulators.</summary>
public static class HostSettings
{
    /// <summary>Everything but the database and the jobs' storage, which each benchmark chooses.</summary>
    public static Dictionary<string, string> PointedAt(
        ZohoSimulator zoho, ZohoOAuthClient client, Uri redirect, int notesConcurrency, int zohoConcurrency) => new()
    {
        ["Marketplace:HookSecret"] = Bench.HookSecret,
        ["Notes:AllowInsecureHttp"] = "true",
        ["Notes:AllowPrivateNetworks"] = "true",
        ["Notes:MaxConcurrency"] = notesConcurrency.ToString(CultureInfo.InvariantCulture),
        ["Zoho:AccountsUrl"] = zoho.AccountsUri.ToString(),
        ["Zoho:ClientId"] = client.ClientId,
        ["Zoho:ClientSecret"] = client.ClientSecret,
        ["Zoho:RedirectUri"] = redirect.ToString(),
        ["Zoho:MaxConcurrencyPerOrg"] = zohoConcurrency.ToString(CultureInfo.InvariantCulture),
        // Four Information lines per outgoing call would measure the console, not the engine.
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
    };
}
