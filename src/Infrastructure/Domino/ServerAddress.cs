using System.Net;
using System.Net.Sockets;
using NotesSync.Application.Notes;
using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Domino;

/// <summary>
/// The Domino server a user typed, as a URL we are willing to call. A server name is user input that makes our
/// backend open connections, so plain http and private addresses are refused unless configuration allows them;
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
        if (!options.AllowPrivateNetworks && IPAddress.TryParse(uri.DnsSafeHost, out var literal) && IsPrivate(literal))
            return NotesErrors.PrivateNetwork;
        if (!options.AllowPrivateNetworks && uri.DnsSafeHost.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return NotesErrors.PrivateNetwork;

        // DAS lives at the server's root: whatever path was typed (a web page, "/names.nsf") is not part of it.
        return new UriBuilder(uri.Scheme, uri.Host, uri.Port).Uri;
    }

    /// <summary>Loopback, link-local, private (RFC 1918, unique-local), carrier-grade NAT and unspecified addresses.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;

        var b = address.GetAddressBytes();
        return b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
            || b[0] == 0
            || b[0] >= 224;
    }
}

/// <summary>Turns a server name into its addresses: the system's DNS. Tests put a fixed table in its place.</summary>
public class HostResolver
{
    public virtual Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}

/// <summary>Thrown at connect time when a server name resolved only to addresses we refuse to reach.</summary>
public sealed class PrivateNetworkException(string host) : Exception($"{host} resolves to a private or local address.");

/// <summary>
/// Resolves the host itself and connects only to a public address, so a DNS answer that changes between the check
/// and the connection (rebinding) cannot steer the backend into the private network.
/// </summary>
internal static class PrivateNetworkGuard
{
    public static async ValueTask<Stream> ConnectAsync(
        SocketsHttpConnectionContext context, bool allowPrivate, HostResolver resolver, CancellationToken ct)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await resolver.ResolveAsync(endpoint.Host, ct);
        var allowed = allowPrivate ? addresses : [.. addresses.Where(a => !ServerAddress.IsPrivate(a))];
        if (allowed.Length == 0) throw new PrivateNetworkException(endpoint.Host);

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
