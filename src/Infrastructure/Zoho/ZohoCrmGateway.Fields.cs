using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>The field metadata API (<c>/crm/v8/settings/fields</c>, zoho.md "Custom cross-reference field").</summary>
internal sealed partial class ZohoCrmGateway
{
    private const string NotesUnidLabel = "Notes UNID";
    private const int NotesUnidLength = 64;
    private const int UniqueFieldsPerModule = 2;

    private sealed record FieldInfo(string Id, string ApiName, string Label, string DataType, bool Unique)
    {
        public List<string> PickList { get; init; } = [];
    }

    public async Task<Result<IReadOnlyDictionary<string, IReadOnlyList<string>>>> PickListsAsync(string orgId, SyncModule module, CancellationToken ct)
    {
        var known = await ModuleFieldsAsync(orgId, module, ct);
        return known.IsFailure ? known.Error! : Result.Success(known.Value.PickLists);
    }

    private async Task<Result<ZohoModuleFields>> ModuleFieldsAsync(string orgId, SyncModule module, CancellationToken ct) =>
        catalog.TryGet(orgId, module, out var known) ? known : await ReadModuleFieldsAsync(orgId, module, create: false, ct);

    /// <summary>Reads the module's fields; creates the Notes UNID field first when <paramref name="create"/> and it is missing.</summary>
    private async Task<Result<ZohoModuleFields>> ReadModuleFieldsAsync(string orgId, SyncModule module, bool create, CancellationToken ct)
    {
        var listed = await ListFieldsAsync(orgId, module, null, ct);
        if (listed.IsFailure) return listed.Error!;
        var fields = listed.Value;

        var notesUnid = fields.Find(IsNotesUnid);
        if (notesUnid is null)
        {
            if (!create) return ZohoCrmErrors.NotPrepared(module);
            var created = await CreateNotesUnidAsync(orgId, module, fields.Count(f => f.Unique) < UniqueFieldsPerModule, ct);
            if (created.IsFailure) return created.Error!;
            notesUnid = created.Value;
            fields.Add(notesUnid);
        }

        var byName = fields.GroupBy(f => f.ApiName, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var known = new ZohoModuleFields(notesUnid.ApiName, notesUnid.Unique, byName.ToDictionary(f => f.ApiName, f => f.DataType, StringComparer.Ordinal))
        {
            PickLists = byName.Where(f => f.PickList.Count > 0).ToDictionary(f => f.ApiName, f => (IReadOnlyList<string>)f.PickList, StringComparer.Ordinal),
        };
        catalog.Remember(orgId, module, known);
        return known;
    }

    private static bool IsNotesUnid(FieldInfo field) =>
        field.Label.Equals(NotesUnidLabel, StringComparison.OrdinalIgnoreCase) || field.ApiName == ZohoRecords.NotesUnidKey;

    /// <summary>
    /// Creates the text field, unique while the module has room for one more unique field (≤ 2 per module), and
    /// reads it back: the creation answers only the new field's id, not its api name.
    /// </summary>
    private async Task<Result<FieldInfo>> CreateNotesUnidAsync(string orgId, SyncModule module, bool unique, CancellationToken ct)
    {
        var field = new JsonObject { ["field_label"] = NotesUnidLabel, ["data_type"] = "text", ["length"] = NotesUnidLength };
        // Sources disagree on the member's spelling: the docs write case_sensitive, the OpenAPI/SDK models casesensitive.
        // The docs' is sent; a server reading the other one falls back to its default, case-insensitive, which is the
        // wish anyway. The read-back decides on the presence of "unique", whichever spelling it carries.
        if (unique) field["unique"] = new JsonObject { ["case_sensitive"] = false };

        var response = await zoho.SendAsync(orgId, HttpMethod.Post, $"/crm/v8/settings/fields?module={ModuleName(module)}", ct,
            json: new JsonObject { ["fields"] = new JsonArray(field) });
        if (response.IsFailure) return response.Error!;

        string? id;
        using (var json = ZohoRecords.Parse(response.Value))
        {
            var item = json is not null && json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("fields", out var items) && items.ValueKind == JsonValueKind.Array && items.GetArrayLength() == 1
                    ? items[0]
                    : default;
            if (item.ValueKind != JsonValueKind.Object) return Refused(response.Value);

            var code = ZohoRecords.Text(item, "code");
            var details = item.TryGetProperty("details", out var d) ? d : default;
            var about = details.ValueKind == JsonValueKind.Object ? ZohoRecords.Text(details, "api_name") : null;
            if (code == "LIMIT_EXCEEDED" && unique && about == "unique")
                return await CreateNotesUnidAsync(orgId, module, unique: false, ct);
            if (code == "DUPLICATE_DATA")
            {
                // Another node created it in the meantime.
                var again = await ListFieldsAsync(orgId, module, null, ct);
                if (again.IsFailure) return again.Error!;
                return again.Value.Find(IsNotesUnid) is { } existing ? existing : Refused(response.Value);
            }
            if (code != "SUCCESS") return Refused(response.Value);
            id = details.ValueKind == JsonValueKind.Object ? ZohoRecords.Text(details, "id") : null;
        }
        if (id is null) return Refused(response.Value);

        var readBack = await ListFieldsAsync(orgId, module, id, ct);
        if (readBack.IsFailure) return readBack.Error!;
        return readBack.Value.Count == 1 ? readBack.Value[0] : ZohoApiErrors.Unavailable;
    }

    /// <summary><c>GET /settings/fields?module=…</c>, or one field with <paramref name="fieldId"/>.</summary>
    private async Task<Result<List<FieldInfo>>> ListFieldsAsync(string orgId, SyncModule module, string? fieldId, CancellationToken ct)
    {
        var path = fieldId is null
            ? $"/crm/v8/settings/fields?module={ModuleName(module)}"
            : $"/crm/v8/settings/fields/{Uri.EscapeDataString(fieldId)}?module={ModuleName(module)}";
        var response = await zoho.SendAsync(orgId, HttpMethod.Get, path, ct);
        if (response.IsFailure) return response.Error!;
        if (response.Value.Status != HttpStatusCode.OK) return Refused(response.Value);

        using var json = ZohoRecords.Parse(response.Value);
        if (json is null || json.RootElement.ValueKind != JsonValueKind.Object
            || !json.RootElement.TryGetProperty("fields", out var items) || items.ValueKind != JsonValueKind.Array)
            return ZohoApiErrors.Unavailable;

        var fields = new List<FieldInfo>();
        foreach (var item in items.EnumerateArray())
        {
            if (ZohoRecords.Text(item, "api_name") is not { } apiName) continue;
            fields.Add(new FieldInfo(ZohoRecords.Text(item, "id") ?? "", apiName, ZohoRecords.Text(item, "field_label") ?? apiName,
                ZohoRecords.Text(item, "data_type") ?? "", IsUnique(item)) { PickList = PickList(item) });
        }
        return fields;
    }

    /// <summary>A picklist's values: each one's <c>actual_value</c> (what the API reads and writes), else its display value.</summary>
    private static List<string> PickList(JsonElement field) =>
        field.TryGetProperty("pick_list_values", out var values) && values.ValueKind == JsonValueKind.Array
            ? [.. values.EnumerateArray()
                .Where(v => v.ValueKind == JsonValueKind.Object)
                .Select(v => ZohoRecords.Text(v, "actual_value") ?? ZohoRecords.Text(v, "display_value"))
                .OfType<string>()]
            : [];

    /// <summary>
    /// v8 answers <c>"unique": {}</c> for a field that is not unique, and an object with the case flag for one that is
    /// (sources disagree on its spelling, <c>case_sensitive</c> or <c>casesensitive</c>: either counts); older answers a boolean.
    /// </summary>
    private static bool IsUnique(JsonElement field) =>
        field.TryGetProperty("unique", out var unique) && unique.ValueKind switch
        {
            JsonValueKind.Object => unique.EnumerateObject().Any(),
            JsonValueKind.True => true,
            _ => false,
        };
}
