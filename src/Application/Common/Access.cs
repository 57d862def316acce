namespace NotesSync.Application.Common;

/// <summary>A request a licensed user of the caller's organisation may send.</summary>
public interface ILicensedRequest;

/// <summary>A request only an admin of the caller's organisation may send.</summary>
public interface IAdminRequest : ILicensedRequest;

/// <summary>The caller may not do this; <see cref="Code"/> says why (api.md: not-licensed, admin-only).</summary>
public sealed class AccessDeniedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
