using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Common;

namespace NotesSync.Web.Tests;

/// <summary>The real host on its own SQLite file, with the Marketplace hook secret the tests sign with.</summary>
public sealed class NotesSyncApp : WebApplicationFactory<Program>
{
    public const string HookSecret = "test-hook-secret";
    /// <summary>The SQLite file; a restarted host is given the same one.</summary>
    public string DatabasePath { get; init; } = Path.Combine(Path.GetTempPath(), $"notessync-web-{Guid.NewGuid():N}.db");

    /// <summary>Whether disposing the host deletes its database (not when it is about to be restarted on it).</summary>
    public bool KeepDatabase { get; set; }

    public string Environment { get; init; } = "Development";

    /// <summary>Configuration a test sets on top of the defaults below.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>Whether the CRM's user list is <see cref="CrmUsers"/> rather than Zoho (the simulator) itself.</summary>
    public bool FakeCrmUsers { get; init; } = true;

    /// <summary>Services a test puts in place of the host's own, registered last.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>The CRM users Zoho would list for each organisation.</summary>
    public FakeCrmUsers CrmUsers { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:NotesSync", $"Data Source={DatabasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Marketplace:HookSecret", HookSecret);
        // The simulators listen on plain http on loopback.
        builder.UseSetting("Notes:AllowInsecureHttp", "true");
        builder.UseSetting("Notes:AllowPrivateNetworks", "true");
        // Outside Development the host refuses a key ring no certificate protects.
        if (Environment != "Development") builder.UseSetting("DataProtection:CertificatePath", KeyRingCertificate.Path);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        // The collector's own rule: appsettings' "Logging:LogLevel" (Information) would otherwise hold it back from
        // the Trace records, such as the HTTP clients' request headers, that a test of secrets in logs must read.
        builder.ConfigureLogging(logging => logging.AddFakeLogging().AddFilter<FakeLoggerProvider>(null, LogLevel.Trace));
        if (FakeCrmUsers) builder.ConfigureTestServices(services => services.AddSingleton<ICrmUserDirectory>(CrmUsers));
        if (TestServices is not null) builder.ConfigureTestServices(TestServices);
    }

    /// <summary>Every log record the host wrote, at every level.</summary>
    public FakeLogCollector Logs => Services.GetRequiredService<FakeLogCollector>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (!KeepDatabase) File.Delete(DatabasePath);
    }

    private readonly Lock _hookClock = new();
    private long _lastHookSecond = long.MaxValue;

    /// <summary>
    /// Sends a signed hook. Each is its own delivery, as the Marketplace signs each one: without <paramref name="at"/>
    /// its timestamp is now, or a second before the previous hook's when that was this same second, so two identical
    /// bodies sent in a row are two deliveries, not a replay.
    /// </summary>
    public async Task<HttpResponseMessage> HookAsync(
        string path, object body, string? secret = HookSecret, DateTimeOffset? at = null)
    {
        if (at is null)
        {
            lock (_hookClock)
            {
                _lastHookSecond = Math.Min(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), _lastHookSecond - 1);
                at = DateTimeOffset.FromUnixTimeSeconds(_lastHookSecond);
            }
        }

        var json = System.Text.Json.JsonSerializer.Serialize(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/marketplace/{path}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        var timestamp = at.Value.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (secret is not null)
        {
            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{json}"));
            request.Headers.Add("X-NotesSync-Signature", "sha256=" + Convert.ToHexStringLower(mac));
            request.Headers.Add("X-NotesSync-Timestamp", timestamp);
        }

        return await CreateClient().SendAsync(request);
    }

    /// <summary>Installs an organisation whose installer is user "{orgId}-admin" (or the id given); answers its signing secret.</summary>
    public async Task<string> InstallAsync(string orgId, int seats = 3, string? adminUserId = null)
    {
        var response = await HookAsync("install", new
        {
            orgId, orgName = $"Org {orgId}",
            installer = new { userId = adminUserId ?? $"{orgId}-admin", email = $"admin@{orgId}.example", name = "Ann Admin" },
            seats,
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>();
        return body!["orgSigningSecret"];
    }

    public HttpClient ClientFor(string secret, string orgId, string userId, DateTimeOffset? expires = null)
    {
        var client = CreateClient();
        var token = HandBuiltToken.For(secret, orgId, userId, expires ?? DateTimeOffset.UtcNow.AddMinutes(30));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

public sealed class FakeCrmUsers : ICrmUserDirectory
{
    private readonly Dictionary<string, List<ZohoUser>> _users = [];

    public void Add(string orgId, params ZohoUser[] users)
    {
        if (!_users.TryGetValue(orgId, out var list)) _users[orgId] = list = [];
        list.AddRange(users);
    }

    public Task<Result<IReadOnlyList<ZohoUser>>> ListUsersAsync(string orgId, CancellationToken ct) =>
        Task.FromResult<Result<IReadOnlyList<ZohoUser>>>(
            _users.TryGetValue(orgId, out var list) ? list : Result<IReadOnlyList<ZohoUser>>.Success([]));
}
