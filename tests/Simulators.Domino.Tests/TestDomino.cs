using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using NotesSync.Simulators.Domino.Hosting;
using NotesSync.Simulators.Domino.Notes;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.Tests;

/// <summary>A started simulator with one user, Jane Doe, and an HttpClient that authenticates as her.</summary>
internal sealed class TestDomino : IAsyncDisposable
{
    public const string Password = "secret";

    private TestDomino(DominoSimulator simulator, NotesUser user, FakeTimeProvider clock)
    {
        Simulator = simulator;
        User = user;
        Clock = clock;
        Http = ClientFor(user.ShortName, Password);
    }

    public DominoSimulator Simulator { get; }
    public DominoState State => Simulator.State;
    public NotesUser User { get; }
    public FakeTimeProvider Clock { get; }
    public HttpClient Http { get; }

    /// <summary>"/mail/jdoe.nsf" — the prefix of every mail-file call.</summary>
    public string MailFile => "/" + User.MailFilePath;

    /// <summary>9:00:00.37 UTC: a time with hundredths, as Notes modification times have.</summary>
    public static DateTimeOffset Start { get; } = new(2024, 5, 2, 9, 0, 0, 370, TimeSpan.Zero);

    public static async Task<TestDomino> StartAsync(Func<DominoSimulatorOptions, DominoSimulatorOptions>? configure = null)
    {
        var clock = new FakeTimeProvider(Start);
        var options = new DominoSimulatorOptions { Clock = clock, Seed = 7 };
        var simulator = await DominoSimulator.StartAsync(configure?.Invoke(options) ?? options);
        var user = simulator.State.AddUser(new NotesUserSpec("Jane Doe", Password));
        return new TestDomino(simulator, user, clock);
    }

    public HttpClient ClientFor(string userName, string password, HttpMessageHandler? handler = null)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler);
        client.BaseAddress = Simulator.BaseUri;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}")));
        return client;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Simulator.DisposeAsync();
    }
}
