using Mediator;
using Microsoft.Extensions.Logging;
using NotesSync.Application.Common;
using NotesSync.Application.Crm;
using NotesSync.Application.Notes;
using NotesSync.Application.Sync.Engine;
using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Common;
using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Sync.ExecuteSyncRun;

/// <summary>Runs a queued sync to its end (a Hangfire job on whichever node took it).</summary>
public sealed record ExecuteSyncRun(Guid RunId) : ICommand;

public sealed class ExecuteSyncRunHandler(
    IRepository<SyncRun> runs, IRepository<SyncProfile> profiles, IRepository<SyncAccount> accounts,
    IRecordLinkStore links, IRunHeartbeat heartbeat, INotesMailboxes mailboxes, ICrmRecords crm, ISecretProtector secrets,
    ICrmUserDirectory crmUsers, RunPlan plan, TimeProvider clock, RunTimeLimit timeLimit, AbandonedRunGrace grace,
    ILogger<ExecuteSyncRunHandler> logger, IOrganisationSyncSlots slots, ISyncJobQueue jobs)
    : ICommandHandler<ExecuteSyncRun>
{
    public async ValueTask<Unit> Handle(ExecuteSyncRun command, CancellationToken ct)
    {
        var run = await runs.GetByIdAsync(command.RunId, ct);
        if (run is not { Status: RunStatus.Queued }) return Unit.Value;
        // Held until the run ends: while the organisation holds its share of the node's workers, its next runs wait.
        using var slot = slots.TryTake(run.OrgId);
        if (slot is null)
        {
            await DeferAsync(run, ct);
            return Unit.Value;
        }

        run.Start(clock.GetUtcNow());
        await runs.SaveChangesAsync(ct);

        await using (var liveness = new RunLiveness(heartbeat, run.Id, clock, grace.HeartbeatEvery))
        {
            if (!await RunToItsEndAsync(run, liveness, ct))
            {
                LogStopped(run);
                return Unit.Value;
            }
        }

        // A preview wrote nothing: the user has not synced yet (their seat can still be taken back).
        if (await SaveEndAsync(run) && run.Status is RunStatus.Succeeded or RunStatus.PartiallySucceeded)
            await heartbeat.MarkUserSyncedAsync(run.OrgId, run.UserId, CancellationToken.None);
        return Unit.Value;
    }

    /// <summary>
    /// Puts the run back for later, still queued, its worker free for the runs behind it (another organisation's).
    /// Saved first: the deferral's heartbeat keeps the sweep from taking a run that waits its turn for a lost one.
    /// </summary>
    private async Task DeferAsync(SyncRun run, CancellationToken ct)
    {
        run.Defer(clock.GetUtcNow());
        try
        {
            await runs.SaveChangesAsync(ct);
        }
        catch (PersistenceConflictException)
        {
            // Ended meanwhile (the sweep, an uninstall): nothing left to run.
            return;
        }

        jobs.Defer(run.Id);
        logger.LogDebug("Sync run {RunId} of {OrgId}/{UserId} deferred: its organisation holds its share of the sync workers",
            run.Id, run.OrgId, run.UserId);
    }

    /// <summary>Syncs and records how the run ended; false when it was ended elsewhere while it ran (nothing to save).</summary>
    private async Task<bool> RunToItsEndAsync(SyncRun run, RunLiveness liveness, CancellationToken ct)
    {
        // A few slow servers must not hold every worker of the node: past its time limit a run stops, and fails.
        using var overTime = new CancellationTokenSource(timeLimit.MaxDuration, clock);
        using var limited = CancellationTokenSource.CreateLinkedTokenSource(ct, overTime.Token);
        try
        {
            var account = await accounts.FirstOrDefaultAsync(new AccountByOrg(run.OrgId), ct);
            var error = await SyncAsync(run, account, liveness, limited.Token);
            if (error is not null)
            {
                run.Fail(error.Code, error.Message, clock.GetUtcNow());
                return true;
            }

            run.Finish(clock.GetUtcNow());
            return true;
        }
        catch (Exception ex) when (ex is RunNoLongerCurrentException or PersistenceConflictException)
        {
            // The sweep took the run for dead and ended it (its heartbeat stopped reaching the database), or the
            // organisation was uninstalled: whatever replaced it is the user's run now, or nothing is. Nothing more is
            // saved; what was written is linked already.
            return false;
        }
        catch (OperationCanceledException) when (overTime.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            var tooLong = RunErrors.TimeLimit(timeLimit.MaxDuration);
            run.Fail(tooLong.Code, tooLong.Message, clock.GetUtcNow());
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The host is shutting down (or the job was deleted): say so now rather than let the user wait for the
            // sweep. Everything written so far is linked; the next run resumes from the checkpoints.
            run.MarkInterrupted(clock.GetUtcNow());
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An uninstall deletes the run's rows under it: the save of the batch in flight then fails on its foreign
            // keys (the profile its checkpoints belong to is gone) before the next batch could learn that the run
            // ended. That is the run being stopped, not a bug: it ends quietly, and nothing is saved on a purged org.
            if (!await heartbeat.BeatAsync(run.Id, clock.GetUtcNow(), CancellationToken.None)) return false;

            // A bug must not leave the user's run "running" for ever: it ends failed, and what was written is
            // linked already, so the next run picks up from there.
            logger.LogError(ex, "Sync run {RunId} of {OrgId}/{UserId} failed", run.Id, run.OrgId, run.UserId);
            run.Fail("internal-error", "The sync stopped on an unexpected error; what it wrote is kept and the next run goes on from there.", clock.GetUtcNow());
            return true;
        }
    }

    /// <summary>Saves how the run ended; false when its row is gone (an uninstall while it ended).</summary>
    private async Task<bool> SaveEndAsync(SyncRun run)
    {
        try
        {
            await runs.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The run's end cannot be saved because its row is gone (an uninstall while it ended): nothing to retry.
            if (await heartbeat.BeatAsync(run.Id, clock.GetUtcNow(), CancellationToken.None)) throw;
            LogStopped(run);
            return false;
        }
    }

    private void LogStopped(SyncRun run) =>
        logger.LogWarning("Sync run {RunId} of {OrgId}/{UserId} was ended while it ran (by the sweep, or an uninstall); it stopped",
            run.Id, run.OrgId, run.UserId);

    private async Task<Error?> SyncAsync(SyncRun run, SyncAccount? account, RunLiveness liveness, CancellationToken ct)
    {
        // A run queued before its user lost their seat writes nothing: the seat is what lets NotesSync act for them.
        if (account?.FindUser(run.UserId) is null) return RunErrors.NotLicensed;

        var profile = await profiles.FirstOrDefaultAsync(new ProfileOfUser(run.OrgId, run.UserId), ct);
        if (profile?.Notes is not { } notes) return NotesErrors.NotConnected;

        // Readying the CRM creates its cross-reference fields where missing (connecting Zoho already did): a preview
        // writes nothing, so it reads with what is there.
        if (!run.IsPreview)
        {
            var prepared = await crm.PrepareAsync(run.OrgId, ct);
            if (prepared.IsFailure) return RunErrors.ForRun(prepared.Error!);
        }

        var mailbox = mailboxes.Open(NotesProfiles.CredentialsOf(profile, notes, secrets), notes.MailFile);
        var context = new SyncContext(run, profile, mailbox, crm, links, runs, liveness, clock, plan);
        var window = await EventWindowAsync(run, profile.Settings, ct);
        if (window.IsFailure) return RunErrors.ForRun(window.Error!);
        foreach (var module in SyncModuleDefinition.ForRun(profile.Settings, window.Value))
        {
            var done = await new ModuleRun(module, context).RunAsync(ct);
            if (done.IsFailure) return RunErrors.ForRun(done.Error!);
        }

        return null;
    }

    /// <summary>
    /// The events the run takes in: the profile's range from the user's today, in the CRM user's time zone (UTC when
    /// the CRM names none, or one this machine does not know). Null when the profile does not sync events.
    /// </summary>
    private async Task<Result<EventWindow?>> EventWindowAsync(SyncRun run, SyncSettings settings, CancellationToken ct)
    {
        if (!settings.Events) return Result.Success<EventWindow?>(null);
        var zoneId = await crmUsers.TimeZoneOfAsync(run.OrgId, run.UserId, ct);
        if (zoneId.IsFailure) return zoneId.Error!;
        var zone = zoneId.Value is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : TimeZoneInfo.Utc;
        return EventWindow.For(settings.EventRange, clock.GetUtcNow(), zone);
    }
}
