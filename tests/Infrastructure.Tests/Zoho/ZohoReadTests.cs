using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using NotesSync.Domain.Profiles;
using NotesSync.Simulators.Zoho;
using ZohoLookup = NotesSync.Infrastructure.Zoho.ZohoLookup;
using ZohoRecord = NotesSync.Infrastructure.Zoho.ZohoRecord;

namespace NotesSync.Infrastructure.Tests.Zoho;

/// <summary>Reading changed and deleted records over real HTTP against the Zoho simulator.</summary>
public sealed class ZohoReadTests
{
    private static readonly string[] ContactFields = ["First_Name", "Last_Name", "Email", "Account_Name", "Owner", "Date_of_Birth"];

    private static async Task<List<IReadOnlyList<ZohoRecord>>> ReadAllAsync(ZohoCrmHost host, SyncModule module, IReadOnlyList<string> fields, DateTimeOffset? since = null)
    {
        var pages = new List<IReadOnlyList<ZohoRecord>>();
        var read = await host.Crm.ReadChangedAsync(host.OrgId, module, fields, since, (page, _) =>
        {
            pages.Add(page);
            return Task.CompletedTask;
        }, default);
        Assert.True(read.IsSuccess, read.Error?.Message);
        return pages;
    }

    [Fact]
    public async Task Two_hundred_and_fifty_contacts_come_in_two_pages_in_Modified_Time_order_with_tags_lookups_and_offsets()
    {
        await using var host = await ZohoCrmHost.StartAsync();
        host.Org.Seed(new ZohoSeedSpec { Contacts = 250, Accounts = 10, Users = 2, PrivateShare = 0.2 });
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);

        var pages = await ReadAllAsync(host, SyncModule.Contacts, ContactFields);

        Assert.Equal([200, 50], pages.Select(p => p.Count));
        Assert.Equal(2, host.Calls("GET", "/crm/v8/Contacts").Count);
        var records = pages.SelectMany(p => p).ToList();
        Assert.Equal(250, records.Select(r => r.Id).Distinct().Count());
        Assert.Equal(records.Select(r => r.ModifiedTime).Order(), records.Select(r => r.ModifiedTime));

