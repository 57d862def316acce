using System.IO.Compression;
using System.Text;

namespace NotesSync.Simulators.Domino.Knobs;

/// <summary>
/// Answers no Domino server sends, but a broken or hostile one (any host a user names) can: 200 JSON whose body
/// never fits in memory or never ends. Each stops when the client hangs up.
/// </summary>
internal static class HostileAnswers
{
    private const int MemberBytes = 16 * 1024 * 1024;
    private const int Members = 64;

    /// <summary>
    /// One gzip member of 16 MiB of spaces (about 16 KiB compressed), built once: gzip readers decompress members
    /// written one after another as one stream, so <see cref="Members"/> copies are 1 GiB from about 1 MiB on the wire.
    /// </summary>
    private static readonly Lazy<byte[]> BombMember = new(() =>
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < MemberBytes / spaces.Length; i++) gzip.Write(spaces);
        }
        return compressed.ToArray();
    });

    public static bool Handles(FaultAction action) => action is FaultAction.GzipBomb or FaultAction.EndlessBody or FaultAction.Trickle;

    public static async Task WriteAsync(FaultRule rule, HttpResponse response, CancellationToken aborted)
    {
        response.StatusCode = 200;
        response.ContentType = "application/json";
        await (rule.Action switch
        {
            FaultAction.GzipBomb => GzipBombAsync(response, aborted),
            FaultAction.EndlessBody => EndlessAsync(response, aborted),
            _ => TrickleAsync(response, rule.Delay, aborted),
        });
    }

    private static async Task GzipBombAsync(HttpResponse response, CancellationToken aborted)
    {
        var member = BombMember.Value;
        response.Headers.ContentEncoding = "gzip";
        response.ContentLength = (long)member.Length * Members;
        for (var i = 0; i < Members; i++) await response.Body.WriteAsync(member, aborted);
    }

    /// <summary>A view page that never closes: one entry after another, as fast as the client reads them.</summary>
    private static async Task EndlessAsync(HttpResponse response, CancellationToken aborted)
    {
        var entries = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"@unid\":\"0123456789ABCDEF0123456789ABCDEF\"},", 1024)));
        await response.Body.WriteAsync("["u8.ToArray(), aborted);
        // Ends only by the client hanging up, which throws here: the call is then logged as aborted. (A loop that
        // checked the token itself could end quietly, and be logged as answered.)
        for (;;)
        {
            aborted.ThrowIfCancellationRequested();
            await response.Body.WriteAsync(entries, aborted);
            await response.Body.FlushAsync(aborted);
        }
    }

    /// <summary>An empty view page, <c>[]</c>, one byte at a time over <paramref name="duration"/>, spaces in between.</summary>
    private static async Task TrickleAsync(HttpResponse response, TimeSpan duration, CancellationToken aborted)
    {
        const int steps = 300;
        await response.Body.WriteAsync("["u8.ToArray(), aborted);
        for (var i = 0; i < steps; i++)
        {
            await response.Body.FlushAsync(aborted);
            await Task.Delay(duration / steps, aborted);
            await response.Body.WriteAsync(" "u8.ToArray(), aborted);
        }
        await response.Body.WriteAsync("]"u8.ToArray(), aborted);
    }
}
