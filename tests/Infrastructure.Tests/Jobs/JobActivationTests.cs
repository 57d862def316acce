using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Infrastructure.Jobs;

namespace NotesSync.Infrastructure.Tests.Jobs;

/// <summary>Jobs are built from the container of the host that runs them, whatever other hosts share the process.</summary>
public sealed class JobActivationTests
{
    private sealed record HostMarker(string Name);

    [Fact]
    public async Task A_host_builds_its_jobs_from_its_own_container_after_another_host_configured_Hangfire()
    {
        await using var mine = Host("mine");
        await using var other = Host("other");
        // Each host configures Hangfire's process-wide settings when it starts; the other one did so last.
        mine.GetRequiredService<IGlobalConfiguration>();
        other.GetRequiredService<IGlobalConfiguration>();

        var activator = mine.GetRequiredService<JobActivator>();
        using var scope = activator.BeginScope((JobActivatorContext)null!);

        Assert.Equal("mine", ((HostMarker)scope.Resolve(typeof(HostMarker))).Name);
    }

    private static ServiceProvider Host(string name)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new HostMarker(name));
        services.AddJobs(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }
}
