using System.Globalization;

/// <summary>
/// Loaded into the NotesSync host by <c>DOTNET_STARTUP_HOOKS</c> (the benchmark sets it), so that the host's own
/// managed figures can be read from outside without changing the host: every 50 ms it writes the bytes allocated
/// since start, the managed heap, the GC's committed memory and the collection counts to the file named by
/// <c>NOTESSYNC_BENCH_STATS</c>. The runtime finds this type by its name, in no namespace.
/// </summary>
#pragma warning disable CA1050 // The runtime looks for a type named StartupHook in no namespace.
public static class StartupHook
#pragma warning restore CA1050
{
    public const string StatsVariable = "NOTESSYNC_BENCH_STATS";

    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(StatsVariable) is not { Length: > 0 } path) return;
        var thread = new Thread(() => Write(path)) { IsBackground = true, Name = "benchmark-stats" };
        thread.Start();
    }

    private static void Write(string path)
    {
        var temporary = path + ".tmp";
        while (true)
        {
            try
            {
                var info = GC.GetGCMemoryInfo();
                var line = string.Join(' ',
                    DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                    GC.GetTotalAllocatedBytes(precise: false).ToString(CultureInfo.InvariantCulture),
                    GC.GetTotalMemory(forceFullCollection: false).ToString(CultureInfo.InvariantCulture),
                    info.TotalCommittedBytes.ToString(CultureInfo.InvariantCulture),
                    GC.CollectionCount(0).ToString(CultureInfo.InvariantCulture),
                    GC.CollectionCount(1).ToString(CultureInfo.InvariantCulture),
                    GC.CollectionCount(2).ToString(CultureInfo.InvariantCulture),
                    System.Runtime.JitInfo.GetCompiledMethodCount().ToString(CultureInfo.InvariantCulture));
                File.WriteAllText(temporary, line);
                File.Move(temporary, path, overwrite: true);
            }
            catch (IOException)
            {
                // The benchmark reads the file meanwhile, or has gone: try again at the next tick.
            }

            Thread.Sleep(50);
        }
    }
}
