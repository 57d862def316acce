using NotesSync.Domain.Common;
using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;

namespace NotesSync.Domain.Tests;

public class ValueObjectTests
{
    [Theory]
    [InlineData("ann@acme.example", true)]
    [InlineData("  ann@acme.example ", true)]
    [InlineData("Ann <ann@acme.example>", false)]
    [InlineData("ann@localhost", false)]
    [InlineData("not an address", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Email_addresses_are_checked(string? raw, bool valid)
    {
        Assert.Equal(valid, EmailAddress.IsValid(raw));
    }

    [Fact]
    public void Email_addresses_compare_without_case()
    {
        EmailAddress.TryCreate("Ann@Acme.example", out var a);
        EmailAddress.TryCreate("ann@acme.EXAMPLE", out var b);

        Assert.Equal(a, b);
    }

    [Fact]
    public void A_fingerprint_matches_the_same_value_and_no_other()
    {
        var fingerprint = Fingerprint.Of("Zoë Dupont");

        Assert.True(fingerprint.Matches("Zoë Dupont"));
        Assert.True(fingerprint.Matches(" Zoë Dupont "));
        Assert.False(fingerprint.Matches("Zoe Dupont"));
        Assert.DoesNotContain("Zo", fingerprint.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_value_and_an_empty_one_are_the_same_field_state()
    {
        Assert.Equal(Fingerprint.Of(null), Fingerprint.Of(""));
    }

    [Fact]
    public void Settings_with_nothing_selected_are_refused()
    {
        var result = SyncSettings.Create(false, false, false, EventRange.All, SyncDirection.TwoWay, ConflictWinner.Crm, null);

        Assert.Equal("nothing-selected", result.Error?.Code);
    }

    [Theory]
    [InlineData(14, false)]
    [InlineData(15, true)]
    [InlineData(1440, true)]
    [InlineData(1441, false)]
    [InlineData(null, true)]
    public void Automatic_sync_runs_every_15_minutes_to_a_day_or_is_off(int? minutes, bool valid)
    {
        var result = SyncSettings.Create(true, false, false, EventRange.All, SyncDirection.TwoWay, ConflictWinner.Notes, minutes);

        Assert.Equal(valid, result.IsSuccess);
    }

    [Fact]
    public void Settings_list_the_modules_chosen()
    {
        var settings = SyncSettings.Create(true, false, true, EventRange.FromLastMonth, SyncDirection.NotesToCrm, ConflictWinner.Crm, 60).Value;

        Assert.Equal([SyncModule.Contacts, SyncModule.Events], settings.Modules);
    }
}
