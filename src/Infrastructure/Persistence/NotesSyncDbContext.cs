using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Links;
using NotesSync.Domain.Meetings;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;

namespace NotesSync.Infrastructure.Persistence;

/// <summary>
/// The one database of NotesSync. Provider-neutral by design: each provider has a subclass only so that it can
/// keep its own migrations (<see cref="SqliteNotesSyncDbContext"/>, <see cref="SqlServerNotesSyncDbContext"/>,
/// <see cref="PostgresNotesSyncDbContext"/>).
/// </summary>
public abstract class NotesSyncDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<SyncAccount> Accounts => Set<SyncAccount>();
    public DbSet<LicensedUser> LicensedUsers => Set<LicensedUser>();
    public DbSet<SyncProfile> Profiles => Set<SyncProfile>();
    public DbSet<ModuleCheckpoint> Checkpoints => Set<ModuleCheckpoint>();
    public DbSet<RecordLink> RecordLinks => Set<RecordLink>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();
    public DbSet<PlannedAction> PlannedActions => Set<PlannedAction>();
    public DbSet<Zoho.ZohoAccessToken> ZohoAccessTokens => Set<Zoho.ZohoAccessToken>();
    public DbSet<Zoho.ZohoCallSlot> ZohoCallSlots => Set<Zoho.ZohoCallSlot>();

    /// <summary>Marketplace hooks seen within their time window: the Marketplace's, not an organisation's.</summary>
    public DbSet<ReceivedHook> ReceivedHooks => Set<ReceivedHook>();

    /// <summary>The application's Data Protection key ring: shared by every organisation, so no org id.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NotesSyncDbContext).Assembly);
}

public sealed class SqliteNotesSyncDbContext(DbContextOptions<SqliteNotesSyncDbContext> options) : NotesSyncDbContext(options)
{
    /// <summary>
    /// SQLite has no instant type and cannot order or compare EF's text form of DateTimeOffset, so instants are
    /// stored as UTC ticks. Every instant NotesSync keeps is UTC anyway.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
}

public sealed class SqlServerNotesSyncDbContext(DbContextOptions<SqlServerNotesSyncDbContext> options) : NotesSyncDbContext(options);

/// <summary>
/// PostgreSQL, the shared database that runs where SQL Server cannot. Npgsql stores a DateTimeOffset as
/// <c>timestamp with time zone</c>, an instant without its offset, and refuses to write one whose offset is not
/// zero; Domino's times carry the server's offset, so instants are written as UTC (what SQLite's ticks keep too).
/// </summary>
public sealed class PostgresNotesSyncDbContext(DbContextOptions<PostgresNotesSyncDbContext> options) : NotesSyncDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
}

internal sealed class UtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

internal sealed class ToUtcConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(), v => v);
