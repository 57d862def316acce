using NotesSync.Domain.Accounts;

namespace NotesSync.Domain.Tests;

public class SyncAccountTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly ZohoUser Installer = new("1001", "ann@acme.example", "Ann Admin");

    private static SyncAccount Install(int seats = 3) =>
        SyncAccount.Install("org-1", "Acme", Installer, seats, "ciphertext", Now);

    private static ZohoUser CrmUser(int n) => new($"20{n}", $"user{n}@acme.example", $"User {n}");

    [Fact]
    public void The_installer_is_the_first_admin_and_holds_a_seat()
    {
        var account = Install();

        var installer = Assert.Single(account.Users);
        Assert.Equal("1001", installer.UserId);
        Assert.Equal(UserRole.Admin, installer.Role);
        Assert.Equal(1, account.SeatsUsed);
    }

    [Fact]
    public void Adding_users_up_to_the_seats_succeeds_and_past_them_is_refused()
    {
        var account = Install(seats: 3);

        Assert.True(account.AddUser(CrmUser(1), Now).IsSuccess);
        Assert.True(account.AddUser(CrmUser(2), Now).IsSuccess);
        var refused = account.AddUser(CrmUser(3), Now);

        Assert.Equal("no-seats-left", refused.Error?.Code);
        Assert.Equal(3, account.SeatsUsed);
    }

    [Fact]
    public void A_new_user_gets_the_user_role()
    {
        var account = Install();

        var added = account.AddUser(CrmUser(1), Now);

        Assert.Equal(UserRole.User, added.Value.Role);
        Assert.False(added.Value.HasSynced);
    }

    [Fact]
    public void Adding_the_same_user_twice_is_refused()
    {
        var account = Install();
        account.AddUser(CrmUser(1), Now);

        Assert.Equal("user-already-added", account.AddUser(CrmUser(1), Now).Error?.Code);
        Assert.Equal(2, account.SeatsUsed);
    }

    [Fact]
    public void Removing_a_user_who_has_synced_is_refused()
    {
        var account = Install();
        account.AddUser(CrmUser(1), Now);
        account.MarkUserSynced("201");

        Assert.Equal("user-has-synced", account.RemoveUser("201").Error?.Code);
        Assert.NotNull(account.FindUser("201"));
    }

    [Fact]
    public void Removing_a_user_who_never_synced_frees_their_seat()
    {
        var account = Install(seats: 2);
        account.AddUser(CrmUser(1), Now);

        Assert.True(account.RemoveUser("201").IsSuccess);
        Assert.True(account.AddUser(CrmUser(2), Now).IsSuccess);
    }

    [Fact]
    public void Removing_the_last_admin_is_refused()
    {
        var account = Install();
        account.AddUser(CrmUser(1), Now);

        Assert.Equal("last-admin", account.RemoveUser("1001").Error?.Code);
        Assert.True(account.FindUser("1001")!.IsAdmin);
    }

    [Fact]
    public void Removing_an_unknown_user_says_so()
    {
        Assert.Equal("user-not-found", Install().RemoveUser("nobody").Error?.Code);
    }

    [Fact]
    public void Fewer_seats_than_users_keeps_everyone_but_admits_nobody_new()
    {
        var account = Install(seats: 3);
        account.AddUser(CrmUser(1), Now);
        account.AddUser(CrmUser(2), Now);

        account.ChangeSeats(1);

        Assert.Equal(3, account.SeatsUsed);
        Assert.Equal("no-seats-left", account.AddUser(CrmUser(3), Now).Error?.Code);
    }

    [Fact]
    public void Every_change_moves_the_concurrency_version()
    {
        var account = Install();
        var before = account.Version;

        account.AddUser(CrmUser(1), Now);

        Assert.True(account.Version > before);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void An_install_without_seats_is_a_programming_error(int seats)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Install(seats));
    }
}
