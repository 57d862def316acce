using NotesSync.Domain.Common;

namespace NotesSync.Domain.Profiles;

/// <summary>One per licensed user: their Notes connection, their sync settings, and how far each module has read.</summary>
public sealed class SyncProfile : AggregateRoot
{
    private readonly List<ModuleCheckpoint> _checkpoints = [];

    private SyncProfile() { }

    public string UserId { get; private set; } = "";
    public NotesConnection? Notes { get; private set; }
    public SyncSettings Settings { get; private set; } = SyncSettings.Default;
    public IReadOnlyList<ModuleCheckpoint> Checkpoints => _checkpoints;

    public static SyncProfile Create(string orgId, string userId) => new()
    {
        OrgId = Guard.NotBlank(orgId, nameof(orgId), 64),
        UserId = Guard.NotBlank(userId, nameof(userId), 64),
    };

    public void ConnectNotes(NotesConnection connection)
    {
        // Another server or mail file is another data set: what was read from the old one means nothing here.
        if (Notes is null || Notes.ServerUrl != connection.ServerUrl || Notes.MailFile != connection.MailFile)
            _checkpoints.ForEach(c => c.Reset());
        Notes = connection;
        Touch();
    }

    /// <summary>Domino accepted a new password (and the e-mail id the user signed in with): the data set is the same.</summary>
    public void ChangeNotesCredentials(string userName, string protectedPassword)
    {
        if (Notes is null) throw new InvalidOperationException("There is no Notes connection to change.");
        Notes = Notes.WithCredentials(userName, protectedPassword);
        Touch();
    }

    public void DisconnectNotes()
    {
        Notes = null;
        Touch();
    }

    public void ChangeSettings(SyncSettings settings)
    {
        Settings = settings;
        Touch();
    }

    public ModuleCheckpoint CheckpointOf(SyncModule module)
    {
        var checkpoint = _checkpoints.Find(c => c.Module == module);
        if (checkpoint is not null) return checkpoint;
        checkpoint = new ModuleCheckpoint(OrgId, module);
        _checkpoints.Add(checkpoint);
        return checkpoint;
    }

    public void AdvanceCheckpoint(SyncModule module, string? notesPosition, string? crmPosition, IReadOnlyList<string> notesToRetry)
    {
        CheckpointOf(module).Advance(notesPosition, crmPosition, notesToRetry);
        Touch();
    }
}
