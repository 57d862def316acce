using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotesSync.Domain.Accounts;

namespace NotesSync.Infrastructure.Persistence.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<SyncAccount>
{
    public void Configure(EntityTypeBuilder<SyncAccount> account)
    {
        account.ToTable("SyncAccounts");
        account.HasKey(a => a.Id);
        account.Property(a => a.Id).ValueGeneratedNever();
        account.Property(a => a.OrgId).HasMaxLength(64);
        account.HasIndex(a => a.OrgId).IsUnique();
        account.Property(a => a.OrgName).HasMaxLength(200);
        account.Property(a => a.ProtectedSigningSecret).HasMaxLength(4000);
        account.Property(a => a.Version).IsConcurrencyToken();
        account.Property(a => a.Zoho).AsJson().HasMaxLength(8000);
        account.Ignore(a => a.SeatsUsed);

        account.HasMany(a => a.Users).WithOne().HasForeignKey("AccountId").OnDelete(DeleteBehavior.Cascade);
        account.Navigation(a => a.Users).HasField("_users").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class LicensedUserConfiguration : IEntityTypeConfiguration<LicensedUser>
{
    public void Configure(EntityTypeBuilder<LicensedUser> user)
    {
        user.ToTable("LicensedUsers");
        user.HasKey(u => u.Id);
        user.Property(u => u.Id).ValueGeneratedNever();
        user.Property(u => u.OrgId).HasMaxLength(64);
        user.Property(u => u.UserId).HasMaxLength(64);
        user.Property(u => u.Email).HasMaxLength(254);
        user.Property(u => u.Name).HasMaxLength(200);
        user.Property(u => u.Role).HasConversion<string>().HasMaxLength(16);
        user.HasIndex(u => new { u.OrgId, u.UserId }).IsUnique();
        user.Ignore(u => u.IsAdmin);
    }
}
