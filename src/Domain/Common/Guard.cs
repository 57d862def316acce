namespace NotesSync.Domain.Common;

/// <summary>Guard clauses for invariants a caller can only break by a programming error.</summary>
public static class Guard
{
    public static string NotBlank(string? value, string name, int maxLength = 320)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{name} is required.", name);
        if (value.Length > maxLength) throw new ArgumentException($"{name} is longer than {maxLength} characters.", name);
        return value.Trim();
    }

    public static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
}
