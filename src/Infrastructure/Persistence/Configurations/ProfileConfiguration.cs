using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotesSync.Domain.Profiles;

namespace NotesSync.Infrastructure.Persistence.Configurations;

internal sealed class ProfileConfiguration : IEntityTypeConfiguration<SyncProfile>
{
    public void Configure(EntityTypeBuilder<SyncProfile> profile)
    {
        profile.ToTable("SyncProfiles");
        profile.HasKey(p => p.Id);
        profile.Property(p => p.Id).ValueGeneratedNever();
        profile.Property(p => p.OrgId).HasMaxLength(64);
        profile.Property(p => p.UserId).HasMaxLength(64);
        profile.HasIndex(p => new { p.OrgId, p.UserId }).IsUnique();
        profile.Property(p => p.Version).IsConcurrencyToken();
        profile.Property(p => p.Notes).AsJson().HasMaxLength(8000);
        profile.Property(p => p.Settings).AsJson().HasMaxLength(2000);

        profile.HasMany(p => p.Checkpoints).WithOne().HasForeignKey("ProfileId").OnDelete(DeleteBehavior.Cascade);
        profile.Navigation(p => p.Checkpoints).HasField("_checkpoints").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CheckpointConfiguration : IEntityTypeConfiguration<ModuleCheckpoint>
{
    public void Configure(EntityTypeBuilder<ModuleCheckpoint> checkpoint)
    {
        checkpoint.ToTable("ModuleCheckpoints");
        checkpoint.HasKey(c => c.Id);
        checkpoint.Property(c => c.Id).ValueGeneratedNever();
        checkpoint.Property(c => c.OrgId).HasMaxLength(64);
        checkpoint.Property(c => c.Module).HasConversion<string>().HasMaxLength(16);
        checkpoint.Property(c => c.NotesPosition).HasMaxLength(200);
        checkpoint.Property(c => c.CrmPosition).HasMaxLength(200);
        checkpoint.Property(c => c.NotesToRetry).AsJson();
        checkpoint.Property<Guid>("ProfileId");
        checkpoint.HasIndex("ProfileId", nameof(ModuleCheckpoint.Module)).IsUnique();
    }
}
