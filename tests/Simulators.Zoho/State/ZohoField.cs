namespace NotesSync.Simulators.Zoho;

public enum ZohoUniqueness
{
    None,
    CaseInsensitive,
    CaseSensitive,
}

/// <summary>How the simulator validates and renders a field; <see cref="ZohoField.DataType"/> is what the wire shows.</summary>
internal enum FieldKind
{
    Text,
    TextArea,
    Email,
    Phone,
    Website,
    Integer,
    BigInt,
    Double,
    Boolean,
    Date,
    DateTime,
    Picklist,
    Lookup,
    OwnerLookup,
    UserStamp,
    TimeStamp,
    Participants,
    TaskReminder,
    EventReminder,
    RecurringActivity,
    Tag,
    FullName,
    ClosedTime,
    Json,
}

/// <summary>One field of a module's metadata (<c>GET /settings/fields</c>).</summary>
public sealed class ZohoField
{
    public required string Id { get; init; }

    public required string ApiName { get; init; }

    public required string Label { get; init; }

    /// <summary>Zoho's <c>data_type</c>: text, textarea, email, phone, website, integer, bigint, double, boolean, date, datetime, picklist, lookup, ownerlookup, …</summary>
    public required string DataType { get; init; }

    internal FieldKind Kind { get; init; }

    public int? Length { get; init; }

    public bool Mandatory { get; init; }

    public bool ReadOnly { get; init; }

    public bool Custom { get; init; }

    public ZohoUniqueness Unique { get; internal set; }

    public IReadOnlyList<string> PickListValues { get; internal set; } = [];

    public string? LookupModule { get; init; }

    /// <summary>A system-defined duplicate-check field usable in upsert (Email for Contacts, Account_Name for Accounts).</summary>
    public bool SystemDuplicateCheck { get; init; }

    internal string JsonType => Kind switch
    {
        FieldKind.Integer or FieldKind.BigInt => "integer",
        FieldKind.Double => "double",
        FieldKind.Boolean => "boolean",
        FieldKind.Lookup or FieldKind.OwnerLookup or FieldKind.UserStamp or FieldKind.TaskReminder
            or FieldKind.RecurringActivity => "jsonobject",
        FieldKind.Participants or FieldKind.Tag => "jsonarray",
        _ => "string",
    };
}
