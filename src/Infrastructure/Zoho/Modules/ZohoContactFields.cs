using NotesSync.Domain.Profiles;
using static NotesSync.Application.Sync.Modules.ContactModule;

namespace NotesSync.Infrastructure.Zoho.Modules;

/// <summary>
/// Zoho Contacts (zoho.md §2). The company is the <c>Account_Name</c> lookup: read by name, written by the id of the
/// Account of that name, which <see cref="ZohoCrmRecords"/> finds or creates before the write.
/// </summary>
internal sealed class ZohoContactFields : ZohoModuleTranslation
{
    public const string AccountLookup = "Account_Name";

    public override SyncModule Module => SyncModule.Contacts;

    public override IReadOnlyList<ZohoField> Fields { get; } =
    [
        new(FirstName, "First_Name", 40),
        new(LastName, "Last_Name", 80),
        new(Email, "Email", 100),
        new(Phone, "Phone", 30),
        new(Mobile, "Mobile", 30),
        new(HomePhone, "Home_Phone", 30),
        new(Title, "Title", 100),
        new(Department, "Department", 100),
        new(Company, AccountLookup, 200),
        new(Street, "Mailing_Street", 250),
        new(City, "Mailing_City", 30),
        new(State, "Mailing_State", 30),
        new(Zip, "Mailing_Zip", 30),
        new(Country, "Mailing_Country", 30),
        new(Description, "Description", 32000),
    ];
}
