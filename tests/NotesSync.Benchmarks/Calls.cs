using NotesSync.Simulators.Domino.Knobs;
using NotesSync.Simulators.Zoho;

namespace NotesSync.Benchmarks;

/// <summary>Calls of one side by kind (reads, writes, token, metadata), with the finer kinds behind them.</summary>
public sealed class SideCalls
{
    public int Reads { get; set; }
    public int Writes { get; set; }
    public int Token { get; set; }
    public int Metadata { get; set; }
    public int Total => Reads + Writes + Token + Metadata;
    public SortedDictionary<string, int> Detail { get; } = new(StringComparer.Ordinal);

    public void Add(string kind, string detail)
    {
        switch (kind)
        {
            case "read": Reads++; break;
            case "write": Writes++; break;
            case "token": Token++; break;
            default: Metadata++; break;
        }
        Detail[detail] = Detail.GetValueOrDefault(detail) + 1;
    }

    public string Short() => $"{Reads}/{Writes}/{Token}/{Metadata}";
}

public static class CallKinds
{
    /// <summary>DAS calls of one run, by what they were for (the simulator logs the method it served, PATCH included).</summary>
    public static SideCalls Domino(IEnumerable<CallRecord> calls)
    {
        var side = new SideCalls();
        foreach (var c in calls)
        {
            var (kind, detail) = (c.Method, c.Path) switch
            {
                ("GET", var p) when p.Contains("/api/data/collections/name/", StringComparison.Ordinal) => ("read", "view page"),
                ("GET", var p) when p.Contains("/api/data/documents/unid/", StringComparison.Ordinal) => ("read", "document"),
                ("GET", var p) when p.EndsWith("/api/data/documents", StringComparison.Ordinal) => ("read", "changed since"),
                ("GET", var p) when p.EndsWith("/api/calendar/events", StringComparison.Ordinal) => ("read", "calendar page"),
                ("GET", var p) when p.Contains("/api/calendar/", StringComparison.Ordinal) => ("read", "event"),
                ("POST", var p) when p.EndsWith("/api/calendar/events", StringComparison.Ordinal) => ("write", "create"),
                ("POST", var p) when p.EndsWith("/api/data/documents", StringComparison.Ordinal) => ("write", "create"),
                ("PATCH" or "PUT" or "POST", _) => ("write", "update"),
                ("DELETE", _) => ("write", "delete"),
                _ => ("metadata", $"{c.Method} {c.Path}"),
            };
            side.Add(kind, detail);
        }
        return side;
    }

    /// <summary>Zoho calls of one run: the accounts server (token), field metadata, record reads, record writes.</summary>
    public static SideCalls Zoho(IEnumerable<ZohoCall> calls)
    {
        var side = new SideCalls();
        foreach (var c in calls)
        {
            var segments = c.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var (kind, detail) = (c.Method, segments) switch
            {
                (_, ["oauth", ..]) => ("token", "token"),
                (_, ["crm", _, "settings" or "org" or "users" or "__features", ..]) => ("metadata", "settings/" + string.Join('/', segments.Skip(3))),
                ("POST", ["crm", _, "coql"]) => ("read", "coql query"),
                ("GET", ["crm", _, _, "deleted"]) => ("read", "deleted list"),
                ("GET", ["crm", _, _, "search"]) => ("read", "search"),
                ("GET", ["crm", _, _]) => ("read", "list page"),
                ("GET", ["crm", _, _, _]) => ("read", "record"),
                ("POST", ["crm", _, _, "upsert"]) => ("write", "upsert batch"),
                ("POST", ["crm", _, "Accounts"]) => ("write", "account insert"),
                ("POST", ["crm", _, _]) => ("write", "insert batch"),
                ("PUT", ["crm", _, _, ..]) => ("write", "update batch"),
                ("DELETE", ["crm", _, _, ..]) => ("write", "delete batch"),
                _ => ("metadata", $"{c.Method} {c.Path}"),
            };
            side.Add(kind, detail);
        }
        return side;
    }
}

/// <summary>
/// The fewest calls a run needs for the data it meets, module by module: view pages of 100 (DAS's largest), one GET
/// per Notes document whose content the run needs (DAS reads no documents in bulk), one DAS write per document,
/// Zoho pages of 200 and write batches of 100, the deleted list on a re-sync, and one DAS change list per run.
/// A user syncs the CRM records they own, and the CRM's pages are those of the whole organisation's changed records,
/// colleagues' included: ownership is told after reading, by design (the changed list is the one read that shows a
/// record handed to a colleague, and a first sync's shows every colleague's e-mail: src/Application/Sync/Engine/CrmReader.cs).
/// A re-sync that creates CRM records first looks up what the CRM already holds for them (<see cref="ZohoLookups"/>).
/// </summary>
public sealed class Minimum
{
    /// <summary>COQL's largest "in" list: a lookup asks for up to this many new items' UNIDs (and e-mails) a query.</summary>
    public const int ItemsPerLookup = 50;

