using NotesSync.Application.Crm;
using NotesSync.Application.Notes;
using NotesSync.Domain.Links;

namespace NotesSync.Application.Sync.Engine;

/// <summary>A Notes document the run read, with its canonical values.</summary>
public sealed record NotesSide(NotesDocument Document, IReadOnlyDictionary<string, string?> Values)
{
    public string Unid => Document.Unid;
    public bool IsPrivate => Document.IsPrivate;
}

/// <summary>A CRM record the run read, with its canonical values.</summary>
public sealed record CrmSide(CrmRecord Record, IReadOnlyDictionary<string, string?> Values, bool IsPrivate)
{
    public string Id => Record.Id;
}

/// <summary>
/// One pair the run must decide: each side read (changed or new), deleted, or neither (unchanged since the link,
/// so not read at all), and the link when NotesSync already knows them as one.
/// </summary>
public sealed record Pair(NotesSide? Notes, bool NotesDeleted, CrmSide? Crm, bool CrmDeleted, RecordLink? Link)
{
    public string NotesId => Notes?.Unid ?? Link?.NotesUnid ?? "";
    public string CrmId => Crm?.Id ?? Link?.CrmId ?? "";
}
