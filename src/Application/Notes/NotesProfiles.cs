using NotesSync.Application.Common;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Notes;

/// <summary>What the Notes account handlers share: the caller's profile, their stored credentials, the blocking check.</summary>
public static class NotesProfiles
{
    public static async Task<SyncProfile> LoadOrCreateAsync(IRepository<SyncProfile> profiles, ICurrentUser me, CancellationToken ct)
    {
        var profile = await profiles.FirstOrDefaultAsync(new ProfileOfUser(me.OrgId, me.UserId), ct);
        if (profile is not null) return profile;
        profile = SyncProfile.Create(me.OrgId, me.UserId);
        await profiles.AddAsync(profile, ct);
        return profile;
    }

    /// <summary>The user's stored Notes credentials, the password decrypted for this profile's own user.</summary>
    public static NotesCredentials CredentialsOf(SyncProfile profile, NotesConnection notes, ISecretProtector secrets) =>
        new(new Uri(notes.ServerUrl), notes.UserName,
            secrets.Unprotect(SecretPurpose.NotesPassword, SecretOwner.User(profile.OrgId, profile.UserId), notes.ProtectedPassword));

    /// <summary>
    /// A DAS switch found off before the checks could run (the server's services, or the mail file's while looking
    /// for it) carries the same steps to switch it on as a failed check does (api.md: <c>das-disabled-*</c> come with
    /// <c>fix</c>).
    /// </summary>
    public static Error WithFix(Error error, string mailFile, string locale)
    {
        DasCheckTarget? target = error.Code switch
        {
            "das-disabled-server" => DasCheckTarget.Server,
            "das-disabled-database" => DasCheckTarget.Database,
            "das-disabled-view" => DasCheckTarget.View,
            _ => null,
        };
        if (target is not { } off || error.Extensions.ContainsKey("fix")) return error;
        var fix = DasFixes.For(off, off == DasCheckTarget.Server ? "Data" : mailFile, locale);
        return error with { Extensions = new Dictionary<string, object?>(error.Extensions) { ["fix"] = fix } };
    }

    /// <summary>
    /// The first failed check that stops this user's sync, as an error carrying every check and the steps to fix it;
    /// null when nothing the user's chosen modules need is switched off.
    /// </summary>
    public static Error? BlockingCheck(IReadOnlyList<DasCheck> checks, SyncSettings settings, string locale)
    {
        var chosen = settings.Modules.ToHashSet();
        var failed = checks.FirstOrDefault(c => !c.Ok && (c.Module is null || chosen.Contains(c.Module.Value)));
        if (failed is null) return null;

        var error = failed.Code is { } code && !code.StartsWith("das-disabled", StringComparison.Ordinal)
            ? new Error(code, $"Checking {failed.Name} failed.", ErrorKind.Unprocessable)
            : NotesErrors.DasDisabled(failed.Target, failed.Name);
        return error with
        {
            Extensions = new Dictionary<string, object?>
            {
                ["fix"] = DasFixes.For(failed.Target, failed.Name, locale),
                ["checks"] = CheckView.Of(checks, locale),
            },
        };
    }
}
