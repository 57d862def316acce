using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Common;
using NotesSync.Infrastructure;
using NotesSync.Infrastructure.Persistence;

namespace NotesSync.Application.Tests;

/// <summary>
/// The application layer as the host wires it (Mediator pipeline, validators, real repositories on a SQLite file),
/// with the caller, the clock and the CRM's user list under the test's control.
/// </summary>
public sealed class ApplicationHost : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"notessync-app-{Guid.NewGuid():N}.db");
    private readonly ServiceProvider _services;

    public ApplicationHost()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:NotesSync"] = $"Data Source={_path}",
        }).Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddApplication()
            .AddInfrastructure(configuration)
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<ICurrentUser>(Caller)
            .AddSingleton<ICrmUserDirectory>(CrmUsers)
            .BuildServiceProvider();
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>().Database.Migrate();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    public TestCaller Caller { get; } = new();
    public TestCrmUsers CrmUsers { get; } = new();

    public async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    public async Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    /// <summary>A singleton service of the host, as the application resolves it.</summary>
    public T Service<T>() where T : notnull => _services.GetRequiredService<T>();

    public async Task<T> WithDbAsync<T>(Func<NotesSyncDbContext, Task<T>> read)
    {
        await using var scope = _services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}

public sealed class TestCaller : ICurrentUser
{
    public string OrgId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string Email => $"{UserId}@example.com";
    public string Name => UserId;
    public string Locale => "fr";

    public void Is(string orgId, string userId) => (OrgId, UserId) = (orgId, userId);
}

public sealed class TestCrmUsers : ICrmUserDirectory
{
    public List<ZohoUser> Users { get; } = [];
    public Error? Failure { get; set; }

    public Task<Result<IReadOnlyList<ZohoUser>>> ListUsersAsync(string orgId, CancellationToken ct) =>
        Task.FromResult(Failure is { } error ? Result<IReadOnlyList<ZohoUser>>.Failure(error) : Result<IReadOnlyList<ZohoUser>>.Success(Users));
}
