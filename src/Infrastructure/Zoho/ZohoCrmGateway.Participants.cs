using System.Text.Json;
using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>Events' participants: which of their addresses are the CRM's contacts.</summary>
internal sealed partial class ZohoCrmGateway
{
    /// <summary>
    /// The contact id of each of <paramref name="emails"/> that one of <paramref name="ownerId"/>'s CRM contacts has (the
    /// oldest contact when several do), keyed by the address in lower case: one COQL query per 50 addresses. (That COQL
    /// compares the owner lookup by its id is inferred from its lookup comparisons; zoho.md says nothing of it.)
    /// </summary>
    public async Task<Result<IReadOnlyDictionary<string, string>>> FindContactsByEmailAsync(
        string orgId, string ownerId, IReadOnlyCollection<string> emails, CancellationToken ct)
    {
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in emails.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(ValuesPerQuery))
        {
            var selected = await SelectAsync(orgId,
                $"select id, Email from Contacts where Owner = {Quoted(ownerId)} and Email in ({string.Join(", ", chunk.Select(Quoted))}) order by Created_Time asc",
                row =>
                {
                    if (ZohoRecords.Text(row, "Email") is { Length: > 0 } email && ZohoRecords.Text(row, "id") is { } id)
                        found.TryAdd(email.ToLowerInvariant(), id);
                }, ct);
            if (selected.IsFailure) return selected.Error!;
        }
        return found;
    }
}
