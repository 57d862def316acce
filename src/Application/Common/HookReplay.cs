namespace NotesSync.Application.Common;

/// <summary>
/// Marketplace hooks seen already (the database in Infrastructure, shared by every node): a signed hook is carried out
/// once, so a captured call replayed within its time window (a <c>/licenses</c> that rolls seats back) is refused.
/// </summary>
public interface IHookReplayGuard
{
    /// <summary>
    /// Notes the hook's signature until <paramref name="validUntil"/> (after which its timestamp is refused anyway);
    /// false when that signature was seen before, on any node.
    /// </summary>
    Task<bool> IsFirstDeliveryAsync(string signature, DateTimeOffset validUntil, CancellationToken ct);
}
