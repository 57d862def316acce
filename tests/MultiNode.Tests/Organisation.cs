using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NotesSync.Simulators.Domino.State;
using NotesSync.Simulators.Zoho;

namespace NotesSync.MultiNode.Tests;

/// <summary>
/// One licensed user: a CRM user of the organisation with a seat, a Notes user with a mail file of their own on the
/// Domino simulator, connected, and a widget client on each node.
/// </summary>
internal sealed record SyncUser(Organisation Organisation, ZohoUser Crm, string MailFile, HttpClient[] Clients, int Number)
{
    public string OrgId => Organisation.Org.Id;
    public string UserId => Crm.Id;

    /// <summary>The e-mails of every contact and the subjects of every to-do given to the user, on either side.</summary>
    public List<string> Emails { get; } = [];
    public List<string> Subjects { get; } = [];
    public override string ToString() => $"{Organisation.Org.CompanyName}/{Crm.FirstName}";
}

/// <summary>An organisation installed from the Marketplace, its CRM connected by its admin, its users licensed and connected.</summary>
internal sealed class Organisation : IDisposable
{
    private HttpClient[] _admin = [];

    private Organisation(ZohoOrg org) => Org = org;

    public ZohoOrg Org { get; }
    public List<SyncUser> Users { get; } = [];
    public SyncUser Admin => Users[0];

    /// <summary>Installs the organisation and connects its CRM, its admin's browser going through <paramref name="node"/>.</summary>
    public static async Task<Organisation> InstallAsync(Cluster cluster, ZohoOrg org, NodeProcess node, int seats)
    {
        await Cluster.InstallHookAsync(node, org, seats);
        var organisation = new Organisation(org);
        organisation._admin = await cluster.ClientsAsync(org.Id, org.Admin.Id);
        await cluster.ConnectZohoAsync(organisation._admin[0], org);
        return organisation;
    }

    /// <summary>
    /// The admin and <paramref name="users"/> − 1 colleagues get a seat and connect Notes, alternately through each
    /// node: either answers for the whole cluster.
    /// </summary>
    public async Task AddUsersAsync(Cluster cluster, int users)
    {
        await ConnectNotesAsync(cluster, Org.Admin, _admin, node: 0);
        for (var i = 1; i < users; i++)
        {
            var crm = Org.AddUser($"User{i}", Org.CompanyName.Split(' ')[0], $"user{i}@{Org.Id}.example");
            await Cluster.Ensure(await _admin[i % 2].PostAsJsonAsync("api/users", new { userId = crm.Id }), $"seat for {crm.FirstName}");
            await ConnectNotesAsync(cluster, crm, await cluster.ClientsAsync(Org.Id, crm.Id), node: (i + 1) % 2);
        }
    }

    private async Task ConnectNotesAsync(Cluster cluster, ZohoUser crm, HttpClient[] clients, int node)
    {
        var number = Users.Count;
        var commonName = $"{crm.FirstName} {crm.LastName} {Org.Id}";
        var mailFile = $"mail/{Org.Id}-{number}.nsf";
        var password = $"Notes-Pw-{Org.Id}-{number}";
        cluster.Domino.State.AddUser(new NotesUserSpec(commonName, password) { MailFilePath = mailFile });
        var connected = await clients[node].PostAsJsonAsync("api/notes/connection",
            new { serverName = cluster.Domino.BaseUri.ToString(), userName = commonName, password, mailFile });
        await Cluster.Ensure(connected, $"Notes connection of {commonName}");
        Users.Add(new SyncUser(this, crm, mailFile, clients, number));
    }

    /// <summary>Two-way settings for contacts and to-dos, automatic sync every <paramref name="autoSyncMinutes"/> or off.</summary>
    public static async Task SettingsAsync(HttpClient client, int? autoSyncMinutes)
    {
        var saved = await client.PutAsJsonAsync("api/sync/settings", new
        {
            contacts = true, tasks = true, events = false, eventRange = "all", direction = "twoWay", conflictWinner = "crm",
            autoSyncMinutes,
        });
        await Cluster.Ensure(saved, "settings");
    }

    /// <summary>
    /// <paramref name="count"/> contacts and half as many to-dos on each side, owned by <paramref name="user"/>, all
    /// distinct (<paramref name="tag"/> tells one round's from another's).
    /// </summary>
    public static void AddRecords(Cluster cluster, SyncUser user, string tag, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (inNotes, inCrm) = ($"notes.{tag}.{i}{Tail(user)}", $"crm.{tag}.{i}{Tail(user)}");
            cluster.Domino.State.AddContact(user.MailFile, new ContactSpec { FirstName = $"Nora{i}", LastName = $"Notes {tag} {user.Number}", Email = inNotes });
            user.Organisation.Org.CreateRecord("Contacts", new JsonObject
            {
                ["First_Name"] = $"Carl{i}", ["Last_Name"] = $"Crm {tag} {user.Number}", ["Email"] = inCrm,
            }, user.Crm);
            user.Emails.AddRange([inNotes, inCrm]);
        }
        for (var i = 0; i < count / 2; i++)
        {
            var (inNotes, inCrm) = ($"Notes to-do {tag} {i}{Tail(user)}", $"CRM task {tag} {i}{Tail(user)}");
            cluster.Domino.State.AddTodo(user.MailFile, new TodoSpec { Subject = inNotes });
            user.Organisation.Org.CreateRecord("Tasks", new JsonObject { ["Subject"] = inCrm, ["Due_Date"] = "2026-12-24" }, user.Crm);
            user.Subjects.AddRange([inNotes, inCrm]);
        }
    }

    /// <summary>How every e-mail and subject the test gives <paramref name="user"/> ends: it names the user and the organisation.</summary>
    public static string Tail(SyncUser user) => $"@u{user.Number}.{user.OrgId}.example";

    public void Dispose()
    {
        foreach (var client in Users.SelectMany(u => u.Clients)) client.Dispose();
    }
}
