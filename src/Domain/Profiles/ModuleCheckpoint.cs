using NotesSync.Domain.Common;

namespace NotesSync.Domain.Profiles;

/// <summary>
/// How far a module has been read on each side. Opaque to the domain: each adapter writes and reads its own
/// position (a DAS "since" instant, a Zoho modification time), and it only advances after a run's writes are saved.
/// </summary>
public sealed class ModuleCheckpoint : Entity, IOrganisationOwned
{
    private ModuleCheckpoint() { }

    internal ModuleCheckpoint(string orgId, SyncModule module)
    {
        OrgId = orgId;
        Module = module;
    }

    public string OrgId { get; private set; } = "";
    public SyncModule Module { get; private set; }
    public string? NotesPosition { get; private set; }
    public string? CrmPosition { get; private set; }

    internal void Advance(string? notesPosition, string? crmPosition)
    {
        NotesPosition = notesPosition;
        CrmPosition = crmPosition;
    }

    internal void Reset()
    {
        NotesPosition = null;
        CrmPosition = null;
    }
}
