using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Web.Authentication;

namespace NotesSync.Web.Endpoints;

/// <summary>
/// In Zoho, the extension's server-side function mints the widget's token. The sandbox and the tests have no
/// such function, so in Development only this endpoint plays its part. It is never mapped in any other environment.
/// </summary>
public static class DevelopmentTokens
{
    public sealed record MintBody(string OrgId, string UserId, string? Email, string? Name, string? Locale, int? Minutes);

    public static void MapDevelopmentTokens(this IEndpointRouteBuilder app) =>
        app.MapPost("/dev/tokens", async (
            MintBody body, IReadRepository<SyncAccount> accounts, ISecretProtector secrets, TimeProvider clock,
            CancellationToken ct) =>
        {
            var account = await accounts.FirstOrDefaultAsync(new AccountByOrg(body.OrgId ?? ""), ct);
            if (account is null)
                return Results.Problem(statusCode: 404, detail: "Install the organisation first.",
                    extensions: new Dictionary<string, object?> { ["code"] = "unknown-organisation" });

            var user = account.FindUser(body.UserId ?? "");
            var minutes = Math.Clamp(body.Minutes ?? 60, 1, 60);
            var token = WidgetToken.Mint(
                secrets.Unprotect(SecretPurpose.OrgSigningSecret, account.ProtectedSigningSecret),
                account.OrgId, body.UserId ?? "", body.Email ?? user?.Email ?? "", body.Name ?? user?.Name ?? "",
                body.Locale ?? "en", clock.GetUtcNow().AddMinutes(minutes));
            return Results.Ok(new { token });
        }).WithTags("Development").ExcludeFromDescription();
}
