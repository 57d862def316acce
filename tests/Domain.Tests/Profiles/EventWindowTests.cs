using NotesSync.Domain.Profiles;

namespace NotesSync.Domain.Tests.Profiles;

/// <summary>The events range starts at the user's midnight in the user's zone, east and west of UTC, DST days included.</summary>
public class EventWindowTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly TimeZoneInfo Santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void From_today_in_Paris_starts_at_Paris_midnight_which_is_the_evening_before_in_UTC()
    {
        // 22:30 UTC on 10 June is already 11 June in Paris (UTC+2).
        var window = EventWindow.For(EventRange.FromToday, Utc(6, 10, 22, 30), Paris);

        Assert.Equal(new DateOnly(2026, 6, 11), window.FirstDay);
        Assert.Equal(Utc(6, 10, 22), window.From);
        Assert.True(window.Contains(Utc(6, 10, 22)));
        Assert.False(window.Contains(Utc(6, 10, 21, 59)));
    }

    [Fact]
    public void From_today_in_New_York_starts_at_New_York_midnight_which_is_the_morning_in_UTC()
    {
        // 02:00 UTC on 11 June is still 10 June in New York (UTC−4).
        var window = EventWindow.For(EventRange.FromToday, Utc(6, 11, 2), NewYork);

        Assert.Equal(new DateOnly(2026, 6, 10), window.FirstDay);
        Assert.Equal(Utc(6, 10, 4), window.From);
        Assert.True(window.Contains(Utc(6, 10, 4)));
        Assert.False(window.Contains(Utc(6, 10, 3, 59)));
        Assert.True(window.ContainsDay(new DateOnly(2026, 6, 10)));
        Assert.False(window.ContainsDay(new DateOnly(2026, 6, 9)));
    }

    [Fact]
    public void Tokyo_is_a_day_ahead_of_UTC_at_its_midnight()
    {
        var window = EventWindow.For(EventRange.FromToday, Utc(6, 10, 15, 30), Tokyo);

        Assert.Equal(new DateOnly(2026, 6, 11), window.FirstDay);
        Assert.Equal(Utc(6, 10, 15), window.From);
    }

    [Theory]
    // The day the clocks go forward (29 March in Paris, 8 March in New York): midnight is still at winter time.
    [InlineData("Europe/Paris", 3, 29, 3, 28, 23)]
    [InlineData("America/New_York", 3, 8, 3, 8, 5)]
    // The day they go back (25 October, 1 November): midnight is still at summer time.
    [InlineData("Europe/Paris", 10, 25, 10, 24, 22)]
    [InlineData("America/New_York", 11, 1, 11, 1, 4)]
    public void On_DST_days_today_starts_at_the_midnight_of_the_offset_in_force_then(
        string zoneId, int month, int day, int utcMonth, int utcDay, int utcHour)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var noon = EventWindow.MidnightOf(new DateOnly(2026, month, day), zone).AddHours(12);

        var window = EventWindow.For(EventRange.FromToday, noon, zone);

        Assert.Equal(new DateOnly(2026, month, day), window.FirstDay);
        Assert.Equal(Utc(utcMonth, utcDay, utcHour), window.From);
    }

    [Fact]
    public void Where_a_DST_change_skips_midnight_the_day_starts_when_the_clocks_jump()
    {
        // Chile moves its clocks from 00:00 to 01:00 on the first Sunday of September (6 September 2026).
        var start = EventWindow.MidnightOf(new DateOnly(2026, 9, 6), Santiago);

        Assert.Equal(new TimeSpan(1, 0, 0), start.TimeOfDay);
        Assert.Equal(Utc(9, 6, 4), start.ToUniversalTime());
    }

    [Fact]
    public void From_last_month_starts_on_the_same_day_a_month_ago_at_the_users_midnight()
    {
        var window = EventWindow.For(EventRange.FromLastMonth, Utc(3, 31, 12), Paris);

        Assert.Equal(new DateOnly(2026, 2, 28), window.FirstDay);
        Assert.Equal(Utc(2, 27, 23), window.From);
    }

    [Fact]
    public void All_events_have_no_first_day_and_every_range_ends_five_years_ahead()
    {
        var window = EventWindow.For(EventRange.All, Utc(6, 10, 12), Paris);

        Assert.Null(window.From);
        Assert.True(window.Contains(new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.True(window.ContainsDay(new DateOnly(2031, 6, 9)));
        Assert.False(window.ContainsDay(new DateOnly(2031, 6, 10)));
        Assert.False(window.Contains(Utc(6, 10, 12).AddYears(5)));
    }
}
