namespace NotesSync.Domain.Accounts;

/// <summary>A user of the Zoho CRM organisation, as Zoho names them.</summary>
public sealed record ZohoUser(string UserId, string Email, string Name);
