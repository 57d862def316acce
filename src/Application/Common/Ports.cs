using Ardalis.Specification;
using NotesSync.Domain.Common;

namespace NotesSync.Application.Common;

/// <summary>Loads and saves whole aggregates; queries are specifications.</summary>
public interface IRepository<T> : IRepositoryBase<T> where T : class, IAggregateRoot;

/// <summary>Reads aggregates without tracking them, for queries.</summary>
public interface IReadRepository<T> : IReadRepositoryBase<T> where T : class, IAggregateRoot;

/// <summary>What a secret is for: each purpose has its own key, so one ciphertext cannot be replayed as another.</summary>
public enum SecretPurpose
{
    OrgSigningSecret,
    NotesPassword,
    ZohoRefreshToken,
    ZohoAccessToken,
}

/// <summary>
/// The row a secret belongs to: its organisation, and its user for a user's own secret. A ciphertext is bound to its
/// owner, so one copied into another organisation's or user's row does not decrypt there.
/// </summary>
public sealed record SecretOwner(string OrgId, string? UserId)
{
    public static SecretOwner Organisation(string orgId) => new(orgId, null);

    public static SecretOwner User(string orgId, string userId) => new(orgId, userId);
}

/// <summary>Encrypts secrets at rest (Data Protection in Infrastructure), each bound to its purpose and its owner.</summary>
public interface ISecretProtector
{
    string Protect(SecretPurpose purpose, SecretOwner owner, string secret);

    /// <summary>The secret in clear; a <c>CryptographicException</c> when it was protected for another purpose or owner.</summary>
    string Unprotect(SecretPurpose purpose, SecretOwner owner, string protectedSecret);
}

/// <summary>Who is calling: the claims of the widget token, already verified.</summary>
public interface ICurrentUser
{
    string OrgId { get; }
    string UserId { get; }
    string Email { get; }
    string Name { get; }
    string Locale { get; }
}

/// <summary>Deletes every row an organisation owns, in every table, in one transaction.</summary>
public interface IOrganisationPurge
{
    Task PurgeAsync(string orgId, CancellationToken ct);
}

/// <summary>The users of a Zoho CRM organisation, read from Zoho.</summary>
public interface ICrmUserDirectory
{
    /// <summary>The organisation's active CRM users; fails with <c>zoho-not-connected</c> before an admin connected Zoho.</summary>
    Task<Result<IReadOnlyList<Domain.Accounts.ZohoUser>>> ListUsersAsync(string orgId, CancellationToken ct);

    /// <summary>
    /// The CRM user's time zone (an IANA id such as "Europe/Paris", Zoho's <c>time_zone</c>), or null when the CRM
    /// does not say: a user's "today" and their all-day events are in it.
    /// </summary>
    Task<Result<string?>> TimeZoneOfAsync(string orgId, string userId, CancellationToken ct) => Task.FromResult(Result.Success<string?>(null));
}
