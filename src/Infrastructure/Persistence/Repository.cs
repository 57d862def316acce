using Ardalis.Specification;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NotesSync.Application.Common;
using NotesSync.Domain.Common;
using NotesSync.Infrastructure.Persistence.Specifications;

namespace NotesSync.Infrastructure.Persistence;

/// <summary>Loads and saves aggregates through specifications; tracks what it loads.</summary>
internal class Repository<T>(NotesSyncDbContext db) : IRepository<T>, IReadRepository<T>
    where T : class, IAggregateRoot
{
    protected NotesSyncDbContext Db { get; } = db;

    protected virtual IQueryable<T> Source => Db.Set<T>();

    public async Task<T> AddAsync(T entity, CancellationToken cancellationToken = default)
    {
        Db.Set<T>().Add(entity);
        await SaveChangesAsync(cancellationToken);
        return entity;
    }

    public async Task<IEnumerable<T>> AddRangeAsync(IEnumerable<T> entities, CancellationToken cancellationToken = default)
    {
        var list = entities.ToList();
        Db.Set<T>().AddRange(list);
        await SaveChangesAsync(cancellationToken);
        return list;
    }

    public async Task<int> UpdateAsync(T entity, CancellationToken cancellationToken = default)
    {
        Db.Set<T>().Update(entity);
        return await SaveChangesAsync(cancellationToken);
    }

    public async Task<int> UpdateRangeAsync(IEnumerable<T> entities, CancellationToken cancellationToken = default)
    {
        Db.Set<T>().UpdateRange(entities);
        return await SaveChangesAsync(cancellationToken);
    }

    public async Task<int> DeleteAsync(T entity, CancellationToken cancellationToken = default)
    {
        Db.Set<T>().Remove(entity);
        return await SaveChangesAsync(cancellationToken);
    }

    public async Task<int> DeleteRangeAsync(IEnumerable<T> entities, CancellationToken cancellationToken = default)
    {
        Db.Set<T>().RemoveRange(entities);
        return await SaveChangesAsync(cancellationToken);
    }

    public async Task<int> DeleteRangeAsync(ISpecification<T> specification, CancellationToken cancellationToken = default)
    {
        Db.Set<T>().RemoveRange(await Query(specification).ToListAsync(cancellationToken));
        return await SaveChangesAsync(cancellationToken);
    }

    /// <summary>Saves, and turns a lost race (concurrency token or unique key) into the port's own exception.</summary>
    public Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Saves.SaveChangesAsync(Db, cancellationToken);

    public async Task<T?> GetByIdAsync<TId>(TId id, CancellationToken cancellationToken = default) where TId : notnull =>
        await Db.Set<T>().FindAsync([id], cancellationToken);

    public Task<T?> FirstOrDefaultAsync(ISpecification<T> specification, CancellationToken cancellationToken = default) =>
        Query(specification).FirstOrDefaultAsync(cancellationToken);

    public Task<TResult?> FirstOrDefaultAsync<TResult>(
        ISpecification<T, TResult> specification, CancellationToken cancellationToken = default) =>
        Query(specification).FirstOrDefaultAsync(cancellationToken);

    public Task<T?> SingleOrDefaultAsync(
        ISingleResultSpecification<T> specification, CancellationToken cancellationToken = default) =>
        Query(specification).SingleOrDefaultAsync(cancellationToken);

    public Task<TResult?> SingleOrDefaultAsync<TResult>(
        ISingleResultSpecification<T, TResult> specification, CancellationToken cancellationToken = default) =>
        Query(specification).SingleOrDefaultAsync(cancellationToken);

    public Task<List<T>> ListAsync(CancellationToken cancellationToken = default) => Source.ToListAsync(cancellationToken);

    public async Task<List<T>> ListAsync(ISpecification<T> specification, CancellationToken cancellationToken = default)
    {
        var list = await Query(specification).ToListAsync(cancellationToken);
        return specification.PostProcessingAction is { } post ? [.. post(list)] : list;
    }

    public async Task<List<TResult>> ListAsync<TResult>(
        ISpecification<T, TResult> specification, CancellationToken cancellationToken = default)
    {
        var list = await Query(specification).ToListAsync(cancellationToken);
        return specification.PostProcessingAction is { } post ? [.. post(list)] : list;
    }

    public Task<int> CountAsync(ISpecification<T> specification, CancellationToken cancellationToken = default) =>
        SpecificationEvaluator.Apply(Source, specification, criteriaOnly: true).CountAsync(cancellationToken);

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => Source.CountAsync(cancellationToken);

    public Task<bool> AnyAsync(ISpecification<T> specification, CancellationToken cancellationToken = default) =>
        SpecificationEvaluator.Apply(Source, specification, criteriaOnly: true).AnyAsync(cancellationToken);

    public Task<bool> AnyAsync(CancellationToken cancellationToken = default) => Source.AnyAsync(cancellationToken);

    public IAsyncEnumerable<T> AsAsyncEnumerable(ISpecification<T> specification) =>
        Query(specification).AsAsyncEnumerable();

    private IQueryable<T> Query(ISpecification<T> specification) => SpecificationEvaluator.Apply(Source, specification);

    private IQueryable<TResult> Query<TResult>(ISpecification<T, TResult> specification) =>
        SpecificationEvaluator.Apply(Source, specification);
}

/// <summary>The one way NotesSync saves: a lost race (concurrency token or unique key) becomes the port's own exception.</summary>
internal static class Saves
{
    public static async Task<int> SaveChangesAsync(DbContext db, CancellationToken ct)
    {
        try
        {
            return await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new PersistenceConflictException("Someone else changed this at the same time; try again.", ex);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            throw new PersistenceConflictException("This already exists.", ex);
        }
    }

    private static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555, // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
        SqlException sql => sql.Number is 2601 or 2627,                            // duplicate key in a unique index or constraint
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

/// <summary>The same queries, untracked: for query handlers that only read.</summary>
internal sealed class ReadRepository<T>(NotesSyncDbContext db) : Repository<T>(db) where T : class, IAggregateRoot
{
    protected override IQueryable<T> Source => Db.Set<T>().AsNoTracking();
}
