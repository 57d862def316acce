using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotesSync.Application.Common;

namespace NotesSync.Infrastructure.Persistence;

/// <summary>A Marketplace hook's signature, kept while its timestamp is still accepted.</summary>
public sealed class ReceivedHook
{
    private ReceivedHook() { }

    public ReceivedHook(string signature, DateTimeOffset validUntil)
    {
        Signature = signature;
        ValidUntil = validUntil;
    }

    public string Signature { get; private set; } = "";
    public DateTimeOffset ValidUntil { get; private set; }
}

internal sealed class ReceivedHookConfiguration : IEntityTypeConfiguration<ReceivedHook>
{
    public void Configure(EntityTypeBuilder<ReceivedHook> hook)
    {
        hook.ToTable("ReceivedHooks");
        hook.HasKey(h => h.Signature);
        hook.Property(h => h.Signature).HasMaxLength(64);
        hook.HasIndex(h => h.ValidUntil);
    }
}

/// <summary>
/// The primary key on the signature is what decides, across nodes: of two deliveries of one hook, one insert wins.
/// Signatures past their window are deleted as new ones arrive.
/// </summary>
internal sealed class HookReplayGuard(NotesSyncDbContext db, TimeProvider clock) : IHookReplayGuard
{
    public async Task<bool> IsFirstDeliveryAsync(string signature, DateTimeOffset validUntil, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.ReceivedHooks.Where(h => h.ValidUntil < now).ExecuteDeleteAsync(ct);

        var hook = db.ReceivedHooks.Add(new ReceivedHook(signature, validUntil));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            hook.State = EntityState.Detached;
            // Only the signature's row already there makes it a replay; any other failure is the database's.
            if (await db.ReceivedHooks.AsNoTracking().AnyAsync(h => h.Signature == signature, ct)) return false;
            throw;
        }
        finally
        {
            hook.State = EntityState.Detached;
        }
    }
}
