using Mediator;
using NotesSync.Application.Accounts.InstallOrganisation;
using NotesSync.Application.Accounts.UninstallOrganisation;
using NotesSync.Application.Accounts.UpdateLicences;
using NotesSync.Web.Authentication;
using NotesSync.Web.Problems;

namespace NotesSync.Web.Endpoints;

/// <summary>The hooks the Zoho Marketplace calls, each signed with the shared hook secret.</summary>
public static class Marketplace
{
    public sealed record InstallBody(string OrgId, string OrgName, Installer Installer, int Seats);
    public sealed record LicensesBody(string OrgId, int Seats);
    public sealed record UninstallBody(string OrgId);

    public static void MapMarketplace(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/hooks/marketplace")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(MarketplaceSignatureHandler.SchemeName).RequireAuthenticatedUser())
            .WithTags("Marketplace")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        hooks.MapPost("/install", async (InstallBody body, ISender sender, CancellationToken ct) =>
            (await sender.Send(new InstallOrganisation(body.OrgId, body.OrgName, body.Installer, body.Seats), ct))
                .ToHttp(installed => TypedResults.Ok(installed)))
            .ProducesValidationProblem();

        hooks.MapPost("/licenses", async (LicensesBody body, ISender sender, CancellationToken ct) =>
            (await sender.Send(new UpdateLicences(body.OrgId, body.Seats), ct)).ToHttp(TypedResults.NoContent))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        hooks.MapPost("/uninstall", async (UninstallBody body, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new UninstallOrganisation(body.OrgId), ct);
            return TypedResults.NoContent();
        }).ProducesValidationProblem();
    }
}
