using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using NotesSync.Application;
using NotesSync.Application.Common;
using NotesSync.Infrastructure;
using NotesSync.Infrastructure.Persistence;
using NotesSync.Web.Authentication;
using NotesSync.Web.Endpoints;
using NotesSync.Web.Health;
using NotesSync.Web.Hosting;
using NotesSync.Web.OpenApi;
using NotesSync.Web.Problems;
using NotesSync.Web.RateLimiting;
using NotesSync.Web.Widget;

var builder = WebApplication.CreateBuilder(args);
builder.RefuseUnsafeSettings();

builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration);

builder.Services.Configure<JsonOptions>(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
});
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemCodes.AddDefaultCode);
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi(o => o
    .AddSchemaTransformer(ProblemCodeSchema.AddCode)
    .AddSchemaTransformer(OmittedNullsSchema.MakeNullableMembersOptional));

builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
builder.Services.AddOrganisationSigningKeys();
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer()
    .AddScheme<MarketplaceSignatureOptions, MarketplaceSignatureHandler>(
        MarketplaceSignatureHandler.SchemeName, o => o.HookSecret = builder.Configuration["Marketplace:HookSecret"]);
builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
    .Configure<IHttpContextAccessor>(WidgetToken.Configure);
builder.Services.AddAuthorization();
builder.Services.AddNotesSignInLimits(builder.Configuration);
builder.Services.AddWidgetCors(builder.Configuration);
// Every node runs workers that take sync runs from the shared queue (Jobs:Storage), and a few for short jobs.
builder.Services.AddJobServers(builder.Configuration);

builder.Services.AddHealthChecks()
    .AddDbContextCheck<NotesSyncDbContext>("database", tags: ["ready"])
    .AddCheck<MigrationsAppliedCheck>("migrations", tags: ["ready"]);

var app = builder.Build();

if (DatabaseStartup.IsMigrateCommand(args))
{
    // Disposing the host flushes the console logger's queue: without it the process may exit before the command's
    // one line ("Database migrated…") is written.
    await using (app) return await app.MigrateAsync();
}
await app.PrepareAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCors(WidgetCors.PolicyName);
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

if (!app.Environment.IsProduction()) app.MapOpenApi();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
app.MapMarketplace();
// Every widget call may meet a missing or expired token (401) and a caller without a seat (403 not-licensed).
var api = app.MapGroup("/api").RequireAuthorization()
    .ProducesProblem(StatusCodes.Status401Unauthorized)
    .ProducesProblem(StatusCodes.Status403Forbidden);
api.MapUsers();
api.MapNotes();
api.MapZoho();
api.MapSync();
api.MapMeetings();
app.MapZohoCallback();
if (app.Environment.IsDevelopment()) app.MapDevelopmentTokens();

await app.RunAsync();
return 0;

/// <summary>The web host's entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
