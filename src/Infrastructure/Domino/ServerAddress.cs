using System.Net;
using System.Net.Sockets;
using NotesSync.Application.Notes;
using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Domino;

/// <summary>
/// The Domino server a user typed, as a URL we are willing to call. A server name is user input that makes our
/// backend open connections, so plain http, private addresses and ports other than
/// <see cref="DominoOptions.AllowedPorts"/> are refused unless configuration allows them;
/// names are checked again after DNS resolution, at connect time (<see cref="PrivateNetworkGuard"/>).
/// </summary>
public static class ServerAddress
{
    public static Result<Uri> Parse(string serverName, DominoOptions options)
    {
        var typed = serverName.Trim();
        if (typed.Length == 0 || typed.Any(char.IsWhiteSpace)) return NotesErrors.InvalidServer;
        if (!typed.Contains("://", StringComparison.Ordinal)) typed = "https://" + typed;

        if (!Uri.TryCreate(typed, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo) || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            return NotesErrors.InvalidServer;
        if (uri.Scheme == Uri.UriSchemeHttp && !options.AllowInsecureHttp) return NotesErrors.InsecureServer;
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) return NotesErrors.InvalidServer;
        if (!options.AllowPrivateNetworks && !options.PortsAllowed.Contains(uri.Port)) return NotesErrors.PortNotAllowed(options.PortsAllowed);
        if (!options.AllowPrivateNetworks && IPAddress.TryParse(uri.DnsSafeHost, out var literal) && IsPrivate(literal))
            return NotesErrors.PrivateNetwork;
        if (!options.AllowPrivateNetworks && uri.DnsSafeHost.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return NotesErrors.PrivateNetwork;

        // DAS lives at the server's root: whatever path was typed (a web page, "/names.nsf") is not part of it.
        return new UriBuilder(uri.Scheme, uri.Host, uri.Port).Uri;
    }

    /// <summary>
    /// Whether an address is one NotesSync must not reach for a user: loopback, private (RFC 1918, unique-local),
    /// link-local, carrier-grade NAT, benchmarking, documentation, multicast, reserved and unspecified addresses, and
    /// every IPv6 form that carries an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4) when that address is one.
    /// </summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork) return IsPrivateIPv4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return true;

        var b = address.GetAddressBytes();
        if (EmbeddedIPv4(b) is { } embedded) return IsPrivateIPv4(embedded);
        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast
            // Teredo 2001:0::/32 hides its IPv4 client XOR-ed in the address: a tunnel, never a Domino server.
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
            // Documentation 2001:db8::/32, and discard-only 100::/64.
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
            || (b[0] == 0x01 && b[1] == 0 && b.AsSpan(2, 6).IndexOfAnyExcept((byte)0) < 0);
    }

    /// <summary>
    /// The IPv4 address an IPv6 address leads to, where the network translates or tunnels it there: IPv4-mapped
    /// <c>::ffff:a.b.c.d</c>, IPv4-compatible <c>::a.b.c.d</c> (deprecated, still routed by some stacks), NAT64
    /// <c>64:ff9b::/96</c> and its local-use <c>64:ff9b:1::/48</c>, and 6to4 <c>2002:AABB:CCDD::/48</c>.
    /// </summary>
    private static byte[]? EmbeddedIPv4(byte[] b)
    {
        var firstTenZero = b.AsSpan(0, 10).IndexOfAnyExcept((byte)0) < 0;
        if (firstTenZero && b[10] == 0xff && b[11] == 0xff) return b[12..16];
        // :: and ::1 read as 0.0.0.0 and 0.0.0.1 here, in "this network": refused like every ::/96 address.
        if (firstTenZero && b[10] == 0 && b[11] == 0) return b[12..16];
        if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
        {
            if (b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0) return b[12..16];
            if (b[4] == 0 && b[5] == 1) return b[12..16];
        }
        if (b[0] == 0x20 && b[1] == 0x02) return b[2..6];
        return null;
    }

    private static bool IsPrivateIPv4(byte[] b) =>
        b[0] == 0                                        // "this network" 0.0.0.0/8
        || b[0] == 10                                    // RFC 1918
        || b[0] == 127                                   // loopback
        || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)    // carrier-grade NAT 100.64.0.0/10
        || (b[0] == 169 && b[1] == 254)                  // link-local, cloud metadata services
        || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)     // RFC 1918
        || (b[0] == 192 && b[1] == 0 && b[2] == 0)       // IETF protocol assignments 192.0.0.0/24
        || (b[0] == 192 && b[1] == 0 && b[2] == 2)       // documentation TEST-NET-1
        || (b[0] == 192 && b[1] == 88 && b[2] == 99)     // 6to4 relay anycast
        || (b[0] == 192 && b[1] == 168)                  // RFC 1918
        || (b[0] == 198 && (b[1] == 18 || b[1] == 19))   // benchmarking 198.18.0.0/15
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)    // documentation TEST-NET-2
        || (b[0] == 203 && b[1] == 0 && b[2] == 113)     // documentation TEST-NET-3
        || b[0] >= 224;                                  // multicast, reserved, broadcast
}

/// <summary>Turns a server name into its addresses: the system's DNS. Tests put a fixed table in its place.</summary>
public class HostResolver
{
    public virtual Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}

/// <summary>Thrown at connect time when NotesSync refuses the destination: <see cref="Refusal"/> says why.</summary>
public sealed class RefusedDestinationException(string host, Error refusal) : Exception($"{host}: {refusal.Message}")
{
    public Error Refusal { get; } = refusal;
}

/// <summary>
/// Resolves the host itself and connects only to a public address on an allowed port, so a DNS answer that changes
/// between the check and the connection (rebinding) cannot steer the backend into the private network, and a stored
/// server address checked by an older rule is held to today's.
/// </summary>
internal static class PrivateNetworkGuard
{
    public static async ValueTask<Stream> ConnectAsync(
        SocketsHttpConnectionContext context, DominoOptions options, HostResolver resolver, CancellationToken ct)
    {
        var allowPrivate = options.AllowPrivateNetworks;
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await resolver.ResolveAsync(endpoint.Host, ct);
        var allowed = allowPrivate ? addresses : [.. addresses.Where(a => !ServerAddress.IsPrivate(a))];
        if (allowed.Length == 0) throw new RefusedDestinationException(endpoint.Host, NotesErrors.PrivateNetwork);
        if (!allowPrivate && !options.PortsAllowed.Contains(endpoint.Port))
            throw new RefusedDestinationException(endpoint.Host, NotesErrors.PortNotAllowed(options.PortsAllowed));

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
