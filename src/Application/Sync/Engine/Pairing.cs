using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Links;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// Puts what the run read into pairs: linked records first, then records that carry the other side's id (written
/// by a run that died before it saved the link: adopted, never copied again), then the first sync's matches
/// (same e-mail, same name and phone; same subject and due date), then what exists on one side only.
/// </summary>
public static class Pairing
{
    public static List<Pair> Pair(
        ModuleMapping map, Dictionary<string, NotesSide> notes, HashSet<string> notesDeleted,
        Dictionary<string, CrmSide> crm, HashSet<string> crmDeleted,
        IReadOnlyDictionary<string, RecordLink> byUnid, IReadOnlyDictionary<string, RecordLink> byCrmId)
    {
        var pairs = new List<Pair>();
        var usedNotes = new HashSet<string>(StringComparer.Ordinal);
        var usedCrm = new HashSet<string>(StringComparer.Ordinal);

        foreach (var link in byUnid.Values)
        {
            var n = notes.GetValueOrDefault(link.NotesUnid);
            var c = crm.GetValueOrDefault(link.CrmId);
            var nDeleted = notesDeleted.Contains(link.NotesUnid);
            var cDeleted = crmDeleted.Contains(link.CrmId);
            usedNotes.Add(link.NotesUnid);
            usedCrm.Add(link.CrmId);
            if (n is null && c is null && !nDeleted && !cDeleted) continue;
            pairs.Add(new Pair(n, nDeleted, c, cDeleted, link));
        }

        // Adoption: each side carries the other's id.
        foreach (var n in notes.Values.Where(n => !usedNotes.Contains(n.Unid)))
        {
            if (n.Document.Items.GetValueOrDefault(ModuleMapping.CrmIdItem)?.First is not { Length: > 0 } crmId || usedCrm.Contains(crmId)) continue;
            if (byCrmId.ContainsKey(crmId)) continue;
            pairs.Add(new Pair(n, false, crm.GetValueOrDefault(crmId), false, null));
            usedNotes.Add(n.Unid);
            usedCrm.Add(crmId);
        }

        foreach (var c in crm.Values.Where(c => !usedCrm.Contains(c.Id)))
        {
            if (c.Record.NotesUnid is not { Length: > 0 } unid || usedNotes.Contains(unid) || byUnid.ContainsKey(unid)) continue;
            pairs.Add(new Pair(notes.GetValueOrDefault(unid), false, c, false, null));
            usedNotes.Add(unid);
            usedCrm.Add(c.Id);
        }

        // First-sync matching of what is left, then singles.
        var crmByKey = new Dictionary<string, CrmSide>(StringComparer.Ordinal);
        foreach (var c in crm.Values.Where(c => !usedCrm.Contains(c.Id)))
            foreach (var key in map.MatchKeys(c.Values))
                crmByKey.TryAdd(key, c);

        foreach (var n in notes.Values.Where(n => !usedNotes.Contains(n.Unid)))
        {
            var match = map.MatchKeys(n.Values).Select(k => crmByKey.GetValueOrDefault(k)).FirstOrDefault(c => c is not null && !usedCrm.Contains(c.Id));
            if (match is not null) usedCrm.Add(match.Id);
            usedNotes.Add(n.Unid);
            pairs.Add(new Pair(n, false, match, false, null));
        }

        pairs.AddRange(crm.Values.Where(c => !usedCrm.Contains(c.Id)).Select(c => new Pair(null, false, c, false, null)));
        return pairs;
    }
}
