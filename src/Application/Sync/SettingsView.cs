using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Sync;

/// <summary>The sync settings as api.md "Sync settings" names them.</summary>
public sealed record SettingsView(
    bool Contacts, bool Tasks, bool Events, EventRange EventRange, SyncDirection Direction,
    ConflictWinner ConflictWinner, int? AutoSyncMinutes)
{
    public static SettingsView Of(SyncSettings s) =>
        new(s.Contacts, s.Tasks, s.Events, s.EventRange, s.Direction, s.ConflictWinner, s.AutoSyncMinutes);
}
