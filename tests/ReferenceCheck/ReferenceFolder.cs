namespace NotesSync.ReferenceCheck;

/// <summary>
/// Finds <c>shared/reference</c>: the vendors' files sit beside the repository (here <c>/work/wt/shared</c>, in CI
/// the steering checkout's <c>shared/</c> next to the clone), never inside it. Walks up from the test's output folder;
/// a missing folder fails loudly, so that a check with nothing to check against cannot pass.
/// </summary>
public static class ReferenceFolder
{
    /// <summary>Overrides the search, for a layout where <c>shared/</c> is elsewhere.</summary>
    public const string EnvironmentVariable = "NOTESSYNC_REFERENCE_DIR";

    public static string Locate(string? startDirectory = null)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
            return Directory.Exists(configured) ? configured
                : throw new DirectoryNotFoundException($"{EnvironmentVariable} names '{configured}', which does not exist.");

        var start = startDirectory ?? AppContext.BaseDirectory;
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "reference");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException(
            $"No shared/reference above '{start}': the vendors' API definitions must sit beside the repository " +
            $"(../shared/reference from its root), or {EnvironmentVariable} must name them.");
    }
}
