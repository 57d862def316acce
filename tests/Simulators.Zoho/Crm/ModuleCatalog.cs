namespace NotesSync.Simulators.Zoho.Crm;

/// <summary>A module's fields in one org (custom fields and edited picklists make it per org).</summary>
internal sealed class ModuleSchema
{
    private readonly List<ZohoField> _fields = [];
    private readonly Dictionary<string, ZohoField> _byApiName = new(StringComparer.Ordinal);

    public ModuleSchema(string apiName, string scopeName, string displayField, bool supportsUpsert)
    {
        ApiName = apiName;
        ScopeName = scopeName;
        DisplayField = displayField;
        SupportsUpsert = supportsUpsert;
    }

    public string ApiName { get; }

    /// <summary>The lower-case name OAuth scopes use (<c>ZohoCRM.modules.contacts.READ</c>).</summary>
    public string ScopeName { get; }

    /// <summary>The field shown as <c>display_name</c> in the deleted list and as <c>name</c> in lookups.</summary>
    public string DisplayField { get; }

    /// <summary>zoho.md: upsert serves Contacts and Accounts, not Tasks and not Events.</summary>
    public bool SupportsUpsert { get; }

    public IReadOnlyList<ZohoField> Fields => _fields;

    public ZohoField? Find(string apiName) => _byApiName.GetValueOrDefault(apiName);

    public void Add(ZohoField field)
    {
        _fields.Add(field);
        _byApiName[field.ApiName] = field;
    }

    /// <summary>Custom fields go before the system stamps, so "all fields" keeps Zoho's rough order.</summary>
    public void AddCustom(ZohoField field)
    {
        var at = _fields.FindIndex(f => f.ApiName == "Tag");
        _fields.Insert(at < 0 ? _fields.Count : at, field);
        _byApiName[field.ApiName] = field;
    }
}

/// <summary>The standard fields of the modules NotesSync syncs, with Zoho's api names (zoho.md "Field API names").</summary>
internal static class ModuleCatalog
{
    public static readonly string[] Modules = ["Contacts", "Tasks", "Events", "Accounts"];

    public static readonly string[] TaskStatuses = ["Not Started", "Deferred", "In Progress", "Completed", "Waiting for input"];

    // zoho.md marks the Priority values inferred.
    public static readonly string[] TaskPriorities = ["Highest", "High", "Normal", "Low", "Lowest"];

    public static ModuleSchema Create(string module, Func<string> nextId) => module switch
    {
        "Contacts" => Contacts(nextId),
        "Tasks" => Tasks(nextId),
        "Events" => Events(nextId),
        "Accounts" => Accounts(nextId),
        _ => throw new ArgumentOutOfRangeException(nameof(module), module, "Not a simulated module."),
    };

    private static ModuleSchema Contacts(Func<string> id)
    {
        var s = new ModuleSchema("Contacts", "contacts", "Full_Name", supportsUpsert: true);
        s.Add(Field(id, "Owner", "Contact Owner", "ownerlookup", FieldKind.OwnerLookup));
        s.Add(Field(id, "First_Name", "First Name", "text", FieldKind.Text, 40));
        s.Add(Field(id, "Last_Name", "Last Name", "text", FieldKind.Text, 80, mandatory: true));
        s.Add(Field(id, "Full_Name", "Contact Name", "text", FieldKind.FullName, 120, readOnly: true));
        // Email is Contacts' system duplicate-check field: upsert matches on it and, while the org's duplicate
        // check preference is on (ZohoOrg.SystemDuplicateCheck), insert/update refuse a second contact with the
        // same address. Its metadata still shows "unique": {} — it is a preference, not a unique field.
        s.Add(Field(id, "Email", "Email", "email", FieldKind.Email, 100, systemDuplicateCheck: true));
        s.Add(Field(id, "Secondary_Email", "Secondary Email", "email", FieldKind.Email, 100));
        s.Add(Field(id, "Phone", "Phone", "phone", FieldKind.Phone, 30));
        s.Add(Field(id, "Mobile", "Mobile", "phone", FieldKind.Phone, 30));
        s.Add(Field(id, "Home_Phone", "Home Phone", "phone", FieldKind.Phone, 30));
        s.Add(Field(id, "Fax", "Fax", "text", FieldKind.Text, 30));
        s.Add(Field(id, "Title", "Title", "text", FieldKind.Text, 100));
        s.Add(Field(id, "Department", "Department", "text", FieldKind.Text, 100));
        s.Add(Field(id, "Account_Name", "Account Name", "lookup", FieldKind.Lookup, lookupModule: "Accounts"));
        foreach (var prefix in new[] { "Mailing", "Other" })
        {
            s.Add(Field(id, $"{prefix}_Street", $"{prefix} Street", "text", FieldKind.Text, 250));
            s.Add(Field(id, $"{prefix}_City", $"{prefix} City", "text", FieldKind.Text, 100));
            s.Add(Field(id, $"{prefix}_State", $"{prefix} State", "text", FieldKind.Text, 100));
            s.Add(Field(id, $"{prefix}_Zip", $"{prefix} Zip", "text", FieldKind.Text, 30));
            s.Add(Field(id, $"{prefix}_Country", $"{prefix} Country", "text", FieldKind.Text, 100));
        }
        s.Add(Field(id, "Description", "Description", "textarea", FieldKind.TextArea, 32_000));
        s.Add(Field(id, "Date_of_Birth", "Date of Birth", "date", FieldKind.Date));
        AddSystemFields(s, id);
        return s;
    }

