using NotesSync.Domain.Common;

namespace NotesSync.Application.Meetings;

/// <summary>A CRM contact as the meeting screen shows it: who, and the address the invitation goes to.</summary>
public sealed record CrmContactCard(string Id, string Name, string? Email);

/// <summary>
/// The user's own CRM contacts, for picking meeting participants (Zoho in Infrastructure). Only contacts the user owns
/// are found: the same records the user's sync covers.
/// </summary>
public interface ICrmContactDirectory
{
    /// <summary>The user's contacts whose name or e-mail contains <paramref name="text"/>, at most <paramref name="max"/>.</summary>
    Task<Result<IReadOnlyList<CrmContactCard>>> SearchAsync(string orgId, string ownerId, string text, int max, CancellationToken ct);

    /// <summary>The user's contacts among <paramref name="ids"/> (another user's, or an unknown id, is not answered).</summary>
    Task<Result<IReadOnlyList<CrmContactCard>>> ByIdsAsync(string orgId, string ownerId, IReadOnlyList<string> ids, CancellationToken ct);
}