        var stored = host.Org.Records("Contacts").ToDictionary(r => r.Id);
        Assert.All(records, r =>
        {
            Assert.Equal(stored[r.Id]["Last_Name"], r.Fields["Last_Name"]);
            Assert.Equal(stored[r.Id].Tags, r.Tags);
            Assert.Equal(stored[r.Id].ModifiedTime, r.ModifiedTime);
            // Zoho answers in the reading user's time zone (the admin's: Europe/Paris): the offset is kept as sent.
            Assert.NotEqual(TimeSpan.Zero, r.ModifiedTime.Offset);
            Assert.EndsWith(r.ModifiedTime.ToString("zzz", System.Globalization.CultureInfo.InvariantCulture), r.Fields["Modified_Time"], StringComparison.Ordinal);
            Assert.Null(r.Fields["Notes_UNID"]);
        });
        Assert.Contains(records, r => r.Tags.Contains("Private"));
        var owned = records.First();
        Assert.Equal(host.Org.FindUser(stored[owned.Id].OwnerId)!.FullName, owned.Fields["Owner"]);
        Assert.Equal(stored[owned.Id].OwnerId, owned.Fields["Owner.id"]);
        var withAccount = records.First(r => r.Fields["Account_Name.id"] is not null);
        Assert.Equal(host.Org.FindRecord("Accounts", withAccount.Fields["Account_Name.id"]!)!["Account_Name"], withAccount.Fields["Account_Name"]);
    }

    [Fact]
    public async Task Past_two_thousand_records_the_walk_goes_on_with_page_tokens_never_mixed_with_page()
    {
        await using var host = await ZohoCrmHost.StartAsync();
        host.Org.Seed(new ZohoSeedSpec { Contacts = 2_500 });
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);

        var pages = await ReadAllAsync(host, SyncModule.Contacts, ["Last_Name"]);

        Assert.Equal(13, pages.Count);
        Assert.Equal(2_500, pages.SelectMany(p => p).Select(r => r.Id).Distinct().Count());
        var calls = host.Calls("GET", "/crm/v8/Contacts");
        Assert.Equal(13, calls.Count);
        Assert.All(calls, c => Assert.Equal(200, c.Status));
        Assert.Equal(10, calls.Count(c => c.Query.Contains("&page=", StringComparison.Ordinal)));
        Assert.Equal(3, calls.Count(c => c.Query.Contains("page_token=", StringComparison.Ordinal)));
        Assert.DoesNotContain(calls, c => c.Query.Contains("&page=", StringComparison.Ordinal) && c.Query.Contains("page_token=", StringComparison.Ordinal));
        Assert.All(calls, c => Assert.Contains("fields=id,Modified_Time,Tag,Notes_UNID,Last_Name&per_page=200&sort_by=Modified_Time&sort_order=asc", c.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_walk_past_the_page_token_limit_goes_on_in_a_Modified_Time_window_and_repeats_no_record()
    {
        await using var host = await ZohoCrmHost.StartAsync(simulator: new ZohoSimulatorOptions { PageTokenRecordLimit = 2_300 });
        host.Org.Seed(new ZohoSeedSpec { Contacts = 2_500 });
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);

        var pages = await ReadAllAsync(host, SyncModule.Contacts, ["Last_Name"]);

        var records = pages.SelectMany(p => p).ToList();
        Assert.Equal(2_500, records.Count);
        Assert.Equal(2_500, records.Select(r => r.Id).Distinct().Count());
        Assert.Single(host.Calls("GET", "/crm/v8/Contacts"), c => c.Status == 400);
    }

    [Fact]
    public async Task If_Modified_Since_goes_out_as_ISO_8601_with_its_offset_and_brings_only_later_changes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        await using var host = await ZohoCrmHost.StartAsync(simulator: new ZohoSimulatorOptions { TimeProvider = clock });
        var seeded = host.Org.Seed(new ZohoSeedSpec { Contacts = 40 });
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);
        var since = new DateTimeOffset(2026, 5, 1, 10, 0, 30, TimeSpan.FromHours(2)).AddMilliseconds(700);
        clock.Advance(TimeSpan.FromMinutes(5));
        foreach (var id in seeded.ContactIds.Take(3)) host.Org.UpdateRecord("Contacts", id, new JsonObject { ["Title"] = "Changed" });

        var changed = (await ReadAllAsync(host, SyncModule.Contacts, ["Title"], since)).SelectMany(p => p).ToList();
        var nothing = await ReadAllAsync(host, SyncModule.Contacts, ["Title"], clock.GetUtcNow().AddMinutes(1));

        Assert.Equal(seeded.ContactIds.Take(3).Order(), changed.Select(r => r.Id).Order());
        Assert.All(changed, r => Assert.Equal("Changed", r.Fields["Title"]));
        Assert.Empty(nothing);
        Assert.Equal(304, host.Calls("GET", "/crm/v8/Contacts")[^1].Status);
    }

    [Fact]
    public async Task A_read_of_changed_records_reports_Zohos_own_time_from_the_Date_of_its_first_answer_a_304_included()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        await using var host = await ZohoCrmHost.StartAsync(simulator: new ZohoSimulatorOptions { TimeProvider = clock });
        host.Org.Seed(new ZohoSeedSpec { Contacts = 250 });
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);
        var listedAt = clock.GetUtcNow();

        var everything = await host.Crm.ReadChangedAsync(host.OrgId, SyncModule.Contacts, ["Last_Name"], null, (_, _) =>
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            return Task.CompletedTask;
        }, default);
        var nothing = await host.Crm.ReadChangedAsync(host.OrgId, SyncModule.Contacts, ["Last_Name"], clock.GetUtcNow(), (_, _) => Task.CompletedTask, default);

        Assert.Equal(2, host.Calls("GET", "/crm/v8/Contacts").Count(c => c.Status == 200));
        Assert.Equal(listedAt, everything.Value.FirstAnswerDate);
        Assert.Equal(304, host.Calls("GET", "/crm/v8/Contacts")[^1].Status);
        Assert.Equal(listedAt.AddSeconds(20), nothing.Value.FirstAnswerDate);
    }

    [Fact]
    public async Task Deleted_records_are_listed_with_their_deletion_time_and_only_those_deleted_since()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        await using var host = await ZohoCrmHost.StartAsync(simulator: new ZohoSimulatorOptions { TimeProvider = clock });
        var seeded = host.Org.Seed(new ZohoSeedSpec { Contacts = 10, Tasks = 10 });
        await host.ConnectAsync();
        host.Org.DeleteRecord("Tasks", seeded.TaskIds[0]);
        var since = clock.GetUtcNow().AddSeconds(30);
        clock.Advance(TimeSpan.FromMinutes(1));
        host.Org.DeleteRecord("Tasks", seeded.TaskIds[1]);
        host.Org.DeleteRecord("Tasks", seeded.TaskIds[2]);

        var all = await host.Crm.ReadDeletedAsync(host.OrgId, SyncModule.Tasks, null, default);
        var recent = await host.Crm.ReadDeletedAsync(host.OrgId, SyncModule.Tasks, since, default);
        var none = await host.Crm.ReadDeletedAsync(host.OrgId, SyncModule.Tasks, clock.GetUtcNow().AddMinutes(1), default);

        Assert.Equal(seeded.TaskIds.Take(3).Order(), all.Value.Select(d => d.Id).Order());
        Assert.Equal(seeded.TaskIds.Skip(1).Take(2).Order(), recent.Value.Select(d => d.Id).Order());
        Assert.All(recent.Value, d => Assert.Equal(clock.GetUtcNow(), d.DeletedTime));
        Assert.Empty(none.Value);
        Assert.All(host.Calls("GET", "/crm/v8/Tasks/deleted"), c => Assert.Contains("type=all", c.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Events_come_with_their_participants_all_day_flag_and_times_with_offsets()
    {
        await using var host = await ZohoCrmHost.StartAsync();
        host.Org.Seed(new ZohoSeedSpec { Contacts = 30, Events = 60, Seed = 7 });
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);

        var events = (await ReadAllAsync(host, SyncModule.Events, ["Event_Title", "Start_DateTime", "End_DateTime", "All_day", "Participants", "Who_Id"]))
            .SelectMany(p => p).ToList();

        Assert.Equal(60, events.Count);
        Assert.All(events, e =>
        {
            Assert.Contains(e.Fields["All_day"], new[] { "true", "false" });
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$", e.Fields["Start_DateTime"]);
            Assert.NotNull(e.Participants);
            Assert.False(e.Fields.ContainsKey("Participants"));
        });
        var contacts = events.SelectMany(e => e.Participants!).Where(p => p.Type == "contact").ToList();
        var addresses = events.SelectMany(e => e.Participants!).Where(p => p.Type == "email").ToList();
        Assert.NotEmpty(contacts);
        Assert.All(contacts, p => Assert.NotNull(host.Org.FindRecord("Contacts", p.Id!)));
        Assert.NotEmpty(addresses);
        Assert.All(addresses, p => Assert.Contains('@', p.Email!));
    }

    [Fact]
    public async Task Reading_a_module_that_was_never_prepared_answers_zoho_not_prepared()
    {
        await using var host = await ZohoCrmHost.StartAsync();
        await host.ConnectAsync();

        var read = await host.Crm.ReadChangedAsync(host.OrgId, SyncModule.Tasks, ["Subject"], null, (_, _) => Task.CompletedTask, default);

        Assert.Equal("zoho-not-prepared", read.Error?.Code);
    }

    [Fact]
    public async Task More_than_fifty_fields_or_a_name_that_is_not_an_api_name_is_refused_before_any_call()
    {
        await using var host = await ZohoCrmHost.StartAsync();
        await host.ConnectAsync();
        await host.Crm.PrepareAsync(host.OrgId, default);

        var tooMany = await host.Crm.ReadChangedAsync(host.OrgId, SyncModule.Contacts,
            Enumerable.Range(0, 47).Select(i => $"Field_{i}").ToList(), null, (_, _) => Task.CompletedTask, default);
        var injected = await host.Crm.FindAsync(host.OrgId, SyncModule.Contacts, new ZohoLookup(["x"]), ["Last_Name from Contacts --"], default);

        Assert.Equal("zoho-too-many-fields", tooMany.Error?.Code);
        Assert.Equal("zoho-invalid-field-name", injected.Error?.Code);
        Assert.Empty(host.Calls("GET", "/crm/v8/Contacts"));
        Assert.Empty(host.Calls("POST", "/crm/v8/coql"));
    }
}
