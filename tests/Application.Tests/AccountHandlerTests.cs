using Bogus;
using FluentValidation;
using ValidationException = FluentValidation.ValidationException;
using Microsoft.EntityFrameworkCore;
using NotesSync.Application.Accounts.InstallOrganisation;
using NotesSync.Application.Accounts.UninstallOrganisation;
using NotesSync.Application.Accounts.UpdateLicences;
using NotesSync.Application.Common;
using NotesSync.Application.Me.GetMe;
using NotesSync.Application.Users.AddUser;
using NotesSync.Application.Users.ListUsers;
using NotesSync.Application.Users.RemoveUser;
using NotesSync.Domain.Accounts;

namespace NotesSync.Application.Tests;

public class AccountHandlerTests : IAsyncLifetime
{
    private readonly ApplicationHost _host = new();
    private readonly Faker _faker = new() { Random = new Randomizer(20261125) };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private InstallOrganisation AnInstall(string orgId, int seats = 2) =>
        new(orgId, _faker.Company.CompanyName(),
            new Installer($"{orgId}-admin", _faker.Internet.Email(), _faker.Name.FullName()), seats);

    private ZohoUser ACrmUser(string id) => new(id, _faker.Internet.Email(), _faker.Name.FullName());

    [Fact]
    public async Task Install_stores_the_signing_secret_encrypted()
    {
        var installed = await _host.SendAsync(AnInstall("org-1"));

        var stored = await _host.WithDbAsync(db => db.Accounts.Select(a => a.ProtectedSigningSecret).SingleAsync());
        Assert.True(installed.IsSuccess);
        Assert.NotEqual(installed.Value.OrgSigningSecret, stored);
        Assert.DoesNotContain(installed.Value.OrgSigningSecret, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Installing_again_answers_the_first_secret()
    {
        var first = await _host.SendAsync(AnInstall("org-1"));
        var second = await _host.SendAsync(AnInstall("org-1", seats: 9));

        Assert.Equal(first.Value.OrgSigningSecret, second.Value.OrgSigningSecret);
        Assert.Equal(1, await _host.WithDbAsync(db => db.Accounts.CountAsync()));
    }

    [Fact]
    public async Task Invalid_commands_never_reach_a_handler()
    {
        var invalid = new InstallOrganisation("", "Acme", new Installer("1", "nope", "Ann"), 0);

        var failure = await Assert.ThrowsAsync<ValidationException>(() => _host.SendAsync(invalid));

        Assert.Contains(failure.Errors, e => e.PropertyName == "OrgId");
        Assert.Contains(failure.Errors, e => e.PropertyName == "installer.email");
        Assert.Contains(failure.Errors, e => e.PropertyName == "Seats");
        Assert.Equal(0, await _host.WithDbAsync(db => db.Accounts.CountAsync()));
    }

    [Fact]
    public async Task A_caller_without_a_seat_is_refused_before_the_handler_runs()
    {
        await _host.SendAsync(AnInstall("org-1"));
        _host.Caller.Is("org-1", "someone-else");

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => _host.SendAsync(new GetMe()));

        Assert.Equal("not-licensed", denied.Code);
    }

    [Fact]
    public async Task A_caller_of_an_organisation_that_never_installed_is_not_licensed()
    {
        _host.Caller.Is("org-unknown", "u1");

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => _host.SendAsync(new ListUsers()));

        Assert.Equal("not-licensed", denied.Code);
    }

    [Fact]
    public async Task Adding_a_user_takes_their_name_and_email_from_the_crm()
    {
        await _host.SendAsync(AnInstall("org-1"));
        _host.Caller.Is("org-1", "org-1-admin");
        var crmUser = ACrmUser("42");
        _host.CrmUsers.Users.Add(crmUser);

        var added = await _host.SendAsync(new AddUser("42"));

        Assert.Equal((crmUser.Email, crmUser.Name, UserRole.User), (added.Value.Email, added.Value.Name, added.Value.Role));
        var users = await _host.SendAsync(new ListUsers());
        Assert.Equal(new Users.SeatsView(2, 2), users.Seats);
    }

    [Fact]
    public async Task Adding_a_user_while_zoho_is_not_connected_says_so()
    {
        await _host.SendAsync(AnInstall("org-1"));
        _host.Caller.Is("org-1", "org-1-admin");
        _host.CrmUsers.Failure = Domain.Common.Error.Unprocessable("zoho-not-connected", "Connect Zoho first.");

        var result = await _host.SendAsync(new AddUser("42"));

        Assert.Equal("zoho-not-connected", result.Error?.Code);
    }

    [Fact]
    public async Task Only_an_admin_may_remove_a_user()
    {
        await _host.SendAsync(AnInstall("org-1", seats: 3));
        _host.Caller.Is("org-1", "org-1-admin");
        _host.CrmUsers.Users.Add(ACrmUser("42"));
        await _host.SendAsync(new AddUser("42"));
        _host.Caller.Is("org-1", "42");

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => _host.SendAsync(new RemoveUser("org-1-admin")));

        Assert.Equal("admin-only", denied.Code);
    }

    [Fact]
    public async Task Licences_change_the_seats()
    {
        await _host.SendAsync(AnInstall("org-1", seats: 2));

        var result = await _host.SendAsync(new UpdateLicences("org-1", 10));

        Assert.True(result.IsSuccess);
        Assert.Equal(10, await _host.WithDbAsync(db => db.Accounts.Select(a => a.Seats).SingleAsync()));
    }

    [Fact]
    public async Task Uninstall_leaves_no_account_behind()
    {
        await _host.SendAsync(AnInstall("org-1"));
        await _host.SendAsync(AnInstall("org-2"));

        await _host.SendAsync(new UninstallOrganisation("org-1"));

        Assert.Equal(["org-2"], await _host.WithDbAsync(db => db.Accounts.Select(a => a.OrgId).ToListAsync()));
        Assert.Equal(1, await _host.WithDbAsync(db => db.LicensedUsers.CountAsync()));
    }
}
