using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace NotesSync.Web.Tests;

/// <summary>
/// The Notes password is never logged (product.md §2), in any form: every DAS call carries it as HTTP Basic
/// credentials, the base64 of "user:password", which a logged header would give away as surely as the plain text.
/// </summary>
public class SecretLoggingTests : IAsyncLifetime
{
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string Everything(FakeLogRecord record) =>
        $"{record.Category} {record.Message} {record.Exception} "
        + $"{string.Join(",", record.StructuredState?.Select(s => s.Value) ?? [])} {string.Join(",", record.Scopes)}";

    [Fact]
    public async Task The_Basic_credentials_of_the_Notes_password_appear_in_no_log_line_of_a_connect_a_sync_and_a_refused_sync()
    {
        await _h.SettingsAsync("twoWay");
        _h.AddNotesContact("Jörg", "Müller", "jorg@example.de");
        _h.AddCrmContact("Amélie", "Poulain", "amelie@example.fr");
        _h.Org.CreateRecord("Tasks", new JsonObject { ["Subject"] = "Rappeler Müller" });
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());
        // The password changed in Notes: the next run sends the stored one and Domino refuses it.
        _h.Domino.State.ChangePassword("Jane Doe", "Changed-in-Notes-2");
        SyncHarness.AssertStatus("failed", await _h.SyncAsync());

        var records = _h.App.Logs.GetSnapshot();

        // The capture reaches Trace, where the default HTTP client logger would write request headers, and holds the
        // DAS calls themselves.
        Assert.Contains(records, r => r.Level == LogLevel.Trace);
        Assert.Contains(records, r => r.Message.StartsWith("DAS GET /mail/jdoe.nsf/", StringComparison.Ordinal));
        var secrets = new[]
        {
            SyncHarness.NotesPassword, Base64($"Jane Doe:{SyncHarness.NotesPassword}"), Base64(SyncHarness.NotesPassword),
        };
        foreach (var record in records)
        {
            var text = Everything(record);
            foreach (var secret in secrets) Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task No_Zoho_access_token_appears_in_any_log_line_of_a_sync()
    {
        await _h.SettingsAsync("twoWay", tasks: false);
        _h.AddNotesContact("Jörg", "Müller", "jorg@example.de");
        _h.AddCrmContact("Amélie", "Poulain", "amelie@example.fr");
        SyncHarness.AssertStatus("succeeded", await _h.SyncAsync());

        var records = _h.App.Logs.GetSnapshot();

        Assert.Contains(records, r => r.Message.StartsWith("Zoho GET /crm/v8/", StringComparison.Ordinal));
        // Every CRM call carries "Authorization: Zoho-oauthtoken <token>"; a starred value is all a log may hold.
        foreach (var record in records) Assert.DoesNotMatch(@"Zoho-oauthtoken [^*\s""]", Everything(record));
    }
}
