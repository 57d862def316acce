using NotesSync.Domain.Links;
using NotesSync.Domain.Meetings;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;

namespace NotesSync.Domain.Tests;

public class AggregateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    // "Changed since the link" has one definition, the sync's: a side holding this one field, compared with the link.
    private static bool Changed(RecordLink link, SyncSide side, string field, string? value) =>
        SideState.Present(new Dictionary<string, string?> { [field] = value }).ChangedSince(link, side);

    private static bool ChangedOnEitherSide(RecordLink link, string field, string? value) =>
        Changed(link, SyncSide.Notes, field, value) || Changed(link, SyncSide.Crm, field, value);

    [Fact]
    public void A_record_link_keeps_fingerprints_not_values()
    {
        var link = RecordLink.Link("org-1", "u1", SyncModule.Contacts, "UNID1", "crm1",
            new Dictionary<string, string?> { ["lastName"] = "Dupont", ["email"] = "jd@acme.example" }, Now, Now, Now);

        Assert.DoesNotContain(link.Fingerprints.Values, v => v.Contains("Dupont", StringComparison.Ordinal));
        Assert.False(ChangedOnEitherSide(link, "lastName", "Dupont"));
        Assert.True(ChangedOnEitherSide(link, "lastName", "Durand"));
        Assert.True(ChangedOnEitherSide(link, "phone", "+33 1 23 45 67 89"));
    }

    [Fact]
    public void A_link_holds_the_version_it_read_and_the_version_NotesSync_wrote_no_later_than_Dominos_answer()
    {
        var fields = new Dictionary<string, string?> { ["subject"] = "Call" };
        var read = RecordLink.Link("org-1", "u1", SyncModule.Tasks, "UNID1", "crm1", fields, Now, Now, Now);
        var created = RecordLink.Link("org-1", "u1", SyncModule.Tasks, "UNID2", "crm2", SyncedVersion.Same(fields), null, Now, Now,
            notesWrittenAt: Now.AddMinutes(1));
        var updated = RecordLink.Link("org-1", "u1", SyncModule.Tasks, "UNID3", "crm3", SyncedVersion.Same(fields), Now, Now, Now,
            notesWrittenAt: Now.AddMinutes(1));

        Assert.True(read.HoldsNotesVersion(Now));
        Assert.False(read.HoldsNotesVersion(Now.AddSeconds(1)));
        Assert.True(created.HoldsNotesVersion(Now.AddMinutes(1)));
        Assert.False(created.HoldsNotesVersion(Now.AddMinutes(1).AddSeconds(1)));
        // Written over the version read: the write is later than that version, and an older time is not ours.
        Assert.True(updated.HoldsNotesVersion(Now.AddSeconds(30)));
        Assert.False(updated.HoldsNotesVersion(Now.AddSeconds(-30)));

        created.NotesVersionSeen(Now.AddSeconds(59));
        Assert.Equal((Now.AddSeconds(59), (DateTimeOffset?)null), (created.NotesModifiedAt, created.NotesWrittenAt));
        Assert.False(created.HoldsNotesVersion(Now.AddMinutes(1)));
    }

    [Fact]
    public void A_resynced_link_compares_against_the_new_version()
    {
        var link = RecordLink.Link("org-1", "u1", SyncModule.Tasks, "UNID1", "crm1",
            new Dictionary<string, string?> { ["subject"] = "Call" }, Now, Now, Now);

        link.Resynced(new Dictionary<string, string?> { ["subject"] = "Call back" }, Now, Now, Now.AddMinutes(1));

        Assert.True(ChangedOnEitherSide(link, "subject", "Call"));
        Assert.False(ChangedOnEitherSide(link, "subject", "Call back"));
    }

    [Fact]
    public void A_record_link_whose_sides_were_left_apart_compares_each_side_with_its_own_version()
    {
        var link = RecordLink.Link("org-1", "u1", SyncModule.Contacts, "UNID1", "crm1",
            new SyncedVersion(
                new Dictionary<string, string?> { ["phone"] = "+33 1 23 45 67 89", ["lastName"] = "Dupont" },
                new Dictionary<string, string?> { ["phone"] = "+33 6 22 22 22 22", ["lastName"] = "Dupont" }),
            Now, Now, Now);

        Assert.False(Changed(link, SyncSide.Notes, "phone", "+33 1 23 45 67 89"));
        Assert.False(Changed(link, SyncSide.Crm, "phone", "+33 6 22 22 22 22"));
        Assert.True(Changed(link, SyncSide.Crm, "phone", "+33 1 23 45 67 89"));
        Assert.NotEqual(link.FingerprintOf(SyncSide.Notes, "phone"), link.FingerprintOf(SyncSide.Crm, "phone"));
        Assert.Equal(link.FingerprintOf(SyncSide.Notes, "lastName"), link.FingerprintOf(SyncSide.Crm, "lastName"));
        Assert.Null(link.FingerprintOf(SyncSide.Notes, "email"));
        Assert.All(link.Fingerprints.Values, v => Assert.Matches("^[0-9a-f]{32}(/[0-9a-f]{32})?$", v));
    }

    [Fact]
    public void A_record_link_stores_one_hash_for_a_field_both_sides_hold_alike_as_links_always_did()
    {
        var link = RecordLink.Link("org-1", "u1", SyncModule.Contacts, "UNID1", "crm1",
            new Dictionary<string, string?> { ["lastName"] = "Dupont" }, Now, Now, Now);

        Assert.Equal(Fingerprint.Of("Dupont").Value, link.Fingerprints["lastName"]);
        Assert.Equal(Fingerprint.Of("Dupont"), link.FingerprintOf(SyncSide.Crm, "lastName"));
    }

    [Fact]
    public void A_resynced_record_link_brings_sides_left_apart_together_again()
    {
        var link = RecordLink.Link("org-1", "u1", SyncModule.Tasks, "UNID1", "crm1",
            new SyncedVersion(
                new Dictionary<string, string?> { ["subject"] = "Call" },
                new Dictionary<string, string?> { ["subject"] = "Call back" }),
            Now, Now, Now);

        link.Resynced(new Dictionary<string, string?> { ["subject"] = "Call back" }, Now, Now, Now.AddMinutes(1));

        Assert.False(Changed(link, SyncSide.Notes, "subject", "Call back"));
        Assert.False(ChangedOnEitherSide(link, "subject", "Call back"));
        Assert.Equal(Fingerprint.Of("Call back").Value, link.Fingerprints["subject"]);
    }

    [Fact]
    public void Reconnecting_to_another_mail_file_forgets_the_checkpoints()
    {
        var profile = SyncProfile.Create("org-1", "u1");
        profile.ConnectNotes(NotesConnection.Create("https://mail.acme.example", "Ann", "mail/ann.nsf", "cipher", Now));
        profile.AdvanceCheckpoint(SyncModule.Contacts, "n1", "c1", ["unid-to-retry"]);

        profile.ConnectNotes(NotesConnection.Create("https://mail.acme.example", "Ann", "mail/ann2.nsf", "cipher", Now));

        Assert.Null(profile.CheckpointOf(SyncModule.Contacts).NotesPosition);
        Assert.Null(profile.CheckpointOf(SyncModule.Contacts).CrmPosition);
        Assert.Empty(profile.CheckpointOf(SyncModule.Contacts).NotesToRetry);
    }

    [Fact]
    public void Changing_the_password_keeps_the_checkpoints()
    {
        var profile = SyncProfile.Create("org-1", "u1");
        profile.ConnectNotes(NotesConnection.Create("https://mail.acme.example", "Ann", "mail/ann.nsf", "cipher", Now));
        profile.AdvanceCheckpoint(SyncModule.Tasks, "n1", "c1", []);

        profile.ChangeNotesCredentials("Ann", "cipher2");

        Assert.Equal("cipher2", profile.Notes!.ProtectedPassword);
        Assert.Equal("n1", profile.CheckpointOf(SyncModule.Tasks).NotesPosition);
    }

    [Theory]
    [InlineData("", "end-before-start", 1, 0)]
    [InlineData("Review", "end-before-start", 0, 0)]
    [InlineData("Review", "no-participants", 1, 0)]
    [InlineData("Review", "invalid-email", 1, 0)]
    [InlineData("Review", "negative-reminder", 1, -5)]
    public void A_meeting_that_breaks_a_rule_is_refused(string subject, string code, int hours, int reminder)
    {
        IReadOnlyList<Participant> participants = code switch
        {
            "no-participants" => [],
            "invalid-email" => [new Participant("bob@", "Bob", null)],
            _ => [new Participant("bob@acme.example", "Bob", null)],
        };
        var expected = subject.Length == 0 ? "subject-required" : code;

        var result = Meeting.Schedule("org-1", "u1", subject, participants, null, Now, Now.AddHours(hours), reminder, Now, "key-1");

        Assert.Equal(expected, result.Error?.Code);
    }

    [Fact]
    public void A_valid_meeting_is_scheduled_with_each_participant_once()
    {
        var result = Meeting.Schedule("org-1", "u1", " Review ",
            [new Participant("bob@acme.example", "Bob", null), new Participant("BOB@acme.example", null, null)],
            " Room 2 ", Now, Now.AddHours(1), 15, Now, "key-1");

        Assert.Equal(MeetingState.Pending, result.Value.State);

        Assert.True(result.IsSuccess);
        Assert.Equal("Review", result.Value.Subject);
        Assert.Equal("Room 2", result.Value.Location);
        Assert.Single(result.Value.Participants);
    }

    [Fact]
    public void A_run_with_record_failures_ends_partially_succeeded_and_frees_its_user()
    {
        var run = SyncRun.Queue("org-1", "u1", RunTrigger.Manual, Now);
        Assert.Equal("org-1/u1", run.ActiveUserKey);
        run.Start(Now);

        run.RecordFailure(new RecordFailure(SyncModule.Contacts, SyncSide.Crm, "c1", "too-long", "Last name too long"));
        run.Count(SyncModule.Contacts, c => c with { Failed = c.Failed + 1 });
        run.Finish(Now.AddMinutes(1));

        Assert.Equal(RunStatus.PartiallySucceeded, run.Status);
        Assert.Null(run.ActiveUserKey);
        Assert.Equal(1, run.Modules[SyncModule.Contacts].Failed);
    }

    [Fact]
    public void A_run_whose_heartbeat_stopped_is_abandoned_and_ends_interrupted()
    {
        var run = SyncRun.Queue("org-1", "u1", RunTrigger.Scheduled, Now);
        run.Start(Now);

        Assert.False(run.IsAbandoned(Now.AddMinutes(2), TimeSpan.FromMinutes(5)));
        Assert.True(run.IsAbandoned(Now.AddMinutes(6), TimeSpan.FromMinutes(5)));

        run.MarkInterrupted(Now.AddMinutes(6));
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("interrupted", run.Error?.Code);
        Assert.Throws<InvalidOperationException>(() => run.Finish(Now.AddMinutes(7)));
    }

    [Fact]
    public void A_queued_run_deferred_for_fairness_is_lost_only_a_grace_after_its_last_deferral_and_stays_queued()
    {
        var grace = TimeSpan.FromMinutes(5);
        var neverSeen = SyncRun.Queue("org-1", "u1", RunTrigger.Scheduled, Now);
        var deferred = SyncRun.Queue("org-1", "u2", RunTrigger.Scheduled, Now);

        deferred.Defer(Now.AddMinutes(4));

        Assert.True(neverSeen.IsLostInQueue(Now.AddMinutes(6), grace));
        Assert.False(deferred.IsLostInQueue(Now.AddMinutes(6), grace));
        Assert.True(deferred.IsLostInQueue(Now.AddMinutes(10), grace));
        Assert.Equal(RunStatus.Queued, deferred.Status);
        Assert.NotNull(deferred.ActiveUserKey);
        deferred.Start(Now.AddMinutes(7));
        Assert.Throws<InvalidOperationException>(() => deferred.Defer(Now.AddMinutes(8)));
    }
}
