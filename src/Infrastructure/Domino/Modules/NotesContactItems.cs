using NotesSync.Application.Notes;
using NotesSync.Domain.Profiles;
using static NotesSync.Application.Sync.Modules.ContactModule;

namespace NotesSync.Infrastructure.Domino.Modules;

/// <summary>Contacts: the mail file's Person documents in the <c>($Contacts)</c> view (das.md §3).</summary>
internal sealed class NotesContactItems : NotesModuleItems
{
    public override SyncModule Module => SyncModule.Contacts;
    public override string View => "($Contacts)";
    public override string Form => "Person";

    public override IReadOnlyList<NotesField> Fields { get; } =
    [
        new(FirstName, "FirstName"),
        new(LastName, "LastName"),
        new(Email, "InternetAddress"),
        new(Phone, "OfficePhoneNumber"),
        new(Mobile, "CellPhoneNumber"),
        new(HomePhone, "PhoneNumber"),
        new(Title, "JobTitle"),
        new(Department, "Department"),
        new(Company, "CompanyName"),
        new(Street, "OfficeStreetAddress"),
        new(City, "OfficeCity"),
        new(State, "OfficeState"),
        new(Zip, "OfficeZIP"),
        new(Country, "OfficeCountry"),
        new(Description, "Comment"),
    ];

    /// <summary>A Notes contact's e-mail may sit in MailAddress when InternetAddress is empty.</summary>
    public override IReadOnlyDictionary<string, string?> FromItems(NotesDocument document)
    {
        var values = new Dictionary<string, string?>(base.FromItems(document), StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(values[Email])) values[Email] = document.Items.GetValueOrDefault("MailAddress")?.First;
        return values;
    }
}
