using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotesSync.Infrastructure.Zoho;

namespace NotesSync.Infrastructure.Persistence.Configurations;

internal sealed class ZohoCallSlotConfiguration : IEntityTypeConfiguration<ZohoCallSlot>
{
    public void Configure(EntityTypeBuilder<ZohoCallSlot> slot)
    {
        slot.ToTable("ZohoCallSlots");
        slot.HasKey(s => new { s.OrgId, s.Slot });
        slot.Property(s => s.OrgId).HasMaxLength(64);
        slot.Property(s => s.Slot).ValueGeneratedNever();
        slot.Property(s => s.Holder).HasMaxLength(128);
    }
}
