using Microsoft.EntityFrameworkCore;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Infrastructure.Persistence;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>The shared access-token row of each organisation, with its lease (see <see cref="ZohoAccessToken"/>).</summary>
internal sealed class ZohoTokenStore(NotesSyncDbContext db)
{
    public async Task<ZohoAccessToken> LoadAsync(string orgId, CancellationToken ct)
    {
        var row = await db.ZohoAccessTokens.SingleOrDefaultAsync(t => t.OrgId == orgId, ct);
        if (row is not null) return row;
        row = new ZohoAccessToken(orgId);
        db.ZohoAccessTokens.Add(row);
        return row;
    }

    /// <summary>The row's version as stored now (null when there is none): one indexed read, nothing tracked.</summary>
    public Task<int?> VersionAsync(string orgId, CancellationToken ct) =>
        db.ZohoAccessTokens.AsNoTracking().Where(t => t.OrgId == orgId).Select(t => (int?)t.Version).SingleOrDefaultAsync(ct);

    /// <summary>
    /// Stores a token the caller was just given (a new grant), whatever the row holds: two grants completing at once,
    /// or a node refreshing meanwhile, may have inserted or changed the row since it was read; the newest write wins.
    /// </summary>
    public async Task StoreAsync(string orgId, string protectedToken, DateTimeOffset expiresAt, CancellationToken ct)
    {
        const int Attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            (await LoadAsync(orgId, ct)).Store(protectedToken, expiresAt);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException conflict)
            {
                db.ChangeTracker.Clear();
                if (attempt == Attempts)
                    throw new PersistenceConflictException($"The Zoho access token of {orgId} kept changing while it was stored.", conflict);
            }
        }
    }

    /// <summary>Saves the row; false when another node changed it first (it took the lease or stored a token).</summary>
    public async Task<bool> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public Task<SyncAccount?> AccountAsync(string orgId, CancellationToken ct) =>
        db.Accounts.Include(a => a.Users).SingleOrDefaultAsync(a => a.OrgId == orgId, ct);

    public Task SaveAsync(CancellationToken ct) => db.SaveChangesAsync(ct);
}
