using System.Security.Cryptography;
using System.Text;

namespace NotesSync.Domain.Links;

/// <summary>
/// A hash of one field's last-synced value. NotesSync keeps no copy of the user's data: comparing fingerprints
/// tells whether a side changed a field since the last sync without storing what it was.
/// </summary>
public readonly record struct Fingerprint(string Value)
{
    public static Fingerprint Of(string? fieldValue)
    {
        var normalised = fieldValue?.Trim() ?? "";
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(normalised), hash);
        // 16 bytes is plenty to tell versions of one field apart, and halves what we store.
        return new Fingerprint(Convert.ToHexStringLower(hash[..16]));
    }

    public bool Matches(string? fieldValue) => this == Of(fieldValue);

    public override string ToString() => Value;
}
