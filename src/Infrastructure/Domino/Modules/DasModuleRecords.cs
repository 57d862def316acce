using NotesSync.Application.Notes;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Infrastructure.Domino.Modules;

/// <summary>
/// One module's records in a mail file over DAS: its view lists them, its documents hold them, and
/// <see cref="NotesModuleItems"/> translates their items to the product's field names and back.
/// </summary>
internal sealed class DasModuleRecords(INotesMailbox mailbox, NotesModuleItems items) : INotesRecords
{
    public SyncModule Module => items.Module;
    public DateTimeOffset? ServerTime => mailbox.ServerTime;

    /// <summary>The view's documents of the module's form (a view may list other forms; a row without one is kept).</summary>
    public async Task<Result<IReadOnlyList<string>>> ListAsync(CancellationToken ct)
    {
        var entries = await mailbox.ReadViewAsync(items.View, ct);
        if (entries.IsFailure) return entries.Error!;
        return entries.Value
            .Where(e => e.Form is null || string.Equals(e.Form, items.Form, StringComparison.OrdinalIgnoreCase))
            .Select(e => e.Unid).ToList();
    }

    public Task<Result<IReadOnlyList<NotesChange>>> ChangedSinceAsync(DateTimeOffset since, CancellationToken ct) =>
        mailbox.ChangedSinceAsync(since, ct);

    public async Task<Result<NotesRecord?>> GetAsync(string unid, CancellationToken ct)
    {
        var read = await mailbox.GetDocumentAsync(unid, ct);
        if (read.IsFailure) return read.Error!;
        if (read.Value is not { } document || !items.IsOfModule(document)) return Result.Success<NotesRecord?>(null);
        var crmId = document.Items.GetValueOrDefault(NotesModuleItems.CrmIdItem)?.First;
        return new NotesRecord(document.Unid, document.Modified, document.LastModified, document.IsPrivate,
            string.IsNullOrEmpty(crmId) ? null : crmId, items.FromItems(document));
    }

    public Task<Result<string>> CreateAsync(IReadOnlyDictionary<string, string?> values, string crmId, CancellationToken ct)
    {
        var written = items.ToItems(values);
        written[NotesModuleItems.CrmIdItem] = NotesItem.Text(crmId);
        return mailbox.CreateDocumentAsync(items.Form, written, ct);
    }

    public Task<Result<NotesWriteOutcome>> UpdateAsync(
        string unid, IReadOnlyDictionary<string, string?> values, string? lastModified, CancellationToken ct) =>
        mailbox.UpdateDocumentAsync(unid, items.ToItems(values), lastModified, items.Form, ct);

    public Task<Result<NotesWriteOutcome>> DeleteAsync(string unid, string? lastModified, CancellationToken ct) =>
        mailbox.DeleteDocumentAsync(unid, lastModified, ct);
}
