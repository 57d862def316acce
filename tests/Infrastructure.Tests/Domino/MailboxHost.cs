using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NotesSync.Application.Notes;
using NotesSync.Simulators.Domino.Hosting;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Infrastructure.Tests.Domino;

/// <summary>
/// The DAS simulator on loopback with Jane Doe's mail file, and the mailbox adapter wired the way the host wires
/// Infrastructure (HttpClient, resilience pipeline, SSRF guard switched off for loopback).
/// </summary>
internal sealed class MailboxHost : IAsyncDisposable
{
    public const string UserName = "Jane Doe";
    public const string Password = "secret";

    /// <summary>9:00:00.37 UTC on a Thursday: modification times carry hundredths, as in Notes.</summary>
    public static readonly DateTimeOffset Start = new(2024, 5, 2, 9, 0, 0, 370, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly AsyncServiceScope _scope;

    private MailboxHost(DominoSimulator simulator, FakeTimeProvider clock, string mailFile)
    {
        Simulator = simulator;
        Clock = clock;
        MailFile = mailFile;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notes:AllowInsecureHttp"] = "true",
            ["Notes:AllowPrivateNetworks"] = "true",
        }).Build();
        _services = new ServiceCollection().AddLogging().AddInfrastructure(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _scope = _services.CreateAsyncScope();
        Mailbox = Open(Password);
    }

    public DominoSimulator Simulator { get; }
    public DominoState State => Simulator.State;
    public FakeTimeProvider Clock { get; }

    /// <summary>"mail/jdoe.nsf".</summary>
    public string MailFile { get; }

    public INotesMailbox Mailbox { get; }

    public static async Task<MailboxHost> StartAsync(Action<ServerSettings>? server = null)
    {
        var clock = new FakeTimeProvider(Start);
        var simulator = await DominoSimulator.StartAsync(new DominoSimulatorOptions { Clock = clock, Seed = 11, ConfigureServer = server });
        var user = simulator.State.AddUser(new NotesUserSpec(UserName, Password));
        return new MailboxHost(simulator, clock, user.MailFilePath);
    }

    public INotesMailbox Open(string password, string? mailFile = null) =>
        _scope.ServiceProvider.GetRequiredService<INotesMailboxes>()
            .Open(new NotesCredentials(Simulator.BaseUri, UserName, password), mailFile ?? MailFile);

    /// <summary>The calls whose decoded path contains <paramref name="pathPart"/>, in order.</summary>
    public IReadOnlyList<NotesSync.Simulators.Domino.Knobs.CallRecord> CallsTo(string pathPart) =>
        [.. Simulator.Calls.Calls.Where(c => c.Path.Contains(pathPart, StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
        await Simulator.DisposeAsync();
        NotesSync.ReferenceCheck.Conformance.Require(domino: Simulator.Journal);
    }
}
