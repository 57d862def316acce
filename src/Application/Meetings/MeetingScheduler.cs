using NotesSync.Application.Common;
using NotesSync.Application.Crm;
using NotesSync.Application.Notes;
using NotesSync.Application.Sync;
using NotesSync.Application.Sync.Engine;
using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Common;
using NotesSync.Domain.Links;
using NotesSync.Domain.Meetings;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Meetings;

/// <summary>
/// Carries a meeting over its two systems as far as it can, and as often as asked, never doing a step twice: the Notes
/// meeting first (Domino invites the participants), then the CRM Event owned by the user and carrying the Notes
/// entry's key (its cross-reference, as the sync writes it), then the events link, so that the next sync knows the
/// two as one. Each step looks for its own result before it acts: a Notes entry of the same title and start, a CRM
/// Event carrying the key. A failure in Notes is the request's (nothing was written); a failure in the CRM leaves
/// the meeting partial with the reason.
/// </summary>
public sealed class MeetingScheduler(
    IRepository<Meeting> meetings, IRepository<SyncProfile> profiles, INotesMailboxes mailboxes, ISecretProtector secrets,
    ICrmRecords crm, ICrmUserDirectory crmUsers, IRecordLinkStore links, TimeProvider clock)
{
    public async Task<Result> CompleteAsync(Meeting meeting, CancellationToken ct)
    {
        var profile = await profiles.FirstOrDefaultAsync(new ProfileOfUser(meeting.OrgId, meeting.UserId), ct);
        if (profile?.Notes is not { } notes) return NotesErrors.NotConnected;
        var module = await EventModuleAsync(meeting, ct);
        var values = module.Canonical(ValuesOf(meeting));
        var calendar = (INotesEventRecords)mailboxes.Open(NotesProfiles.CredentialsOf(profile, notes, secrets), notes.MailFile).RecordsOf(SyncModule.Events);

        if (meeting.NotesEventId is null)
        {
            var found = await calendar.FindOwnAsync(meeting.Subject, meeting.Start, ct);
            if (found.IsFailure) return found.Error!;
            var key = found.Value;
            if (key is null)
            {
                var scheduled = await calendar.ScheduleAsync(values, ct);
                if (scheduled.IsFailure) return scheduled.Error!;
                key = scheduled.Value;
            }

            meeting.CreatedInNotes(key);
            await meetings.SaveChangesAsync(ct);
        }

        if (meeting.CrmEventId is null) await CreateInCrmAsync(meeting, module, values, calendar, ct);
        await meetings.SaveChangesAsync(ct);
        return Result.Success();
    }

    private async Task CreateInCrmAsync(
        Meeting meeting, EventModule module, IReadOnlyDictionary<string, string?> values, INotesRecords calendar, CancellationToken ct)
    {
        var key = meeting.NotesEventId!;
        var existing = await FindInCrmAsync(meeting, key, ct);
        if (existing.IsFailure)
        {
            meeting.CrmFailed(existing.Error!.Code, existing.Error.Message);
            return;
        }

        var crmEvent = existing.Value;
        if (crmEvent is null)
        {
            var created = await crm.CreateAsync(meeting.OrgId, SyncModule.Events, meeting.UserId, [new CrmWrite(null, values, key)], ct);
            var refused = created.IsFailure ? created.Error : created.Value[0] is { Succeeded: false } r ? Error.Unprocessable(r.ErrorCode!, r.Message ?? r.ErrorCode!) : null;
            if (refused is not null)
            {
                meeting.CrmFailed(refused.Code, refused.Message);
                return;
            }

            // Read back as the sync reads it, so that the link holds what the next sync will compare.
            var readBack = await FindInCrmAsync(meeting, key, ct);
            crmEvent = readBack.IsSuccess ? readBack.Value : null;
            if (crmEvent is null)
            {
                meeting.CreatedInCrm(created.Value[0].Id!);
                return;
            }
        }

        meeting.CreatedInCrm(crmEvent.Id);
        await LinkAsync(meeting, module, calendar, crmEvent, ct);
    }

    private async Task<Result<CrmRecord?>> FindInCrmAsync(Meeting meeting, string key, CancellationToken ct)
    {
        var found = await crm.FindAsync(meeting.OrgId, SyncModule.Events, new CrmLookup([key]), ct);
        if (found.IsFailure) return found.Error!;
        return Result.Success(found.Value.FirstOrDefault(r => ColleagueRecords.IsOwnedBy(r, meeting.UserId) && r.NotesUnid == key));
    }

    /// <summary>
    /// The events link of the pair, with each side's values as the sync reads them: the next sync finds both unchanged
    /// and copies nothing, and a later edit on either side syncs as any event's. Without the Notes entry read back,
    /// no link is made: the next sync adopts the pair by its cross-reference instead.
    /// </summary>
    private async Task LinkAsync(Meeting meeting, EventModule module, INotesRecords calendar, CrmRecord crmEvent, CancellationToken ct)
    {
        var notesEvent = await calendar.GetAsync(meeting.NotesEventId!, ct);
        if (notesEvent.IsFailure || notesEvent.Value is not { } read) return;
        var link = RecordLink.Link(meeting.OrgId, meeting.UserId, SyncModule.Events, read.Unid, crmEvent.Id,
            new SyncedVersion(module.Canonical(read.Values), module.Canonical(crmEvent.Values)), read.Modified, crmEvent.ModifiedTime,
            clock.GetUtcNow());
        await links.SaveAsync(new LinkBatch([link], [], []), ct);
    }

    /// <summary>The events module in the user's zone (the CRM user's time zone; UTC when the CRM names none).</summary>
    private async Task<EventModule> EventModuleAsync(Meeting meeting, CancellationToken ct)
    {
        var zoneId = await crmUsers.TimeZoneOfAsync(meeting.OrgId, meeting.UserId, ct);
        var zone = zoneId.IsSuccess && zoneId.Value is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found)
            ? found : TimeZoneInfo.Utc;
        return new EventModule(EventWindow.For(EventRange.All, clock.GetUtcNow(), zone));
    }

    private static Dictionary<string, string?> ValuesOf(Meeting meeting) => new()
    {
        [EventModule.Title] = meeting.Subject,
        [EventModule.Start] = EventModule.InstantText(meeting.Start),
        [EventModule.End] = EventModule.InstantText(meeting.End),
        [EventModule.AllDay] = "false",
        [EventModule.Location] = meeting.Location,
        [EventModule.Reminder] = meeting.ReminderMinutes?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [EventModule.Attendees] = EventModule.AttendeeList(meeting.Participants.Select(p => p.Email)),
    };
}
