using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using NotesSync.Simulators.Zoho.Http;

namespace NotesSync.Simulators.Zoho;

/// <summary>A channel enabled with <c>POST /actions/watch</c>.</summary>
public sealed record ZohoWatchChannel(string OrgId, string ChannelId, IReadOnlyList<string> Events, DateTimeOffset Expiry, string? Token, Uri NotifyUrl);

/// <summary>One callback the simulator POSTed (or tried to) to a channel's notify_url.</summary>
public sealed record ZohoNotification(ZohoWatchChannel Channel, string Module, string Operation, IReadOnlyList<string> Ids, string Body, int? Status);

/// <summary>
/// Push notifications (zoho.md §5): after each accepted write the simulator POSTs the callback to every live
/// channel whose events name the module (<c>Contacts.all</c>, <c>Contacts.create|edit|delete</c>).
/// Delivery runs in the background and is recorded in <see cref="Delivered"/>; a failing receiver is not retried.
/// </summary>
public sealed class ZohoNotifications : IDisposable
{
    private readonly ConcurrentDictionary<(string OrgId, string ChannelId), ZohoWatchChannel> _channels = new();
    private readonly ConcurrentQueue<ZohoNotification> _delivered = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ZohoSimulatorState _state;
    private int _pending;

    internal ZohoNotifications(ZohoSimulatorState state) => _state = state;

    public IReadOnlyList<ZohoWatchChannel> Channels => [.. _channels.Values];

    public IReadOnlyList<ZohoNotification> Delivered => [.. _delivered];

    /// <summary>Deliveries still on their way; tests wait for it to reach 0.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Returns once no delivery is on its way; throws, saying how many still are, past the deadline.</summary>
    public async Task WaitForDeliveriesAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Pending > 0)
        {
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"{Pending} notification deliveries still on their way after {timeout}.");
            await Task.Delay(10);
        }
    }

    internal void Save(ZohoWatchChannel channel) => _channels[(channel.OrgId, channel.ChannelId)] = channel;

    internal bool Remove(string orgId, string channelId, out ZohoWatchChannel? channel) => _channels.TryRemove((orgId, channelId), out channel);

    internal IEnumerable<ZohoWatchChannel> Live(ZohoOrg org) =>
        _channels.Values.Where(c => c.OrgId == org.Id && c.Expiry > _state.Now);

    internal void Publish(ZohoOrg org, string module, IReadOnlyList<(string Operation, string Id, IReadOnlyCollection<string> Fields)> changes)
    {
        if (changes.Count == 0) return;
        foreach (var group in changes.GroupBy(c => c.Operation))
        {
            var action = group.Key switch { "insert" => "create", "update" => "edit", _ => "delete" };
            foreach (var channel in Live(org).Where(c => c.Events.Any(e =>
                string.Equals(e, $"{module}.all", StringComparison.OrdinalIgnoreCase) || string.Equals(e, $"{module}.{action}", StringComparison.OrdinalIgnoreCase))))
            {
                // affected_fields' shape is not in zoho.md: one {id: [fields]} object per updated record is a guess.
                var body = new JsonObject
                {
                    ["server_time"] = _state.Now.ToUnixTimeMilliseconds(),
                    ["module"] = module,
                    ["resource_uri"] = $"{_state.ApiDomain}/crm/v8/{module}",
                    ["ids"] = ZohoJson.Array(group.Select(c => (JsonNode?)c.Id)),
                    ["affected_fields"] = group.Key == "update"
                        ? ZohoJson.Array(group.Select(c => (JsonNode?)new JsonObject { [c.Id] = ZohoJson.Array(c.Fields.Select(f => (JsonNode?)f)) }))
                        : new JsonArray(),
                    ["operation"] = group.Key,
                    ["channel_id"] = channel.ChannelId,
                    ["token"] = channel.Token,
                    ["query_params"] = new JsonObject(),
                }.ToJsonString(ZohoJson.Options);
                var ids = group.Select(c => c.Id).ToList();
                Interlocked.Increment(ref _pending);
                _ = DeliverAsync(channel, module, group.Key, ids, body);
            }
        }
    }

    private async Task DeliverAsync(ZohoWatchChannel channel, string module, string operation, IReadOnlyList<string> ids, string body)
    {
        int? status = null;
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(channel.NotifyUrl, content);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException)
        {
        }
        finally
        {
            _delivered.Enqueue(new ZohoNotification(channel, module, operation, ids, body, status));
            Interlocked.Decrement(ref _pending);
        }
    }

    public void Dispose() => _http.Dispose();
}
