using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace NotesSync.Simulators.Zoho.Crm;

/// <summary>
/// A page token: a cursor kept on the server, bound to the user who got it and to the exact request parameters.
/// The walk resumes after the last record served (keyset), so records inserted meanwhile are not skipped.
/// </summary>
internal sealed class PageToken
{
    public required string Token { get; init; }

    public required string UserId { get; init; }

    public required string Module { get; init; }

    public required string Binding { get; init; }

    public required long CursorSort { get; init; }

    public required long CursorKey { get; init; }

    public required int Served { get; init; }

    public required int Page { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}

internal sealed class PageTokenStore(ZohoSimulatorState state)
{
    private readonly ConcurrentDictionary<string, PageToken> _tokens = new(StringComparer.Ordinal);

    public PageToken Issue(string userId, string module, string binding, long cursorSort, long cursorKey, int served, int page)
    {
        if (_tokens.Count > 10_000)
            foreach (var stale in _tokens.Values.Where(t => t.ExpiresAt <= state.Now)) _tokens.TryRemove(stale.Token, out _);
        var token = new PageToken
        {
            Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            UserId = userId,
            Module = module,
            Binding = binding,
            CursorSort = cursorSort,
            CursorKey = cursorKey,
            Served = served,
            Page = page,
            ExpiresAt = state.Now + state.Options.PageTokenLifetime,
        };
        _tokens[token.Token] = token;
        return token;
    }

    public PageToken? Find(string token) => _tokens.GetValueOrDefault(token);
}
