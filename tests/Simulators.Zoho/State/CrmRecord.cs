using System.Text.Json.Nodes;

namespace NotesSync.Simulators.Zoho;

/// <summary>A copy of one CRM record as the simulator stores it (date-times in UTC, lookups as {"id"}).</summary>
public sealed class CrmRecord
{
    public required string Id { get; init; }

    public required string Module { get; init; }

    public required DateTimeOffset CreatedTime { get; init; }

    public required DateTimeOffset ModifiedTime { get; init; }

    public required string OwnerId { get; init; }

    public required string ModifiedById { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    public required JsonObject Fields { get; init; }

    public string? this[string apiName] => Fields[apiName] is JsonValue v && v.TryGetValue<string>(out var s) ? s : Fields[apiName]?.ToJsonString();
}

/// <summary>A row of the deleted-records listing.</summary>
public sealed record DeletedCrmRecord(string Id, string Module, string Type, string? DisplayName, DateTimeOffset DeletedTime, string? DeletedById);
