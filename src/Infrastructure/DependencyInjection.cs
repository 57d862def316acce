using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Application.Common;
using NotesSync.Application.Sync;
using NotesSync.Infrastructure.Domino;
using NotesSync.Infrastructure.Jobs;
using NotesSync.Infrastructure.Persistence;
using NotesSync.Infrastructure.Security;
using NotesSync.Infrastructure.Zoho;

namespace NotesSync.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDatabase(configuration);

        var dataProtection = services.AddDataProtection()
            .SetApplicationName("NotesSync")
            .PersistKeysToDbContext<NotesSyncDbContext>();
        // The key ring sits in the same database as the ciphertexts: in production a certificate encrypts it,
        // so a copy of the database alone reveals no password or token.
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
            dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(
                certificatePath, configuration["DataProtection:CertificatePassword"]));
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();

        services.AddScoped(typeof(IRepository<>), typeof(Repository<>));
        services.AddScoped(typeof(IReadRepository<>), typeof(ReadRepository<>));
        services.AddScoped<IOrganisationPurge, OrganisationPurge>();
        services.AddScoped<IRecordLinkStore, RecordLinkStore>();
        services.AddScoped<IHookReplayGuard, HookReplayGuard>();
        services.AddSingleton<IRunHeartbeat, RunHeartbeat>();
        services.AddDomino(configuration);
        services.AddZoho(configuration);
        services.AddJobs(configuration);
        return services;
    }

    private static void AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("NotesSync") ?? "Data Source=notessync.db";

        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            services.AddDbContext<NotesSyncDbContext, SqliteNotesSyncDbContext>(o => o.UseSqlite(connectionString));
        else if (provider.Equals("SqlServer", StringComparison.OrdinalIgnoreCase))
            services.AddDbContext<NotesSyncDbContext, SqlServerNotesSyncDbContext>(
                o => o.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure()));
        else if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
            services.AddDbContext<NotesSyncDbContext, PostgresNotesSyncDbContext>(
                o => o.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure()));
        else
            throw new InvalidOperationException(
                $"Database:Provider '{provider}' is not supported: use Sqlite, SqlServer or Postgres.");
    }
}
