using NotesSync.Domain.Profiles;

namespace NotesSync.Application.Sync.Modules;

/// <summary>Contacts (product.md §3): a person's names, addresses, numbers and company.</summary>
public sealed class ContactModule : SyncModuleDefinition
{
    public const string FirstName = "firstName";
    public const string LastName = "lastName";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Mobile = "mobile";
    public const string HomePhone = "homePhone";
    public const string Title = "title";
    public const string Department = "department";
    public const string Company = "company";
    public const string Street = "street";
    public const string City = "city";
    public const string State = "state";
    public const string Zip = "zip";
    public const string Country = "country";
    public const string Description = "description";

    public override SyncModule Module => SyncModule.Contacts;

    public override IReadOnlyList<string> Fields { get; } =
        [FirstName, LastName, Email, Phone, Mobile, HomePhone, Title, Department, Company, Street, City, State, Zip, Country, Description];

    /// <summary>One CRM contact per person, across the organisation's users: told apart by e-mail.</summary>
    public override string? IdentityField => Email;

    /// <summary>By e-mail first, then by name and phone.</summary>
    public override IEnumerable<string> MatchKeys(IReadOnlyDictionary<string, string?> values)
    {
        if (values.GetValueOrDefault(Email) is { } email) yield return "e:" + email.ToUpperInvariant();
        var name = $"{values.GetValueOrDefault(FirstName)} {values.GetValueOrDefault(LastName)}".Trim().ToUpperInvariant();
        var phone = new string((values.GetValueOrDefault(Phone) ?? values.GetValueOrDefault(Mobile) ?? "").Where(char.IsDigit).ToArray());
        if (name.Length > 0 && phone.Length > 0) yield return $"n:{name}|{phone}";
    }

    public override string MatchedBy(string key) => key.StartsWith("e:", StringComparison.Ordinal) ? "email" : "namePhone";

    public override string? DisplayNameOf(IReadOnlyDictionary<string, string?> values) =>
        $"{values.GetValueOrDefault(FirstName)} {values.GetValueOrDefault(LastName)}".Trim() is { Length: > 0 } name ? name : values.GetValueOrDefault(Email);

    /// <summary>E-mail addresses do not differ by case: "ZOE@x" and "zoe@x" are one address, not a conflict.</summary>
    protected override string Normalised(string field, string value) => field == Email ? value.ToLowerInvariant() : value;
}
