using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Application.Common;
using NotesSync.Application.Zoho;
using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>Where and with what to call an organisation's CRM.</summary>
internal sealed record ZohoAccess(string AccessToken, Uri ApiDomain);

/// <summary>
/// Hands out the organisation's access token: from memory while it lives, else from the shared row, else refreshed
/// by whichever node takes the row's lease. A refresh token Zoho no longer honours disconnects the organisation.
/// Memory holds the decrypted token with the row's version, and is used only while the row still has that version:
/// a token another node forgot or replaced (a new grant, an uninstall that deleted the row) is not used again once the
/// row was looked at, which is at most <see cref="RecheckEvery"/> after the last look (a re-sync's calls follow each
/// other by milliseconds: a database read before each one cost the benchmark's re-syncs half a second at 10,000).
/// </summary>
internal sealed class ZohoTokenProvider(
    IServiceScopeFactory scopes, ZohoOAuthClient oauth, ISecretProtector secrets, TimeProvider clock)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LeaseWait = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (ZohoAccess Access, DateTimeOffset ExpiresAt, int Version, DateTimeOffset CheckedAt)> _memory = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new();

    /// <summary>A token to use; never <paramref name="rejected"/>, the one Zoho just answered INVALID_TOKEN to.</summary>
    public async Task<Result<ZohoAccess>> GetAsync(string orgId, string? rejected, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_memory.TryGetValue(orgId, out var known) && known.ExpiresAt - Margin > now && known.Access.AccessToken != rejected)
        {
            if (now - known.CheckedAt < RecheckEvery) return known.Access;
            if (await StoredVersionAsync(orgId, ct) == known.Version)
            {
                _memory[orgId] = known with { CheckedAt = now };
                return known.Access;
            }

            _memory.TryRemove(orgId, out _);
        }

        var gate = _gates.GetOrAdd(orgId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var deadline = clock.GetUtcNow() + Lease + Lease;
            while (true)
            {
                var attempt = await TryGetAsync(orgId, rejected, ct);
                if (attempt is not null) return attempt;
                if (clock.GetUtcNow() > deadline) return ZohoApiErrors.Unavailable;
                await Task.Delay(LeaseWait, clock, ct);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public void ForgetAll(string orgId) => _memory.TryRemove(orgId, out _);

    /// <summary>One pass: a usable token, a refreshed one, an error, or null to wait for another node's refresh.</summary>
    private async Task<Result<ZohoAccess>?> TryGetAsync(string orgId, string? rejected, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ZohoTokenStore>();
        var account = await store.AccountAsync(orgId, ct);
        if (account?.Zoho is not { } zoho) return ZohoErrors.NotConnected;
        var apiDomain = new Uri(zoho.ApiDomain);

        var now = clock.GetUtcNow();
        var row = await store.LoadAsync(orgId, ct);
        if (row.IsUsable(now, Margin))
        {
            var token = secrets.Unprotect(SecretPurpose.ZohoAccessToken, SecretOwner.Organisation(orgId), row.ProtectedToken!);
            if (token != rejected) return Remember(orgId, new ZohoAccess(token, apiDomain), row.ExpiresAt!.Value, row.Version);
        }

        if (row.IsLeased(now)) return null;
        row.TakeLease(now + Lease);
        if (!await store.TrySaveAsync(ct)) return null;

        var refreshed = await oauth.RefreshAsync(
            new Uri(zoho.AccountsServer), secrets.Unprotect(SecretPurpose.ZohoRefreshToken, SecretOwner.Organisation(orgId), zoho.ProtectedRefreshToken), ct);
        if (refreshed.IsFailure)
        {
            row.Forget();
            if (refreshed.Error!.Code == ZohoErrors.NotConnected.Code) account.DisconnectZoho();
            await store.SaveAsync(ct);
            _memory.TryRemove(orgId, out _);
            return refreshed.Error!;
        }

        var expiresAt = clock.GetUtcNow() + refreshed.Value.Lifetime;
        row.Store(secrets.Protect(SecretPurpose.ZohoAccessToken, SecretOwner.Organisation(orgId), refreshed.Value.AccessToken), expiresAt);
        await store.SaveAsync(ct);
        return Remember(orgId, new ZohoAccess(refreshed.Value.AccessToken, refreshed.Value.ApiDomain ?? apiDomain), expiresAt, row.Version);
    }

    private ZohoAccess Remember(string orgId, ZohoAccess access, DateTimeOffset expiresAt, int version)
    {
        _memory[orgId] = (access, expiresAt, version, clock.GetUtcNow());
        return access;
    }

    private async Task<int?> StoredVersionAsync(string orgId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ZohoTokenStore>().VersionAsync(orgId, ct);
    }
}
