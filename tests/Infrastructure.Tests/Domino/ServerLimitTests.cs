using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Application.Notes;
using NotesSync.Simulators.Domino.Hosting;
using NotesSync.Simulators.Domino.Knobs;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Infrastructure.Tests.Domino;

/// <summary>Notes:MaxConcurrencyPerServer: the calls one node has in flight to one Domino server, all users together.</summary>
public sealed class ServerLimitTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Many_users_of_one_server_have_at_most_the_servers_limit_of_calls_in_flight_and_another_server_is_not_held_up()
    {
        await using var shared = await DominoSimulator.StartAsync();
        await using var other = await DominoSimulator.StartAsync();
        await using var services = Services(maxPerServer: 2);
        using var scope = services.CreateScope();
        var mailboxes = scope.ServiceProvider.GetRequiredService<INotesMailboxes>();
        var users = Enumerable.Range(1, 5).Select(i => Mailbox(mailboxes, shared, $"User{i}")).ToList();
        var hold = new RequestHold();
        shared.Faults.Add(FaultRule.Held("*", hold, times: 1000));

        // Five users' syncs each send their calls at once (each within its own Notes:MaxConcurrency of 4).
        var reads = users.SelectMany(m => Enumerable.Range(0, 2).Select(_ => m.ReadViewAsync("($Contacts)", Ct))).ToList();
        await hold.WaitForArrivalsAsync(2, TimeSpan.FromSeconds(20));
        // The shared server's slots are all taken and held there; a user of another server is not kept waiting.
        var elsewhere = await Mailbox(mailboxes, other, "Olga Other").ReadViewAsync("($Contacts)", Ct);
        Assert.True(elsewhere.IsSuccess);
        Assert.Equal(2, shared.Concurrency.Current);

        hold.Release();
        var read = await Task.WhenAll(reads);

        Assert.All(read, r => Assert.True(r.IsSuccess));
        // Ten reads of five users, and the server never saw more than its two calls at once.
        Assert.Equal(2, shared.Concurrency.Max);
    }

    private static INotesMailbox Mailbox(INotesMailboxes mailboxes, DominoSimulator server, string name)
    {
        var password = $"{name.Replace(' ', '-')}-pw";
        var user = server.State.AddUser(new NotesUserSpec(name, password) { MailFilePath = $"mail/{name.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}.nsf" });
        return mailboxes.Open(new NotesCredentials(server.BaseUri, name, password), user.MailFilePath);
    }

    private static ServiceProvider Services(int maxPerServer)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notes:AllowInsecureHttp"] = "true",
            ["Notes:AllowPrivateNetworks"] = "true",
            ["Notes:MaxConcurrencyPerServer"] = maxPerServer.ToString(CultureInfo.InvariantCulture),
        }).Build();
        return new ServiceCollection().AddLogging().AddInfrastructure(configuration).BuildServiceProvider();
    }
}
