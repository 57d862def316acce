using NotesSync.Application.Sync.Modules;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// Puts what the run read into pairs: linked records first, then records that carry the other side's id (written
/// by a run that died before it saved the link: adopted, never copied again), then the first sync's matches
/// (same e-mail, same name and phone; same subject and due date) among the user's own records, then what exists on
/// one side only. Colleagues' records are never paired: a link to one that was handed over, or a Notes item one of
/// them already stands for, is decided as owned by a colleague.
/// </summary>
internal static class Pairing
{
    public static List<Pair> Pair(SyncModuleDefinition module, SideReads reads, LinkStore links)
    {
        var pairs = new List<Pair>();
        var usedNotes = new HashSet<string>(StringComparer.Ordinal);
        var usedCrm = new HashSet<string>(StringComparer.Ordinal);

        var recreatedInNotes = reads.Notes.Values.Where(n => n.CrmId is not null && links.ByUnid(n.Unid) is null)
            .GroupBy(n => n.CrmId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var recreatedInCrm = reads.Crm.Values.Where(c => c.Record.NotesUnid is { Length: > 0 } && links.ByCrmId(c.Id) is null)
            .GroupBy(c => c.Record.NotesUnid!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var link in links.All)
        {
            var notes = reads.Notes.GetValueOrDefault(link.NotesUnid);
            var crm = reads.Crm.GetValueOrDefault(link.CrmId);
            var notesDeleted = reads.NotesDeleted.Contains(link.NotesUnid);
            var crmDeleted = reads.CrmDeleted.Contains(link.CrmId);

            // A record re-created on the side that had deleted it (the other side was edited meanwhile) by a run that
            // died before saving the new link carries the other side's id: it takes the deleted record's place.
            if (notesDeleted && recreatedInNotes.GetValueOrDefault(link.CrmId) is { } notesAgain) (notes, notesDeleted) = (notesAgain, false);
            if (crmDeleted && recreatedInCrm.GetValueOrDefault(link.NotesUnid) is { } crmAgain) (crm, crmDeleted) = (crmAgain, false);

            usedNotes.Add(link.NotesUnid);
            usedCrm.Add(link.CrmId);
            if (notes is not null) usedNotes.Add(notes.Unid);
            if (crm is not null) usedCrm.Add(crm.Id);
            // Handed to a colleague: it leaves the user's records, whatever either side did.
            if (crm is null && reads.Colleagues.Owns(link.CrmId))
            {
                pairs.Add(new Pair(notes, notesDeleted, null, false, link) { CrmIsColleagues = true });
                continue;
            }

            if (notes is null && crm is null && !notesDeleted && !crmDeleted) continue;
            pairs.Add(new Pair(notes, notesDeleted, crm, crmDeleted, link));
        }

        // Adoption: each side carries the other's id.
        foreach (var notes in reads.Notes.Values.Where(n => !usedNotes.Contains(n.Unid)))
        {
            if (notes.CrmId is not { } crmId || usedCrm.Contains(crmId) || links.ByCrmId(crmId) is not null
                || reads.Colleagues.Owns(crmId)) continue;
            pairs.Add(new Pair(notes, false, reads.Crm.GetValueOrDefault(crmId), false, null));
            usedNotes.Add(notes.Unid);
            usedCrm.Add(crmId);
        }

        foreach (var crm in reads.Crm.Values.Where(c => !usedCrm.Contains(c.Id)))
        {
            // A UNID of another mail file (a record handed over by a colleague who synced it) is matched as on a
            // first sync instead: the user may well have the same contact.
            if (crm.Record.NotesUnid is not { Length: > 0 } unid || usedNotes.Contains(unid) || links.ByUnid(unid) is not null
                || !reads.NotesListed.Contains(unid)) continue;
            pairs.Add(new Pair(reads.Notes.GetValueOrDefault(unid), false, crm, false, null));
            usedNotes.Add(unid);
            usedCrm.Add(crm.Id);
        }

        // First-sync matching of what is left, then singles.
        var crmByKey = new Dictionary<string, CrmSide>(StringComparer.Ordinal);
        foreach (var crm in reads.Crm.Values.Where(c => !usedCrm.Contains(c.Id)))
            foreach (var key in module.MatchKeys(crm.Values))
                crmByKey.TryAdd(key, crm);

        foreach (var notes in reads.Notes.Values.Where(n => !usedNotes.Contains(n.Unid)))
        {
            var match = module.MatchKeys(notes.Values).Select(k => crmByKey.GetValueOrDefault(k))
                .FirstOrDefault(c => c is not null && !usedCrm.Contains(c.Id));
            if (match is not null) usedCrm.Add(match.Id);
            usedNotes.Add(notes.Unid);
            // Only the user's own records are matched; one of a colleague's that already stands for the item keeps
            // it from being created a second time.
            pairs.Add(new Pair(notes, false, match, false, null) { CrmIsColleagues = match is null && reads.Colleagues.Hold(notes) });
        }

        pairs.AddRange(reads.Crm.Values.Where(c => !usedCrm.Contains(c.Id)).Select(c => new Pair(null, false, c, false, null)));
        return pairs;
    }
}
