using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NotesSync.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef` build each provider's context without starting the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteNotesSyncDbContext>
{
    public SqliteNotesSyncDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteNotesSyncDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerNotesSyncDbContext>
{
    public SqlServerNotesSyncDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerNotesSyncDbContext>().UseSqlServer("Server=.;Database=NotesSync;Trusted_Connection=True").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresNotesSyncDbContext>
{
    public PostgresNotesSyncDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresNotesSyncDbContext>().UseNpgsql("Host=localhost;Database=notessync").Options);
}