    private static ModuleSchema Tasks(Func<string> id)
    {
        var s = new ModuleSchema("Tasks", "tasks", "Subject", supportsUpsert: false);
        s.Add(Field(id, "Owner", "Task Owner", "ownerlookup", FieldKind.OwnerLookup));
        s.Add(Field(id, "Subject", "Subject", "text", FieldKind.Text, 255, mandatory: true));
        s.Add(Field(id, "Due_Date", "Due Date", "date", FieldKind.Date));
        s.Add(Picklist(id, "Status", "Status", TaskStatuses));
        s.Add(Picklist(id, "Priority", "Priority", TaskPriorities));
        s.Add(Field(id, "Description", "Description", "textarea", FieldKind.TextArea, 32_000));
        s.Add(Field(id, "Who_Id", "Contact Name", "lookup", FieldKind.Lookup, lookupModule: "Contacts"));
        s.Add(Field(id, "What_Id", "Related To", "lookup", FieldKind.Lookup, lookupModule: "$se_module"));
        // data_type of the reminder and recurrence fields is not documented; these names are guesses.
        s.Add(Field(id, "Remind_At", "Reminder", "alarm", FieldKind.TaskReminder));
        s.Add(Field(id, "Recurring_Activity", "Repeat", "RRULE", FieldKind.RecurringActivity));
        s.Add(Field(id, "Closed_Time", "Closed Time", "datetime", FieldKind.ClosedTime, readOnly: true));
        AddSystemFields(s, id);
        return s;
    }

    private static ModuleSchema Events(Func<string> id)
    {
        var s = new ModuleSchema("Events", "events", "Event_Title", supportsUpsert: false);
        s.Add(Field(id, "Owner", "Host", "ownerlookup", FieldKind.OwnerLookup));
        s.Add(Field(id, "Event_Title", "Title", "text", FieldKind.Text, 255, mandatory: true));
        s.Add(Field(id, "Start_DateTime", "From", "datetime", FieldKind.DateTime, mandatory: true));
        s.Add(Field(id, "End_DateTime", "To", "datetime", FieldKind.DateTime, mandatory: true));
        s.Add(Field(id, "All_day", "All day", "boolean", FieldKind.Boolean));
        s.Add(Field(id, "Venue", "Location", "text", FieldKind.Text, 255));
        s.Add(Field(id, "Description", "Description", "textarea", FieldKind.TextArea, 32_000));
        s.Add(Field(id, "Participants", "Participants", "multiselectlookup", FieldKind.Participants));
        s.Add(Field(id, "Remind_At", "Reminder", "event_reminder", FieldKind.EventReminder));
        s.Add(Field(id, "Remind_Participants", "Remind Participants", "event_reminder", FieldKind.Json));
        s.Add(Field(id, "Who_Id", "Contact Name", "lookup", FieldKind.Lookup, lookupModule: "Contacts"));
        s.Add(Field(id, "What_Id", "Related To", "lookup", FieldKind.Lookup, lookupModule: "$se_module"));
        s.Add(Field(id, "Recurring_Activity", "Repeat", "RRULE", FieldKind.RecurringActivity));
        AddSystemFields(s, id);
        return s;
    }

    private static ModuleSchema Accounts(Func<string> id)
    {
        var s = new ModuleSchema("Accounts", "accounts", "Account_Name", supportsUpsert: true);
        s.Add(Field(id, "Owner", "Account Owner", "ownerlookup", FieldKind.OwnerLookup));
        s.Add(Field(id, "Account_Name", "Account Name", "text", FieldKind.Text, 200, mandatory: true, systemDuplicateCheck: true));
        s.Add(Field(id, "Phone", "Phone", "phone", FieldKind.Phone, 30));
        s.Add(Field(id, "Website", "Website", "website", FieldKind.Website, 255));
        s.Add(Field(id, "Description", "Description", "textarea", FieldKind.TextArea, 32_000));
        AddSystemFields(s, id);
        return s;
    }

    private static void AddSystemFields(ModuleSchema s, Func<string> id)
    {
        s.Add(Field(id, "Tag", "Tag", "text", FieldKind.Tag));
        s.Add(Field(id, "Created_By", "Created By", "ownerlookup", FieldKind.UserStamp, readOnly: true));
        s.Add(Field(id, "Modified_By", "Modified By", "ownerlookup", FieldKind.UserStamp, readOnly: true));
        s.Add(Field(id, "Created_Time", "Created Time", "datetime", FieldKind.TimeStamp, readOnly: true));
        s.Add(Field(id, "Modified_Time", "Modified Time", "datetime", FieldKind.TimeStamp, readOnly: true));
    }

    private static ZohoField Picklist(Func<string> id, string apiName, string label, IReadOnlyList<string> values) => new()
    {
        Id = id(),
        ApiName = apiName,
        Label = label,
        DataType = "picklist",
        Kind = FieldKind.Picklist,
        Length = 120,
        PickListValues = values,
    };

    private static ZohoField Field(
        Func<string> id, string apiName, string label, string dataType, FieldKind kind, int? length = null,
        bool mandatory = false, bool readOnly = false, string? lookupModule = null, bool systemDuplicateCheck = false) => new()
        {
            Id = id(),
            ApiName = apiName,
            Label = label,
            DataType = dataType,
            Kind = kind,
            Length = length,
            Mandatory = mandatory,
            ReadOnly = readOnly,
            LookupModule = lookupModule,
            SystemDuplicateCheck = systemDuplicateCheck,
        };
}
