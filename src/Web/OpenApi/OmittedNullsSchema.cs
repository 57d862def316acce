using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace NotesSync.Web.OpenApi;

/// <summary>
/// The host leaves a null member out of its JSON (<c>WhenWritingNull</c>, Program.cs), yet the framework lists
/// every constructor parameter of a record as required. A member that may be null is therefore optional: a run
/// that has not failed has no <c>error</c> at all, and a client generated from the document must not expect one.
/// </summary>
internal static class OmittedNullsSchema
{
    public static Task MakeNullableMembersOptional(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (schema.Required is not { Count: > 0 } required) return Task.CompletedTask;

        // The serializer's own contract knows which members are declared nullable (T? and Nullable<T>).
        foreach (var member in context.JsonTypeInfo.Properties)
            if (member.IsGetNullable) required.Remove(member.Name);
        return Task.CompletedTask;
    }
}
