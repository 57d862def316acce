using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotesSync.Infrastructure.Zoho;

namespace NotesSync.Infrastructure.Persistence.Configurations;

internal sealed class ZohoAccessTokenConfiguration : IEntityTypeConfiguration<ZohoAccessToken>
{
    public void Configure(EntityTypeBuilder<ZohoAccessToken> token)
    {
        token.ToTable("ZohoAccessTokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.Id).ValueGeneratedNever();
        token.Property(t => t.OrgId).HasMaxLength(64);
        token.HasIndex(t => t.OrgId).IsUnique();
        token.Property(t => t.ProtectedToken).HasMaxLength(4000);
        token.Property(t => t.Version).IsConcurrencyToken();
    }
}
