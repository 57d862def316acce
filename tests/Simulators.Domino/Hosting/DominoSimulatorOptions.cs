using System.Security.Cryptography.X509Certificates;
using NotesSync.Simulators.Domino.State;

namespace NotesSync.Simulators.Domino.Hosting;

public sealed record DominoSimulatorOptions
{
    /// <summary>Address to listen on; loopback by default.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port; read the result from <see cref="DominoSimulator.BaseUri"/>.</summary>
    public int Port { get; init; }

    /// <summary>Serve HTTPS with a self-signed certificate generated at start (see <see cref="DominoSimulator.Certificate"/>).</summary>
    public bool UseHttps { get; init; }

    /// <summary>
    /// Serve HTTPS with this certificate (and its key) instead, e.g. one issued by a <see cref="TestCertificateAuthority"/>;
    /// the caller keeps it and disposes of it.
    /// </summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>Intermediate CA certificates sent after <see cref="ServerCertificate"/> in the TLS handshake.</summary>
    public X509Certificate2Collection? ServerCertificateChain { get; init; }

    /// <summary>Delay added to every DAS call; changeable later through <see cref="DominoSimulator.Knobs"/>.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Seeds UNIDs and the Bogus seeder, so that a failing run can be repeated.</summary>
    public int Seed { get; init; } = 20240501;

    /// <summary>The server's clock: document modification times, "now" for event windows.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>New mail files allow "Views and documents" and their contacts/to-do/calendar views allow DAS.</summary>
    public bool MailFilesAllowDas { get; init; } = true;

    /// <summary>Server document settings applied before start (DAS services, authentication mode, time zone…).</summary>
    public Action<ServerSettings>? ConfigureServer { get; init; }

    /// <summary>Seed the sandbox's demo user and data at start.</summary>
    public bool SeedDemoUser { get; init; }

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;
}
