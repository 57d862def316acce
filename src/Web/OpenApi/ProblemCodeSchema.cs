using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace NotesSync.Web.OpenApi;

/// <summary>
/// The <c>code</c> every problem carries is an extension member, invisible to the schema the framework derives
/// from <see cref="ProblemDetails"/>; clients branch on it (api.md), so the document names it.
/// </summary>
internal static class ProblemCodeSchema
{
    public static Task AddCode(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (!context.JsonTypeInfo.Type.IsAssignableTo(typeof(ProblemDetails))) return Task.CompletedTask;

        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["code"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "Stable, machine-readable reason, e.g. sync-running, not-licensed, validation-failed.",
        };
        (schema.Required ??= new HashSet<string>()).Add("code");
        return Task.CompletedTask;
    }
}
