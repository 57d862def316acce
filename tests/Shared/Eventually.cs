namespace NotesSync.Testing;

/// <summary>
/// Waiting on a condition instead of sleeping: checked often, with a deadline that fails the test loudly. One file,
/// compiled into each test project that waits (linked from tests/Shared).
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Returns once <paramref name="condition"/> holds; fails, naming <paramref name="what"/>, past the deadline.</summary>
    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? deadline = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, deadline);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var within = deadline ?? DefaultDeadline;
        var until = DateTime.UtcNow + within;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Still not true after {within}: {what}");
            await Task.Delay(Interval);
        }
    }
}
