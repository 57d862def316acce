using NotesSync.Application.Crm;
using NotesSync.Application.Notes;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Sync.Modules;

/// <summary>
/// Contacts: the mail file's Person documents (das.md §3) and Zoho Contacts (zoho.md §2). The company is Zoho's
/// Account lookup: read by name, written by the id of the Account of that name (found, or created).
/// </summary>
public sealed class ContactMapping : ModuleMapping
{
    private const string AccountLookup = "Account_Name";

    public override SyncModule Module => SyncModule.Contacts;
    public override string NotesView => "($Contacts)";
    public override string NotesForm => "Person";

    public override IReadOnlyList<FieldMap> Fields { get; } =
    [
        new("firstName", "FirstName", "First_Name", 40),
        new("lastName", "LastName", "Last_Name", 80),
        new("email", "InternetAddress", "Email", 100),
        new("phone", "OfficePhoneNumber", "Phone", 30),
        new("mobile", "CellPhoneNumber", "Mobile", 30),
        new("homePhone", "PhoneNumber", "Home_Phone", 30),
        new("title", "JobTitle", "Title", 100),
        new("department", "Department", "Department", 100),
        new("company", "CompanyName", AccountLookup, 200),
        new("street", "OfficeStreetAddress", "Mailing_Street", 250),
        new("city", "OfficeCity", "Mailing_City", 30),
        new("state", "OfficeState", "Mailing_State", 30),
        new("zip", "OfficeZIP", "Mailing_Zip", 30),
        new("country", "OfficeCountry", "Mailing_Country", 30),
        new("description", "Comment", "Description", 32000),
    ];

    /// <summary>
    /// The companies of all the run's contact writes are resolved to Accounts in one go (found, or created 100 a call),
    /// under the values <see cref="ModuleMapping.ToCrm"/> writes (cut to Zoho's length), so each write finds its own.
    /// </summary>
    public override async Task<Result> PrepareCrmWritesAsync(
        IEnumerable<IReadOnlyDictionary<string, string?>> valuesToWrite, ICrmGateway crm, string orgId, CancellationToken ct)
    {
        var companies = valuesToWrite
            .Select(values => ToCrm(values).Fields.GetValueOrDefault(AccountLookup))
            .Where(company => !string.IsNullOrWhiteSpace(company))
            .Select(company => company!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (companies.Count == 0) return Result.Success();

        var accounts = await crm.ResolveAccountsAsync(orgId, companies, ct);
        return accounts.IsFailure ? accounts.Error! : Result.Success();
    }

    public override async Task<Error?> ResolveCrmFieldsAsync(
        Dictionary<string, string?> fields, ICrmGateway crm, string orgId, CancellationToken ct)
    {
        if (!fields.TryGetValue(AccountLookup, out var company)) return null;
        if (string.IsNullOrWhiteSpace(company))
        {
            fields[AccountLookup] = null; // clears the lookup
            return null;
        }

        var account = await crm.EnsureAccountAsync(orgId, company, ct);
        if (account.IsFailure) return account.Error;
        fields[AccountLookup] = account.Value;
        return null;
    }

    /// <summary>By e-mail first, then by name and phone (issue: contacts by e-mail, then name and phone).</summary>
    public override IEnumerable<string> MatchKeys(IReadOnlyDictionary<string, string?> values)
    {
        if (values.GetValueOrDefault("email") is { } email) yield return "e:" + email.ToUpperInvariant();
        var name = $"{values.GetValueOrDefault("firstName")} {values.GetValueOrDefault("lastName")}".Trim().ToUpperInvariant();
        var phone = new string((values.GetValueOrDefault("phone") ?? values.GetValueOrDefault("mobile") ?? "").Where(char.IsDigit).ToArray());
        if (name.Length > 0 && phone.Length > 0) yield return $"n:{name}|{phone}";
    }

    /// <summary>A Notes contact's e-mail may sit in MailAddress when InternetAddress is empty.</summary>
    public override IReadOnlyDictionary<string, string?> FromNotes(NotesDocument document)
    {
        var values = new Dictionary<string, string?>(base.FromNotes(document), StringComparer.Ordinal);
        values["email"] ??= Clean(document.Items.GetValueOrDefault("MailAddress")?.First);
        return LowerEmail(values);
    }

    public override IReadOnlyDictionary<string, string?> FromCrm(CrmRecord record) =>
        LowerEmail(new Dictionary<string, string?>(base.FromCrm(record), StringComparer.Ordinal));

    /// <summary>E-mail addresses do not differ by case: "ZOE@x" and "zoe@x" are one address, not a conflict.</summary>
    private static Dictionary<string, string?> LowerEmail(Dictionary<string, string?> values)
    {
        values["email"] = values.GetValueOrDefault("email")?.ToLowerInvariant();
        return values;
    }
}
