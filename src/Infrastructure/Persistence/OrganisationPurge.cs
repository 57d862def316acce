using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using NotesSync.Application.Common;
using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Persistence;

/// <summary>
/// Uninstall: deletes the organisation's rows from every table that has an org id, found from the EF model so
/// that a table added later is purged too, dependents before their principals, in one transaction.
/// </summary>
internal sealed class OrganisationPurge(NotesSyncDbContext db) : IOrganisationPurge
{
    private static readonly MethodInfo DeleteMethod =
        typeof(OrganisationPurge).GetMethod(nameof(DeleteRowsOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    public async Task PurgeAsync(string orgId, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var type in OrganisationOwnedTypes(db.Model))
                await (Task<int>)DeleteMethod.MakeGenericMethod(type.ClrType).Invoke(null, [db, orgId, ct])!;
            await transaction.CommitAsync(ct);
        });
        db.ChangeTracker.Clear();
    }

    /// <summary>Every table-mapped type with an org id, those with foreign keys to others first.</summary>
    internal static IEnumerable<IEntityType> OrganisationOwnedTypes(IModel model) =>
        model.GetEntityTypes()
            .Where(t => !t.IsOwned() && typeof(IOrganisationOwned).IsAssignableFrom(t.ClrType))
            .OrderByDescending(Depth);

    private static int Depth(IEntityType type) =>
        type.GetForeignKeys().Select(fk => fk.PrincipalEntityType).Where(p => p != type)
            .Select(p => 1 + Depth(p)).DefaultIfEmpty(0).Max();

    private static Task<int> DeleteRowsOf<T>(NotesSyncDbContext db, string orgId, CancellationToken ct) where T : class =>
        db.Set<T>().Where(e => EF.Property<string>(e, nameof(IOrganisationOwned.OrgId)) == orgId).ExecuteDeleteAsync(ct);
}
