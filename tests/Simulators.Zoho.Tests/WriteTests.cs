using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace NotesSync.Simulators.Zoho.Tests;

public sealed class WriteTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
    private ZohoSimulator _simulator = null!;
    private ZohoOrg _org = null!;
    private ZohoApi _api = null!;

    public async Task InitializeAsync()
    {
        _simulator = await ZohoSimulator.StartAsync(new ZohoSimulatorOptions { TimeProvider = _clock });
        _org = _simulator.State.CreateOrg();
        _org.AddCustomField("Contacts", "Notes UNID", unique: ZohoUniqueness.CaseInsensitive);
        _api = ZohoApi.For(_simulator, _org.Admin);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task A_batch_of_100_with_3_bad_records_answers_207_and_stores_the_97_others()
    {
        _org.CreateRecord("Contacts", Json.Contact("Existing", unid: "UNID-TAKEN"));
        var batch = Enumerable.Range(0, 100).Select(i => (JsonNode)Json.Contact($"Müller-{i}", $"c{i}@example.com", $"UNID-{i}")).ToArray();
        batch[10]!["Email"] = "not-an-address";
        batch[42]!.AsObject().Remove("Last_Name");
        batch[77]!["Notes_UNID"] = "unid-taken";

        var response = await _api.PostAsync("crm/v8/Contacts", Json.Data(batch));

        Assert.Equal(HttpStatusCode.MultiStatus, response.Status);
        var results = response.Data;
        Assert.Equal(100, results.Count);
        Assert.Equal(97, results.Count(r => r!["code"].Str() == "SUCCESS"));
        Assert.Equal("INVALID_DATA", results[10]!["code"].Str());
        Assert.Equal("$.data[10].Email", results[10]!["details"]!["json_path"].Str());
        Assert.Equal("email", results[10]!["details"]!["expected_data_type"].Str());
        Assert.Equal("MANDATORY_NOT_FOUND", results[42]!["code"].Str());
        Assert.Equal("Last_Name", results[42]!["details"]!["api_name"].Str());
        Assert.Equal("DUPLICATE_DATA", results[77]!["code"].Str());
        Assert.Equal("Notes_UNID", results[77]!["details"]!["api_name"].Str());
        Assert.Equal("Contacts", results[77]!["details"]!["duplicate_record"]!["module"]!["api_name"].Str());
        var success = results[0]!;
        Assert.Equal("record added", success["message"].Str());
        Assert.Equal("success", success["status"].Str());
        Assert.NotNull(success["details"]!["id"].Str());
        Assert.Equal("2026-05-01T10:00:00+02:00", success["details"]!["Modified_Time"].Str());
        Assert.Equal(_org.Admin.Id, success["details"]!["Created_By"]!["id"].Str());
        Assert.Equal(98, _org.CountRecords("Contacts"));
    }

    [Fact]
    public async Task An_all_good_insert_answers_201_and_a_single_bad_or_duplicate_record_answers_400_with_the_same_body_shape()
    {
        var good = await _api.PostAsync("crm/v8/Contacts", Json.Data(Json.Contact("Ok", "zoe@example.com")));
        var bad = await _api.PostAsync("crm/v8/Contacts", Json.Data(Json.Contact("Bad", "nope")));
        var twin = await _api.PostAsync("crm/v8/Contacts", Json.Data(Json.Contact("Twin", "ZOE@example.com")));

        Assert.Equal(HttpStatusCode.Created, good.Status);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("INVALID_DATA", bad.Data[0]!["code"].Str());
        Assert.Equal(HttpStatusCode.BadRequest, twin.Status);
        Assert.Equal("DUPLICATE_DATA", twin.Data[0]!["code"].Str());
        Assert.Equal("Email", twin.Data[0]!["details"]!["api_name"].Str());
    }

    [Fact]
    public async Task More_than_100_records_are_refused_whole_with_LIMIT_EXCEEDED()
    {
        var batch = Enumerable.Range(0, 101).Select(i => (JsonNode)Json.Contact($"Over-{i}"));

        var response = await _api.PostAsync("crm/v8/Contacts", Json.Data(batch));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("LIMIT_EXCEEDED", response.Data[0]!["code"].Str());
        Assert.Equal(100, response.Data[0]!["details"]!["maximum_length"]!.GetValue<int>());
        Assert.Equal(0, _org.CountRecords("Contacts"));
    }

    [Fact]
    public async Task Upsert_on_Notes_UNID_updates_the_match_naming_the_field_inserts_the_rest_with_duplicate_field_null_and_is_refused_for_Tasks()
    {
        var existing = _org.CreateRecord("Contacts", Json.Contact("Before", unid: "U-1"));
        var body = Json.Data(Json.Contact("After", unid: "u-1"), Json.Contact("New", unid: "U-2"));
        body["duplicate_check_fields"] = new JsonArray("Notes_UNID");

        var response = await _api.PostAsync("crm/v8/Contacts/upsert", body);
        var tasks = await _api.PostAsync("crm/v8/Tasks/upsert", Json.Data(new JsonObject { ["Subject"] = "x" }));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("update", response.Data[0]!["action"].Str());
        Assert.Equal("Notes_UNID", response.Data[0]!["duplicate_field"].Str());
        Assert.Equal(existing.Id, response.Data[0]!["details"]!["id"].Str());
        Assert.Equal("insert", response.Data[1]!["action"].Str());
        // Zoho's sample: a record the upsert inserted matched no field, so duplicate_field is present and null.
        Assert.True(response.Data[1]!.AsObject().TryGetPropertyValue("duplicate_field", out var inserted) && inserted is null);
        Assert.Equal("After", _org.FindRecord("Contacts", existing.Id)!["Last_Name"]);
        Assert.Equal(2, _org.CountRecords("Contacts"));
        Assert.Equal(HttpStatusCode.BadRequest, tasks.Status);
        Assert.Equal("INVALID_MODULE", tasks.Data[0]!["code"].Str());
    }

    [Fact]
    public async Task An_update_with_a_stale_If_Unmodified_Since_answers_412_ALREADY_MODIFIED()
    {
        var contact = _org.CreateRecord("Contacts", Json.Contact("Stale"));
        var readAt = "2026-05-01T10:00:00+02:00";
        _clock.Advance(TimeSpan.FromMinutes(1));
        _org.UpdateRecord("Contacts", contact.Id, new JsonObject { ["Title"] = "Edited in CRM" });

        var stale = await _api.PutAsync("crm/v8/Contacts", Json.Data(new JsonObject { ["id"] = contact.Id, ["Title"] = "From Notes" }),
            ("If-Unmodified-Since", readAt));
        var fresh = await _api.PutAsync($"crm/v8/Contacts/{contact.Id}", Json.Data(new JsonObject { ["Title"] = "From Notes" }),
            ("If-Unmodified-Since", "2026-05-01T10:01:00+02:00"));

        Assert.Equal((HttpStatusCode)412, stale.Status);
        Assert.Equal("ALREADY_MODIFIED", stale.Data[0]!["code"].Str());
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.Equal("record updated", fresh.Data[0]!["message"].Str());
        Assert.Equal("From Notes", _org.FindRecord("Contacts", contact.Id)!["Title"]);
    }

    [Fact]
    public async Task Deleted_records_are_listed_from_the_recycle_bin_and_then_as_permanent_rows_without_names()
    {
        var keep = _org.CreateRecord("Tasks", new JsonObject { ["Subject"] = "Keep" });
        var gone = _org.CreateRecord("Tasks", new JsonObject { ["Subject"] = "Appeler Zoë" });
        _clock.Advance(TimeSpan.FromMinutes(1));

        var delete = await _api.DeleteAsync($"crm/v8/Tasks?ids={gone.Id},4150868999999999999");
        var listed = await _api.GetAsync("crm/v8/Tasks/deleted?type=all");
        var sinceNow = await _api.GetAsync("crm/v8/Tasks/deleted", ("If-Modified-Since", "2026-05-01T10:02:00+02:00"));
        _org.EmptyRecycleBin("Tasks");
        var permanent = await _api.GetAsync("crm/v8/Tasks/deleted?type=permanent");
        var stillThere = await _api.GetAsync($"crm/v8/Tasks/{keep.Id}");
        var missing = await _api.GetAsync($"crm/v8/Tasks/{gone.Id}");

        Assert.Equal(HttpStatusCode.MultiStatus, delete.Status);
        Assert.Equal("record deleted", delete.Data[0]!["message"].Str());
        Assert.Equal("INVALID_DATA", delete.Data[1]!["code"].Str());
        var row = listed.Data.Single()!;
        Assert.Equal(gone.Id, row["id"].Str());
        Assert.Equal("recycle", row["type"].Str());
        Assert.Equal("Appeler Zoë", row["display_name"].Str());
        Assert.Equal(_org.Admin.Id, row["deleted_by"]!["id"].Str());
        Assert.Equal("2026-05-01T10:01:00+02:00", row["deleted_time"].Str());
        Assert.Equal(HttpStatusCode.NotModified, sinceNow.Status);
        var permanentRow = permanent.Data.Single()!;
        Assert.Equal("permanent", permanentRow["type"].Str());
        Assert.Null(permanentRow["display_name"]);
        Assert.Null(permanentRow["deleted_by"]);
        Assert.Equal(HttpStatusCode.OK, stillThere.Status);
        Assert.Equal(HttpStatusCode.NoContent, missing.Status);
    }

    [Fact]
    public async Task A_custom_field_is_created_with_only_its_id_in_the_answer_and_read_back_as_unique()
    {
        var create = await _api.PostAsync("crm/v8/settings/fields?module=Tasks", new JsonObject
        {
            ["fields"] = new JsonArray(new JsonObject
            {
                ["field_label"] = "Notes UNID",
                ["data_type"] = "text",
                ["length"] = 64,
                ["unique"] = new JsonObject { ["case_sensitive"] = false },
            }),
        });
        var id = create.Json!["fields"]![0]!["details"]!["id"].Str();
        var field = await _api.GetAsync($"crm/v8/settings/fields/{id}?module=Tasks");
        var all = await _api.GetAsync("crm/v8/settings/fields?module=Tasks");
        var duplicate = await _api.PostAsync("crm/v8/Tasks", Json.Data(
            new JsonObject { ["Subject"] = "a", ["Notes_UNID"] = "ABC" }, new JsonObject { ["Subject"] = "b", ["Notes_UNID"] = "abc" }));

        Assert.Equal(HttpStatusCode.Created, create.Status);
        Assert.Equal("""{"code":"SUCCESS","details":{"id":"ID"},"message":"field created","status":"success"}""".Replace("ID", id, StringComparison.Ordinal),
            create.Json["fields"]![0]!.ToJsonString());
        var read = field.Json!["fields"]![0]!;
        Assert.Equal("Notes_UNID", read["api_name"].Str());
        Assert.Equal("false", read["unique"]!["casesensitive"].Str());
        Assert.True(read["custom_field"]!.GetValue<bool>());
        Assert.Equal(64, read["length"]!.GetValue<int>());
        Assert.Empty(all.Json!["fields"]!.AsArray().Single(f => f!["api_name"].Str() == "Subject")!["unique"]!.AsObject());
        Assert.Contains(all.Json["fields"]!.AsArray(), f => f!["api_name"].Str() == "Status"
            && f["pick_list_values"]!.AsArray().Any(v => v!["actual_value"].Str() == "Not Started"));
        Assert.Equal(HttpStatusCode.MultiStatus, duplicate.Status);
        Assert.Equal("DUPLICATE_DATA", duplicate.Data[1]!["code"].Str());
    }

    [Fact]
    public async Task Events_keep_participants_and_reminders_and_read_them_back_in_zohos_shape()
    {
        var guest = _org.CreateRecord("Contacts", new JsonObject { ["First_Name"] = "Zoë", ["Last_Name"] = "Dupré", ["Email"] = "zoe@dupre.example" });
        var body = Json.Data(new JsonObject
        {
            ["Event_Title"] = "Revue trimestrielle",
            ["Start_DateTime"] = "2026-05-02T09:00:00+02:00",
            ["End_DateTime"] = "2026-05-02T10:00:00+02:00",
            ["Venue"] = "Salle Ångström",
            ["Remind_At"] = "2026-05-02T08:45:00+02:00",
            ["Participants"] = new JsonArray(
                new JsonObject { ["type"] = "contact", ["participant"] = guest.Id },
                new JsonObject { ["type"] = "email", ["Email"] = "outside@example.org" }),
            ["$send_notification"] = true,
        });
        body["trigger"] = new JsonArray("workflow");
        var backwards = Json.Data(new JsonObject
        {
            ["Event_Title"] = "Backwards",
            ["Start_DateTime"] = "2026-05-02T10:00:00+02:00",
            ["End_DateTime"] = "2026-05-02T09:00:00+02:00",
        });

        var created = await _api.PostAsync("crm/v8/Events", body);
        var id = created.Data[0]!["details"]!["id"].Str();
        var read = (await _api.GetAsync($"crm/v8/Events/{id}")).Data[0]!;
        var refused = await _api.PostAsync("crm/v8/Events", backwards);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("2026-05-02T08:45:00+02:00", read["Remind_At"].Str());
        var participants = read["Participants"]!.AsArray();
        Assert.Equal("Zoë Dupré", participants[0]!["name"].Str());
        Assert.Equal("zoe@dupre.example", participants[0]!["Email"].Str());
        Assert.Equal(guest.Id, participants[0]!["participant"].Str());
        Assert.True(participants[0]!["invited"]!.GetValue<bool>());
        Assert.Equal("outside@example.org", participants[1]!["participant"].Str());
        Assert.Equal("outside@example.org", participants[1]!["Email"].Str());
        Assert.Equal("End_DateTime", refused.Data[0]!["details"]!["api_name"].Str());
    }

    [Fact]
    public async Task Coql_and_search_find_records_by_their_Notes_UNID()
    {
        _org.AddCustomField("Tasks", "Notes UNID");
        var a = _org.CreateRecord("Tasks", new JsonObject { ["Subject"] = "A", ["Notes_UNID"] = "AAA" });
        _org.CreateRecord("Tasks", new JsonObject { ["Subject"] = "B", ["Notes_UNID"] = "BBB" });
        var c = _org.CreateRecord("Tasks", new JsonObject { ["Subject"] = "C", ["Notes_UNID"] = "CCC" });

        var coql = await _api.PostAsync("crm/v8/coql", new JsonObject
        {
            ["select_query"] = "select id, Notes_UNID from Tasks where Notes_UNID in ('AAA', 'CCC', 'ZZZ') limit 0, 200",
        });
        var search = await _api.GetAsync("crm/v8/Tasks/search?criteria=(Notes_UNID:equals:BBB)");
        var nothing = await _api.GetAsync("crm/v8/Tasks/search?criteria=(Notes_UNID:equals:QQQ)");
        var broken = await _api.PostAsync("crm/v8/coql", new JsonObject { ["select_query"] = "select id from Tasks where" });

        Assert.Equal(HttpStatusCode.OK, coql.Status);
        Assert.Equal(new[] { a.Id, c.Id }, coql.Data.Select(r => r!["id"].Str()!));
        Assert.Equal("AAA", coql.Data[0]!["Notes_UNID"].Str());
        Assert.False(coql.Json!["info"]!["more_records"]!.GetValue<bool>());
        Assert.Equal("BBB", search.Data.Single()!["Notes_UNID"].Str());
        Assert.Equal(HttpStatusCode.NoContent, nothing.Status);
        Assert.Equal("SYNTAX_ERROR", broken.Json!["code"].Str());
    }

    [Fact]
    public async Task Accounts_are_listed_with_the_fields_asked_for_and_found_by_name_without_regard_to_case_oldest_first()
    {
        _org.SystemDuplicateCheck = false;
        var older = _org.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Zoë's Café", ["Phone"] = "+33 1 23" });
        _clock.Advance(TimeSpan.FromMinutes(1));
        var newer = _org.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "ZOË'S CAFÉ" });
        _org.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Other" });
        var others = string.Join(", ", Enumerable.Range(0, 49).Select(i => $"'Name {i}'"));

        var listed = await _api.GetAsync("crm/v8/Accounts?fields=id,Account_Name&per_page=200&page=1&sort_by=Created_Time&sort_order=asc");
        var found = await _api.PostAsync("crm/v8/coql", new JsonObject
        {
            ["select_query"] = $"select id, Account_Name from Accounts where Account_Name in ('zoë\\'s café', {others}) order by Created_Time asc limit 0, 200",
        });
        var tooMany = await _api.PostAsync("crm/v8/coql", new JsonObject
        {
            ["select_query"] = $"select id, Account_Name from Accounts where Account_Name in ('Other', 'Name 49', {others})",
        });

        Assert.Equal(3, listed.Data.Count);
        Assert.All(listed.Data, r => Assert.Equal(["id", "Account_Name"], r!.AsObject().Select(p => p.Key)));
        Assert.Equal([older.Id, newer.Id], found.Data.Select(r => r!["id"].Str()!));
        Assert.Equal("Zoë's Café", found.Data[0]!["Account_Name"].Str());
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Status);
        Assert.Equal("LIMIT_EXCEEDED", tooMany.Json!["code"].Str());
    }

    [Fact]
    public async Task Users_list_one_admin_and_the_org_has_distinct_id_and_zgid()
    {
        _org.Seed(new ZohoSeedSpec { Users = 3 });

        var users = await _api.GetAsync("crm/v8/users?type=ActiveUsers&page=1&per_page=200");
        var admins = await _api.GetAsync("crm/v8/users?type=AdminUsers");
        var org = await _api.GetAsync("crm/v8/org");

        Assert.Equal(4, users.Json!["users"]!.AsArray().Count);
        Assert.Equal(_org.Admin.Id, admins.Json!["users"]!.AsArray().Single()!["id"].Str());
        Assert.Equal("Administrator", admins.Json["users"]![0]!["profile"]!["name"].Str());
        var info = org.Json!["org"]![0]!;
        Assert.Equal(_org.Id, info["id"].Str());
        Assert.Equal(_org.Zgid, info["zgid"].Str());
        Assert.NotEqual(info["id"].Str(), info["zgid"].Str());
    }
}
