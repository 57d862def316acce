using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Common;
using NotesSync.Domain.Links;
using NotesSync.Domain.Meetings;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Infrastructure.Persistence;

namespace NotesSync.Infrastructure.Tests;

public class OrganisationPurgeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Tables that belong to the application, not to any organisation, and why.</summary>
    private static readonly Dictionary<string, string> SharedTables = new()
    {
        ["DataProtectionKeys"] = "the key ring encrypts every organisation's secrets; the org's ciphertexts go with its rows",
        ["ReceivedHooks"] = "the Marketplace's hook signatures, kept five minutes to refuse a replay; they name no organisation",
    };

    [Fact]
    public async Task Uninstall_deletes_every_row_of_the_organisation_in_every_table_and_nothing_of_another()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SeedOrganisation(database, "org-a");
        await SeedOrganisation(database, "org-b");

        await using (var scope = database.Scope())
            await scope.ServiceProvider.GetRequiredService<IOrganisationPurge>().PurgeAsync("org-a", default);

        await using var check = database.Scope();
        var db = database.Context(check);
        var tables = TablesOf(db).ToList();
        Assert.NotEmpty(tables);
        foreach (var table in tables)
        {
            Assert.True(table.HasOrgId, $"Table {table.Name} has no OrgId column, so uninstall cannot purge it.");
            Assert.Equal(0, await CountAsync(db, table.Name, "org-a"));
            Assert.True(await CountAsync(db, table.Name, "org-b") > 0, $"The seed put no row of org-b in {table.Name}.");
        }
    }

    [Fact]
    public async Task Purging_an_unknown_organisation_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SeedOrganisation(database, "org-b");

        await using (var scope = database.Scope())
            await scope.ServiceProvider.GetRequiredService<IOrganisationPurge>().PurgeAsync("org-unknown", default);

        await using var check = database.Scope();
        Assert.Equal(1, await database.Context(check).Accounts.CountAsync());
        Assert.Equal(2, await database.Context(check).LicensedUsers.CountAsync());
    }

    private sealed record Table(string Name, bool HasOrgId);

    /// <summary>Every table of the EF model: a table added later is checked without anyone editing this test.</summary>
    private static IEnumerable<Table> TablesOf(NotesSyncDbContext db) =>
        db.Model.GetEntityTypes()
            .Where(t => t.GetTableName() is not null && !SharedTables.ContainsKey(t.GetTableName()!))
            .GroupBy(t => t.GetTableName()!)
            .Select(g => new Table(g.Key, g.Any(t => t.FindProperty(nameof(IOrganisationOwned.OrgId)) is not null)));

    private static async Task<int> CountAsync(NotesSyncDbContext db, string table, string orgId)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE \"OrgId\" = $org";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "$org";
        parameter.Value = orgId;
        command.Parameters.Add(parameter);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A row of the organisation in every table NotesSync has.</summary>
    private static async Task SeedOrganisation(TestDatabase database, string orgId)
    {
        await using var scope = database.Scope();
        var db = database.Context(scope);

        var account = SyncAccount.Install(orgId, "Acme", new ZohoUser("1", "ann@acme.example", "Ann"), 5, "cipher", Now);
        account.AddUser(new ZohoUser("2", "bob@acme.example", "Bob"), Now);
        account.ConnectZoho(ZohoConnection.Create("refresh-cipher", "https://accounts.zoho.eu", "https://www.zohoapis.eu", "1", Now));
        db.Accounts.Add(account);

        var profile = SyncProfile.Create(orgId, "1");
        profile.ConnectNotes(NotesConnection.Create("https://mail.acme.example", "Ann", "mail/ann.nsf", "pw-cipher", Now));
        profile.AdvanceCheckpoint(SyncModule.Contacts, "n", "c", ["unid"]);
        db.Profiles.Add(profile);

        db.RecordLinks.Add(RecordLink.Link(orgId, "1", SyncModule.Contacts, "UNID", "crm-1",
            new Dictionary<string, string?> { ["email"] = "x@acme.example" }, Now, Now, Now));
        db.Meetings.Add(Meeting.Schedule(orgId, "1", "Review", [new Participant("bob@acme.example", "Bob", null)],
            null, Now, Now.AddHours(1), 10, Now, "key-1").Value);

        var token = new NotesSync.Infrastructure.Zoho.ZohoAccessToken(orgId);
        token.Store("access-cipher", Now.AddHours(1));
        db.ZohoAccessTokens.Add(token);
        db.ZohoCallSlots.Add(new NotesSync.Infrastructure.Zoho.ZohoCallSlot(orgId, 0));

        var run = SyncRun.Queue(orgId, "1", RunTrigger.Manual, Now);
        run.Start(Now);
        run.Finish(Now);
        db.SyncRuns.Add(run);
        db.PlannedActions.Add(PlannedAction.Of(run, 0, SyncModule.Contacts, "createInCrm", ("UNID", "Ann Example"), (null, null), null,
            [new PlannedField("email", null, "ann@example.com", SyncSide.Crm)], null));

        await db.SaveChangesAsync();
    }
}
