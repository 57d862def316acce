using System.Text.Json.Nodes;
using NotesSync.Simulators.Zoho.Crm;

namespace NotesSync.Simulators.Zoho.Http;

internal sealed partial class CrmApi
{
    private static readonly string[] WatchActions = ["all", "create", "edit", "delete"];

    /// <summary>
    /// <c>POST /crm/v8/actions/watch</c>: expiry at most 7 days ahead (left out or too far: 1 hour), token ≤ 50
    /// characters (zoho.md §5). Each channel item succeeds or fails on its own.
    /// </summary>
    private async Task WatchAsync(CrmRequest request)
    {
        if (request.Body is not JsonObject body || body["watch"] is not JsonArray { Count: > 0 } items)
        {
            await BadRequestAsync(request, "INVALID_DATA", "invalid data", ("api_name", "watch"), ("json_path", "$.watch"), ("expected_data_type", "jsonarray"));
            return;
        }
        var results = new List<(bool Ok, JsonObject Body)>();
        for (var i = 0; i < items.Count; i++) results.Add(Watch(request, items[i], i));
        var status = results.All(r => r.Ok) ? 200 : results.All(r => !r.Ok) ? 400 : 207;
        await WriteAsync(request, status, new JsonObject { ["watch"] = ZohoJson.Array(results.Select(r => (JsonNode?)r.Body)) });
    }

    private (bool Ok, JsonObject Body) Watch(CrmRequest request, JsonNode? item, int index)
    {
        string P(string member) => $"$.watch[{index}].{member}";
        (bool, JsonObject) Fail(string code, string message, params (string, JsonNode?)[] details) => (false, WriteBatch.Err(code, message, details));
        if (item is not JsonObject spec) return Fail("INVALID_DATA", "invalid data", ("json_path", $"$.watch[{index}]"));
        var channelId = WriteBatch.IdOf(spec["channel_id"]);
        if (channelId is null) return Fail("MANDATORY_NOT_FOUND", "required field not found", ("api_name", "channel_id"), ("json_path", P("channel_id")));
        if (spec["events"] is not JsonArray { Count: > 0 } eventList)
            return Fail("MANDATORY_NOT_FOUND", "required field not found", ("api_name", "events"), ("json_path", P("events")));
        var events = new List<string>();
        foreach (var e in eventList)
        {
            var parts = ZohoJson.AsString(e)?.Split('.');
            if (parts is not [var module, var action] || request.Org.Store(module) is null || !WatchActions.Contains(action, StringComparer.OrdinalIgnoreCase))
                return Fail("INVALID_DATA", "invalid data", ("api_name", "events"), ("json_path", P("events")));
            events.Add($"{request.Org.Store(module)!.Schema.ApiName}.{action.ToLowerInvariant()}");
        }
        if (!Uri.TryCreate(ZohoJson.AsString(spec["notify_url"]), UriKind.Absolute, out var notifyUrl) || notifyUrl.Scheme is not ("http" or "https"))
            return Fail("INVALID_DATA", "invalid data", ("api_name", "notify_url"), ("json_path", P("notify_url")));
        var token = ZohoJson.AsString(spec["token"]);
        if (token is { Length: > 50 })
            return Fail("INVALID_DATA", "invalid data", ("api_name", "token"), ("json_path", P("token")), ("maximum_length", 50));
        var expiry = ZohoTime.TryParseDateTime(ZohoJson.AsString(spec["channel_expiry"]), out var asked) && asked > request.Now && asked <= request.Now.AddDays(7)
            ? asked
            : request.Now.AddHours(1);

        var channel = new ZohoWatchChannel(request.Org.Id, channelId, events, expiry, token, notifyUrl);
        state.Notifications.Save(channel);
        return (true, new JsonObject
        {
            ["code"] = "SUCCESS",
            ["details"] = new JsonObject { ["events"] = EventsJson(request, channel) },
            ["message"] = "Successfully subscribed for actions-watch of the given module",
            ["status"] = "success",
        });
    }

    private async Task WatchListAsync(CrmRequest request)
    {
        var zone = ZohoTime.Zone(request.User.TimeZone);
        var channels = state.Notifications.Live(request.Org).ToList();
        if (channels.Count == 0)
        {
            request.Http.Response.StatusCode = 204;
            return;
        }
        await WriteAsync(request, 200, new JsonObject
        {
            ["watch"] = ZohoJson.Array(channels.Select(c => (JsonNode?)new JsonObject
            {
                ["channel_id"] = c.ChannelId,
                ["events"] = ZohoJson.Array(c.Events.Select(e => (JsonNode?)e)),
                ["channel_expiry"] = ZohoTime.Format(c.Expiry, zone),
                ["token"] = c.Token,
                ["notify_url"] = c.NotifyUrl.OriginalString,
            })),
        });
    }

    /// <summary><c>DELETE /crm/v8/actions/watch?channel_ids=…</c>.</summary>
    private async Task UnwatchAsync(CrmRequest request)
    {
        var ids = request.Query["channel_ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            await BadRequestAsync(request, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", ("param_name", "channel_ids"));
            return;
        }
        var results = ids.Select(id => state.Notifications.Remove(request.Org.Id, id, out var channel)
            ? (true, new JsonObject
            {
                ["code"] = "SUCCESS",
                ["details"] = new JsonObject { ["events"] = EventsJson(request, channel!) },
                ["message"] = "Successfully unsubscribed from actions-watch of the given module",
                ["status"] = "success",
            })
            : (false, WriteBatch.Err("INVALID_DATA", "invalid data", ("channel_id", id)))).ToList();
        var status = results.All(r => r.Item1) ? 200 : results.All(r => !r.Item1) ? 400 : 207;
        await WriteAsync(request, status, new JsonObject { ["watch"] = ZohoJson.Array(results.Select(r => (JsonNode?)r.Item2)) });
    }

    private JsonArray EventsJson(CrmRequest request, ZohoWatchChannel channel)
    {
        var zone = ZohoTime.Zone(request.User.TimeZone);
        return ZohoJson.Array(channel.Events.Select(e => e.Split('.')[0]).Distinct().Select(module => (JsonNode?)new JsonObject
        {
            ["channel_expiry"] = ZohoTime.Format(channel.Expiry, zone),
            ["resource_uri"] = $"{state.ApiDomain}/crm/v8/{module}",
            ["resource_id"] = request.Org.Store(module)!.Schema.Fields[0].Id,
            ["resource_name"] = module,
            ["channel_id"] = channel.ChannelId,
        }));
    }
}
