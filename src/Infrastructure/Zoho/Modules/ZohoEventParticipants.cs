using System.Text.Json.Nodes;
using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Zoho.Modules;

/// <summary>
/// An attendee whose address is one of the user's own CRM contacts is written as that contact (<c>{"type":"contact",
/// "participant":id}</c>), any other address as an e-mail participant: one lookup for every event of a batch.
/// </summary>
internal static class ZohoEventParticipants
{
    private const string Participants = "Participants";

    public static async Task<Result> ResolveAsync(IZohoCrm zoho, string orgId, string userId, IEnumerable<ZohoWrite> writes, CancellationToken ct)
    {
        var lists = writes.Select(w => w.Fields).OfType<Dictionary<string, string?>>()
            .Where(f => f.GetValueOrDefault(Participants) is { Length: > 2 })
            .Select(f => (Fields: f, List: JsonNode.Parse(f[Participants]!) as JsonArray)).Where(l => l.List is not null).ToList();
        var emails = lists.SelectMany(l => l.List!.OfType<JsonObject>())
            .Select(p => p["Email"]?.GetValue<string>()).OfType<string>().ToList();
        if (emails.Count == 0) return Result.Success();

        var contacts = await zoho.FindContactsByEmailAsync(orgId, userId, emails, ct);
        if (contacts.IsFailure) return contacts.Error!;
        foreach (var (fields, list) in lists)
        {
            var resolved = list!.OfType<JsonObject>().Select(p => p["Email"]?.GetValue<string>() is { } email && contacts.Value.TryGetValue(email, out var id)
                ? new JsonObject { ["type"] = "contact", ["participant"] = id }
                : (JsonNode)p.DeepClone());
            fields[Participants] = new JsonArray([.. resolved]).ToJsonString();
        }
        return Result.Success();
    }
}
