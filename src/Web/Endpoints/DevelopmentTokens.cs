using Microsoft.AspNetCore.Http.HttpResults;
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
    public sealed record Minted(string Token);

    public static void MapDevelopmentTokens(this IEndpointRouteBuilder app) =>
        app.MapPost("/dev/tokens", async Task<Results<Ok<Minted>, ProblemHttpResult>> (
            MintBody body, IReadRepository<SyncAccount> accounts, ISecretProtector secrets, TimeProvider clock,
            CancellationToken ct) =>
        {
            var account = await accounts.FirstOrDefaultAsync(new AccountByOrg(body.OrgId ?? ""), ct);
            if (account is null)
                return TypedResults.Problem(statusCode: 404, detail: "Install the organisation first.",
                    extensions: new Dictionary<string, object?> { ["code"] = "unknown-organisation" });

            var user = account.FindUser(body.UserId ?? "");
            var minutes = Math.Clamp(body.Minutes ?? 60, 1, 60);
            var token = WidgetToken.Mint(
                secrets.Unprotect(SecretPurpose.OrgSigningSecret, SecretOwner.Organisation(account.OrgId), account.ProtectedSigningSecret),
                account.OrgId, body.UserId ?? "", body.Email ?? user?.Email ?? "", body.Name ?? user?.Name ?? "",
                body.Locale ?? "en", clock.GetUtcNow().AddMinutes(minutes));
            return TypedResults.Ok(new Minted(token));
        }).WithTags("Development").ExcludeFromDescription();
}
