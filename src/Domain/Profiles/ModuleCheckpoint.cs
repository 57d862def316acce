using NotesSync.Domain.Common;

namespace NotesSync.Domain.Profiles;

/// <summary>
/// How far a module has been read on each side. Opaque to the domain: each adapter writes and reads its own
/// position (a DAS "since" instant, a Zoho modification time), and it only advances after a run's writes are saved.
/// Besides the positions, the Notes items the last run left for a reason that may pass by the next one (a colleague's
/// CRM record held the contact's e-mail): they are read again, changed or not.
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

    /// <summary>UNIDs of Notes items to read again at the next run although they have not changed.</summary>
    public IReadOnlyList<string> NotesToRetry { get; private set; } = [];

    internal void Advance(string? notesPosition, string? crmPosition, IReadOnlyList<string> notesToRetry)
    {
        NotesPosition = notesPosition;
        CrmPosition = crmPosition;
        NotesToRetry = [.. notesToRetry];
    }

    internal void Reset()
    {
        NotesPosition = null;
        CrmPosition = null;
        NotesToRetry = [];
    }
}