    public int DasViewPages { get; set; }
    public int DasChangeLists { get; set; }
    public int DasDocumentReads { get; set; }
    public int DasWrites { get; set; }

    /// <summary>Pages of the organisation's changed records (the user's and colleagues'), 200 a page.</summary>
    public int ZohoPages { get; set; }
    public int ZohoDeletedLists { get; set; }
    public int ZohoWriteBatches { get; set; }

    /// <summary>
    /// On a re-sync that creates CRM records: one COQL query per 50 new Notes items of a module
    /// (<c>where Notes_UNID in (…) or Email in (…)</c>), so that a colleague's contact is neither duplicated nor
    /// upserted over. A first sync needs none: it read the module's every record.
    /// </summary>
    public int ZohoLookups { get; set; }

    /// <summary>Pages of the CRM's Accounts, to learn the ids of the companies the run writes (a lookup by name).</summary>
    public int ZohoAccountPages { get; set; }

    /// <summary>Batches creating the Accounts of companies the CRM does not have yet.</summary>
    public int ZohoAccountBatches { get; set; }

    /// <summary>Of <see cref="ZohoWriteBatches"/>: the batches that write the Notes UNID on CRM records copied to Notes or matched.</summary>
    public int ZohoCrossReferenceBatches { get; set; }

    /// <summary>Zoho credits of the writes: one per 10 records written (zoho.md §4), Accounts included.</summary>
    public int ZohoWriteCredits { get; set; }

    /// <summary>
    /// Zoho's API credits the minimum calls cost (zoho.md §4): a list page, a lookup or an Account page 1, a deleted
    /// list 2, a write 1 per 10 records.
    /// </summary>
    public int ZohoCredits => ZohoPages + 2 * ZohoDeletedLists + ZohoLookups + ZohoAccountPages + ZohoWriteCredits;

    public int Das => DasViewPages + DasChangeLists + DasDocumentReads + DasWrites;
    public int Zoho => ZohoPages + ZohoDeletedLists + ZohoLookups + ZohoWriteBatches + ZohoAccountPages + ZohoAccountBatches;
    public int DasReads => DasViewPages + DasChangeLists + DasDocumentReads;
    public int ZohoReads => ZohoPages + ZohoDeletedLists + ZohoLookups + ZohoAccountPages;
    public int ZohoWrites => ZohoWriteBatches + ZohoAccountBatches;

    /// <summary>Adds the Account calls of a run that writes <paramref name="written"/> companies to a CRM holding <paramref name="existing"/>.</summary>
    public Minimum WithAccounts(ICollection<string> written, ICollection<string> existing)
    {
        if (written.Count == 0) return this;
        ZohoAccountPages = Pages(existing.Count, 200);
        var created = written.Count(c => !existing.Contains(c));
        ZohoAccountBatches = Batches(created);
        ZohoWriteCredits += WriteCredits(created);
        return this;
    }

    public static int Pages(int rows, int size) => Math.Max(1, (rows + size - 1) / size);
    public static int Batches(int records) => (records + 99) / 100;

    /// <summary>Credits of writing <paramref name="records"/> in full batches of 100: one per 10 records.</summary>
    public static int WriteCredits(int records) => (records + 9) / 10;

    /// <summary>What one module of one run must do.</summary>
    /// <param name="CrmChanged">The records the CRM lists as changed: the organisation's, colleagues' included.</param>
    /// <param name="CrmCreates">Records created in the CRM; on a re-sync, each is a new Notes item looked up first.</param>
    public sealed record ModuleWork(
        int NotesRows, int NotesReads, int NotesWrites, int CrmChanged, bool ReSync, int CrmCreates, int CrmUpdates, int CrossReferences);

    public static Minimum Of(params ModuleWork[] modules)
    {
        var min = new Minimum();
        foreach (var m in modules)
        {
            min.DasViewPages += Pages(m.NotesRows, 100);
            min.DasDocumentReads += m.NotesReads;
            min.DasWrites += m.NotesWrites;
            min.ZohoPages += Pages(m.CrmChanged, 200);
            min.ZohoDeletedLists += m.ReSync ? 1 : 0;
            min.ZohoLookups += m.ReSync ? (m.CrmCreates + ItemsPerLookup - 1) / ItemsPerLookup : 0;
            min.ZohoWriteBatches += Batches(m.CrmCreates) + Batches(m.CrmUpdates) + Batches(m.CrossReferences);
            min.ZohoCrossReferenceBatches += Batches(m.CrossReferences);
            min.ZohoWriteCredits += WriteCredits(m.CrmCreates) + WriteCredits(m.CrmUpdates) + WriteCredits(m.CrossReferences);
        }
        // One change list covers the whole mail file.
        min.DasChangeLists = modules.Any(m => m.ReSync) ? 1 : 0;
        return min;
    }
}
