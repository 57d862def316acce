using System.Text.Json.Nodes;
using NotesSync.Simulators.Zoho.Crm;
using NotesSync.Simulators.Zoho.Http;

namespace NotesSync.Simulators.Zoho;

/// <summary>Zoho refused a record written through the state API; <see cref="Error"/> is the per-record error Zoho would answer.</summary>
public sealed class ZohoRecordRejectedException : Exception
{
    public ZohoRecordRejectedException()
    {
        Error = [];
    }

    public ZohoRecordRejectedException(string message)
        : base(message)
    {
        Error = [];
    }

    public ZohoRecordRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = [];
    }

    internal ZohoRecordRejectedException(JsonObject error)
        : base(error.ToJsonString())
    {
        Error = error;
    }

    public JsonObject Error { get; }
}

/// <summary>
/// Record access for tests and the sandbox: what a CRM user does in Zoho's UI. Writes go through the same
/// validation as the API and move Modified_Time like a real edit.
/// </summary>
public sealed partial class ZohoOrg
{
    public CrmRecord CreateRecord(string module, JsonObject fields, ZohoUser? by = null) =>
        Write(module, by, batch => batch.Insert(fields, 0));

    public CrmRecord UpdateRecord(string module, string id, JsonObject fields, ZohoUser? by = null) =>
        Write(module, by, batch => batch.Update(fields, 0, id));

    public bool DeleteRecord(string module, string id, ZohoUser? by = null)
    {
        lock (Gate)
        {
            var store = RequireStore(module);
            var batch = new WriteBatch(this, store, by ?? Admin, State.Now);
            var deleted = batch.Delete(id).Success;
            State.Notifications.Publish(this, store.Schema.ApiName, batch.Changes);
            return deleted;
        }
    }

    public CrmRecord? FindRecord(string module, string id)
    {
        lock (Gate)
        {
            var store = RequireStore(module);
            return store.ById.TryGetValue(id, out var record) ? Snapshot(store, record) : null;
        }
    }

    /// <summary>The module's records, oldest id first.</summary>
    public IReadOnlyList<CrmRecord> Records(string module)
    {
        lock (Gate)
        {
            var store = RequireStore(module);
            return store.SortedAscending("id").Select(r => Snapshot(store, r)).ToList();
        }
    }

    public int CountRecords(string module)
    {
        lock (Gate) return RequireStore(module).ById.Count;
    }

    public IReadOnlyList<DeletedCrmRecord> DeletedRecords(string module)
    {
        lock (Gate)
        {
            var store = RequireStore(module);
            return store.Deleted.Select(d => new DeletedCrmRecord(
                d.Id, store.Schema.ApiName, d.PermanentSince is null ? "recycle" : "permanent", d.DisplayName,
                d.PermanentSince ?? d.DeletedTime, d.DeletedBy?.Id)).ToList();
        }
    }

    /// <summary>What an admin emptying the recycle bin does: the rows turn "permanent" and lose their names.</summary>
    public void EmptyRecycleBin(string module)
    {
        lock (Gate)
        {
            var now = State.Now;
            foreach (var entry in RequireStore(module).Deleted.Where(d => d.PermanentSince is null)) entry.PermanentSince = now;
        }
    }

    public IReadOnlyList<ZohoField> Fields(string module)
    {
        lock (Gate) return [.. RequireStore(module).Schema.Fields];
    }

    public ZohoField? FindField(string module, string apiName)
    {
        lock (Gate) return RequireStore(module).Schema.Find(apiName);
    }

    /// <summary>Creates a custom field as an admin would (same rules as <c>POST /settings/fields</c>).</summary>
    public ZohoField AddCustomField(string module, string label, string dataType = "text", int length = 255, ZohoUniqueness unique = ZohoUniqueness.None)
    {
        var spec = new JsonObject { ["field_label"] = label, ["data_type"] = dataType, ["length"] = length };
        if (unique != ZohoUniqueness.None)
            spec["unique"] = new JsonObject { ["case_sensitive"] = unique == ZohoUniqueness.CaseSensitive };
        lock (Gate)
        {
            var result = CrmApi.CreateField(this, RequireStore(module).Schema, spec, 0, out var created);
            return created ?? throw new ZohoRecordRejectedException(result);
        }
    }

    /// <summary>Marks a field "Do not allow duplicate values" (or lifts it).</summary>
    public void SetUnique(string module, string apiName, ZohoUniqueness unique)
    {
        lock (Gate)
        {
            var field = RequireStore(module).Schema.Find(apiName) ?? throw new ArgumentException($"No field '{apiName}' in {module}.", nameof(apiName));
            field.Unique = unique;
        }
    }

    /// <summary>An admin editing a picklist (zoho.md: Tasks' Status and Priority vary per org).</summary>
    public void SetPickListValues(string module, string apiName, IEnumerable<string> values)
    {
        lock (Gate)
        {
            var field = RequireStore(module).Schema.Find(apiName) ?? throw new ArgumentException($"No field '{apiName}' in {module}.", nameof(apiName));
            field.PickListValues = values.ToList();
        }
    }

    private CrmRecord Write(string module, ZohoUser? by, Func<WriteBatch, WriteOutcome> write)
    {
        lock (Gate)
        {
            var store = RequireStore(module);
            var batch = new WriteBatch(this, store, by ?? Admin, State.Now);
            var outcome = write(batch);
            if (!outcome.Success) throw new ZohoRecordRejectedException(outcome.Body);
            State.Notifications.Publish(this, store.Schema.ApiName, batch.Changes);
            return Snapshot(store, store.ById[outcome.RecordId!]);
        }
    }

    internal static CrmRecord Snapshot(ModuleStore store, StoredRecord record) => new()
    {
        Id = record.Id,
        Module = store.Schema.ApiName,
        CreatedTime = record.CreatedTime,
        ModifiedTime = record.ModifiedTime,
        OwnerId = record.Owner.Id,
        ModifiedById = record.ModifiedBy.Id,
        Tags = [.. record.Tags],
        Fields = (JsonObject)record.Values.DeepClone(),
    };

}
