using System.Net.Mail;

namespace NotesSync.Domain.Common;

/// <summary>An e-mail address that parsed, kept as the user typed it (trimmed); compared case-insensitively.</summary>
public sealed record EmailAddress
{
    private EmailAddress(string value) => Value = value;

    public string Value { get; }

    public static bool TryCreate(string? raw, out EmailAddress? email)
    {
        email = null;
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 254) return false;
        var trimmed = raw.Trim();
        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed) return false;
        if (!parsed.Host.Contains('.', StringComparison.Ordinal)) return false;
        email = new EmailAddress(trimmed);
        return true;
    }

    public static bool IsValid(string? raw) => TryCreate(raw, out _);

    public bool Equals(EmailAddress? other) =>
        other is not null && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    public override string ToString() => Value;
}
