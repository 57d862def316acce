using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotesSync.Widget.Sandbox;

/// <summary>One CRM user the sandbox can sign in as.</summary>
public sealed record SandboxUser(string Id, string Name, string Email, string Role, string Locale);

/// <summary>
/// The extension's side of an installed organisation, as Zoho would run it: the install action (the signed
/// Marketplace hook, whose answer's signing secret Zoho keeps in an org variable) and the function that mints the
/// widget's token, built as widget/functions/notessync_widget_token.dg builds it.
/// </summary>
public sealed class SandboxOrganisation
{
    private readonly HttpClient _api;
    private readonly TimeSpan _tokenLifetime;
    private string _secret = "";
    private int _tokensMinted;

    private SandboxOrganisation(HttpClient api, TimeSpan tokenLifetime, string orgId, string orgName, SandboxUser admin, SandboxUser second)
    {
        _api = api;
        _tokenLifetime = tokenLifetime;
        OrgId = orgId;
        OrgName = orgName;
        Admin = admin;
        Second = second;
    }

    public string OrgId { get; }
    public string OrgName { get; }
    public SandboxUser Admin { get; }

    /// <summary>A second CRM user, licensed by the sandbox as soon as the admin has connected Zoho (a seat needs the CRM's user list).</summary>
    public SandboxUser Second { get; }

    public IReadOnlyList<SandboxUser> Users => [Admin, Second];

    /// <summary>How many times the token function ran (the widget asks once per page load, then before each expiry).</summary>
    public int TokensMinted => Volatile.Read(ref _tokensMinted);

    /// <summary>Reads the Zoho simulator's first organisation and installs the extension for it in the host.</summary>
    public static async Task<SandboxOrganisation> InstallAsync(SandboxOptions options, CancellationToken ct)
    {
        using var zoho = new HttpClient { BaseAddress = options.ZohoUrl };
        var orgs = await zoho.GetFromJsonAsync<JsonArray>("/_simulator/orgs", ct) ?? throw new InvalidOperationException("The Zoho simulator has no organisation.");
        var org = orgs[0]!;
        var adminId = (string)org["admin"]!["id"]!;
        SandboxUser User(JsonNode user, string role, string locale) =>
            new((string)user["id"]!, (string)user["name"]!, (string)user["email"]!, role, locale);
        var admin = User(org["admin"]!, "admin", "en_GB");
        var second = User(org["users"]!.AsArray().First(u => (string)u!["id"]! != adminId)!, "user", "fr_FR");

        var api = new HttpClient { BaseAddress = options.ApiUrl };
        var sandbox = new SandboxOrganisation(api, options.TokenLifetime, (string)org["orgId"]!, (string)org["companyName"]!, admin, second);
        await sandbox.RunInstallHookAsync(options, ct);
        return sandbox;
    }

    private async Task RunInstallHookAsync(SandboxOptions options, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new
        {
            orgId = OrgId,
            orgName = OrgName,
            installer = new { userId = Admin.Id, email = Admin.Email, name = Admin.Name },
            seats = options.Seats,
        });
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.HookSecret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/marketplace/install")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-NotesSync-Timestamp", timestamp);
        request.Headers.Add("X-NotesSync-Signature", "sha256=" + Convert.ToHexStringLower(mac));
        using var response = await _api.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
        _secret = (string)answer!["orgSigningSecret"]!;
    }

    /// <summary>
    /// The token function's answer for a user, as <c>ZOHO.CRM.FUNCTIONS.execute</c> returns it. The second user is given
    /// a seat first if the organisation can already give one.
    /// </summary>
    public async Task<object> RunTokenFunctionAsync(SandboxUser user, string? locale, CancellationToken ct)
    {
        if (user == Second) await LicenseSecondUserAsync(ct);
        Interlocked.Increment(ref _tokensMinted);
        var expiresAt = DateTimeOffset.UtcNow.Add(_tokenLifetime).ToUnixTimeSeconds();
        var token = Mint(user, locale ?? user.Locale, expiresAt);
        var output = JsonSerializer.Serialize(new { token, expiresAt });
        return new { code = "success", details = new { output, id = "sandbox" }, message = "function executed successfully" };
    }

    private async Task LicenseSecondUserAsync(CancellationToken ct)
    {
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        me.Headers.Authorization = new("Bearer", Mint(Second, Second.Locale, DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()));
        using var licensed = await _api.SendAsync(me, ct);
        if (licensed.IsSuccessStatusCode) return;

        // Refused (no seat left, Zoho not connected yet): the widget then shows the second user what a user without a seat sees.
        using var add = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = JsonContent.Create(new { userId = Second.Id }) };
        add.Headers.Authorization = new("Bearer", Mint(Admin, Admin.Locale, DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()));
        using var _ = await _api.SendAsync(add, ct);
    }

    /// <summary>The JWT exactly as the Deluge function builds it: base64url(header).base64url(claims).base64url(HMAC).</summary>
    private string Mint(SandboxUser user, string locale, long expiresAt)
    {
        const string header = """{"alg":"HS256","typ":"JWT"}""";
        var claims = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["org"] = OrgId,
            ["sub"] = user.Id,
            ["email"] = user.Email,
            ["name"] = user.Name,
            ["locale"] = locale,
            ["exp"] = expiresAt,
        });
        var signed = $"{Base64Url(Encoding.UTF8.GetBytes(header))}.{Base64Url(Encoding.UTF8.GetBytes(claims))}";
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), Encoding.ASCII.GetBytes(signed));
        return $"{signed}.{Base64Url(mac)}";
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
