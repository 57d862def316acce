using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotesSync.Domain.Links;
using NotesSync.Domain.Meetings;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;

namespace NotesSync.Infrastructure.Persistence.Configurations;

internal sealed class RecordLinkConfiguration : IEntityTypeConfiguration<RecordLink>
{
    public void Configure(EntityTypeBuilder<RecordLink> link)
    {
        link.ToTable("RecordLinks");
        link.HasKey(l => l.Id);
        link.Property(l => l.Id).ValueGeneratedNever();
        link.Property(l => l.OrgId).HasMaxLength(64);
        link.Property(l => l.UserId).HasMaxLength(64);
        link.Property(l => l.Module).HasConversion<string>().HasMaxLength(16);
        link.Property(l => l.NotesUnid).HasMaxLength(64);
        link.Property(l => l.CrmId).HasMaxLength(64);
        link.Property(l => l.Version).IsConcurrencyToken();
        link.Property<Dictionary<string, string>>("_fingerprints").HasColumnName("Fingerprints").AsJsonDictionary();
        link.Ignore(l => l.Fingerprints);
        // One pair per record on each side: a second link to either id is a duplicate in the making.
        link.HasIndex(l => new { l.OrgId, l.UserId, l.Module, l.NotesUnid }).IsUnique();
        link.HasIndex(l => new { l.OrgId, l.UserId, l.Module, l.CrmId }).IsUnique();
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> meeting)
    {
        meeting.ToTable("Meetings");
        meeting.HasKey(m => m.Id);
        meeting.Property(m => m.Id).ValueGeneratedNever();
        meeting.Property(m => m.OrgId).HasMaxLength(64);
        meeting.Property(m => m.UserId).HasMaxLength(64);
        meeting.Property(m => m.Subject).HasMaxLength(500);
        meeting.Property(m => m.Location).HasMaxLength(500);
        meeting.Property(m => m.NotesEventId).HasMaxLength(200);
        meeting.Property(m => m.CrmEventId).HasMaxLength(64);
        meeting.Property(m => m.IdempotencyKey).HasMaxLength(100);
        meeting.Property(m => m.ErrorCode).HasMaxLength(64);
        meeting.Property(m => m.ErrorMessage).HasMaxLength(1000);
        meeting.Ignore(m => m.State);
        // The same key twice is one meeting, even when both requests arrive at once (on different nodes).
        meeting.HasIndex(m => new { m.OrgId, m.UserId, m.IdempotencyKey }).IsUnique();
        meeting.Property(m => m.Version).IsConcurrencyToken();
        meeting.Property<List<Participant>>("_participants").HasColumnName("Participants").AsJson();
        meeting.Ignore(m => m.Participants);
        meeting.HasIndex(m => new { m.OrgId, m.UserId, m.CreatedAt });
    }
}

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public void Configure(EntityTypeBuilder<SyncRun> run)
    {
        run.ToTable("SyncRuns");
        run.HasKey(r => r.Id);
        run.Property(r => r.Id).ValueGeneratedNever();
        run.Property(r => r.OrgId).HasMaxLength(64);
        run.Property(r => r.UserId).HasMaxLength(64);
        run.Property(r => r.Status).HasConversion<string>().HasMaxLength(24);
        run.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(16);
        run.Property(r => r.Version).IsConcurrencyToken();
        run.Property(r => r.Error).AsJson().HasMaxLength(2000);
        run.Property<Dictionary<SyncModule, ModuleCounts>>("_modules").HasColumnName("Modules").AsJsonDictionary();
        run.Property<List<ConflictEntry>>("_conflicts").HasColumnName("Conflicts").AsJson();
        run.Property<List<RecordFailure>>("_failures").HasColumnName("Failures").AsJson();
        run.Property<List<SkippedItem>>("_skipped").HasColumnName("Skipped").AsJson();
        run.Property<List<RecordFailure>>("_warnings").HasColumnName("Warnings").AsJson();
        run.Ignore(r => r.Modules);
        run.Ignore(r => r.Conflicts);
        run.Ignore(r => r.Failures);
        run.Ignore(r => r.Skipped);
        run.Ignore(r => r.Warnings);
        run.Property(r => r.AppliesPreview);
        run.Ignore(r => r.IsActive);
        run.Property(r => r.ActiveUserKey).HasMaxLength(130);
        // The database, not a lock in one process, allows one queued-or-running run per user across all nodes.
        run.HasIndex(r => r.ActiveUserKey).IsUnique();
        run.HasIndex(r => new { r.OrgId, r.UserId, r.QueuedAt });
    }
}

internal sealed class PlannedActionConfiguration : IEntityTypeConfiguration<PlannedAction>
{
    public void Configure(EntityTypeBuilder<PlannedAction> action)
    {
        action.ToTable("PlannedActions");
        action.HasKey(a => a.Id);
        action.Property(a => a.Id).ValueGeneratedNever();
        action.Property(a => a.OrgId).HasMaxLength(64);
        action.Property(a => a.Module).HasConversion<string>().HasMaxLength(16);
        action.Property(a => a.Action).HasMaxLength(32);
        action.Property(a => a.NotesId).HasMaxLength(64);
        action.Property(a => a.NotesName).HasMaxLength(200);
        action.Property(a => a.CrmId).HasMaxLength(64);
        action.Property(a => a.CrmName).HasMaxLength(200);
        action.Property(a => a.MatchedBy).HasMaxLength(32);
        action.Property(a => a.Winner).HasConversion<string>().HasMaxLength(8);
        action.Property(a => a.Version).IsConcurrencyToken();
        action.Property<List<PlannedField>>("_fields").HasColumnName("Fields").AsJson();
        action.Ignore(a => a.Fields);
        action.Ignore(a => a.Key);
        // A plan is read a page at a time, in the order it was decided, filtered by module and action.
        action.HasIndex(a => new { a.RunId, a.Position });
    }
}
