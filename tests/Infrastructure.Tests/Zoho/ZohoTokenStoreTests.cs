using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Infrastructure.Zoho;

namespace NotesSync.Infrastructure.Tests.Zoho;

/// <summary>The organisation's access-token row when two grants complete at once (two OAuth callbacks).</summary>
public class ZohoTokenStoreTests
{
    [Fact]
    public async Task Two_grants_storing_the_first_access_token_at_once_both_succeed_and_the_last_one_is_kept()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var second = database.Scope();
        var secondStore = second.ServiceProvider.GetRequiredService<ZohoTokenStore>();
        // The second callback read the organisation's row before the first wrote it: there was none.
        await secondStore.LoadAsync("org-1", CancellationToken.None);

        await using (var first = database.Scope())
            await first.ServiceProvider.GetRequiredService<ZohoTokenStore>()
                .StoreAsync("org-1", "first-token", DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None);
        await secondStore.StoreAsync("org-1", "second-token", DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None);

        await using var check = database.Scope();
        var rows = await database.Context(check).ZohoAccessTokens.Where(t => t.OrgId == "org-1").ToListAsync();
        Assert.Equal("second-token", Assert.Single(rows).ProtectedToken);
    }
}
