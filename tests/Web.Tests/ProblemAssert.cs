using System.Net;
using System.Text.Json;

namespace NotesSync.Web.Tests;

public static class ProblemAssert
{
    /// <summary>Asserts the status and that the body is problem details carrying <paramref name="code"/>.</summary>
    public static async Task<JsonElement> IsProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, body.GetProperty("code").GetString());
        return body;
    }
}
