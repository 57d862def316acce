using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Common;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// Where a record missing from the Notes list is not deleted by that alone: the calendar lists a window of events,
/// and a declined meeting, an event moved out of the range and one deleted all disappear from it alike (das.md
/// "Checked" 7). A linked event that disappeared is read by its own GET: only one Domino no longer has is deleted;
/// one it still has is decided as it is now (out of the range, it is left alone on both sides).
/// </summary>
internal static class AbsentRecords
{
    public static async Task<Result> ConfirmAsync(
        SyncModuleDefinition module, SideReads reads, NotesReader reader, LinkStore links, CancellationToken ct)
    {
        if (module is not EventModule) return Result.Success();
        // A series the CRM made (one recurring CRM event) is linked whole, by its own key: its instances, which the
        // calendar lists one by one, are that link's, not new events.
        foreach (var instance in reads.Notes.Keys.Where(key => key.IndexOf('/', StringComparison.Ordinal) is > 0 and var at
                     && links.ByUnid(key[..at]) is not null).ToList())
            reads.Notes.Remove(instance);
        if (reads.NotesDeleted.Count == 0) return Result.Success();
        var absent = reads.NotesDeleted.ToList();
        return await reader.ReadAsync(absent, (key, record) =>
        {
            if (record is null) return;
            reads.NotesDeleted.Remove(key);
            reads.Notes[key] = NotesSide.Read(record, module);
        }, ct);
    }
}
