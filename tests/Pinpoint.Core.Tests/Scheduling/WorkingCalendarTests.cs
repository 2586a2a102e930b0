using NodaTime;
using NodaTime.Text;
using Pinpoint.Core.Scheduling;

namespace Pinpoint.Core.Tests.Scheduling;

public sealed class WorkingCalendarTests
{
    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];
    private static readonly LocalTimePattern HourMinute = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    private static LocalTimeRange Range(string start, string end) =>
        new(HourMinute.Parse(start).Value, HourMinute.Parse(end).Value);

    private static readonly WeeklyHours NineToFiveWeekdays = new(
        new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }
            .Select(d => (d, Range("09:00", "17:00"))));

    private static string Utc(Instant instant) => InstantPattern.General.Format(instant);

    [Fact]
    public void Nine_to_five_stays_nine_to_five_local_across_the_spring_change()
    {
        // Melbourne moves from AEST (+10) to AEDT (+11) at 02:00 on Sunday 4 October 2026.
        var intervals = WorkingCalendar.Intervals(NineToFiveWeekdays, [], Melbourne,
            new DateInterval(new LocalDate(2026, 9, 28), new LocalDate(2026, 10, 5)));

        var before = intervals.First();
        var after = intervals.Last();
        Assert.Equal("2026-09-27T23:00:00Z", Utc(before.Start)); // Monday 28 Sep 09:00 +10
        Assert.Equal("2026-10-04T22:00:00Z", Utc(after.Start));  // Monday 5 Oct 09:00 +11
        Assert.All(intervals, i => Assert.Equal(Duration.FromHours(8), i.Duration));
        Assert.All(intervals, i => Assert.Equal(new LocalTime(9, 0), i.Start.InZone(Melbourne).TimeOfDay));
        Assert.Equal(6, intervals.Count); // Mon–Fri plus the next Monday; no weekend hours
    }

    [Fact]
    public void A_range_across_the_skipped_hour_is_an_hour_shorter_in_real_time()
    {
        var week = new WeeklyHours([(IsoDayOfWeek.Sunday, Range("01:00", "04:00"))]);

        var interval = Assert.Single(WorkingCalendar.Intervals(week, [], Melbourne, new DateInterval(new LocalDate(2026, 10, 4), new LocalDate(2026, 10, 4))));

        Assert.Equal(Duration.FromHours(2), interval.Duration);
    }

    [Fact]
    public void A_start_inside_the_skipped_hour_moves_forward_by_the_gap()
    {
        var week = new WeeklyHours([(IsoDayOfWeek.Sunday, Range("02:30", "05:00"))]);

        var interval = Assert.Single(WorkingCalendar.Intervals(week, [], Melbourne, new DateInterval(new LocalDate(2026, 10, 4), new LocalDate(2026, 10, 4))));

        Assert.Equal(new LocalTime(3, 30), interval.Start.InZone(Melbourne).TimeOfDay);
        Assert.Equal(new LocalTime(5, 0), interval.End.InZone(Melbourne).TimeOfDay);
    }

    [Fact]
    public void A_range_across_the_repeated_hour_is_an_hour_longer_in_real_time()
    {
        // Back from AEDT to AEST at 03:00 on Sunday 4 April 2027: 02:00–03:00 happens twice.
        var week = new WeeklyHours([(IsoDayOfWeek.Sunday, Range("01:00", "04:00"))]);

        var interval = Assert.Single(WorkingCalendar.Intervals(week, [], Melbourne, new DateInterval(new LocalDate(2027, 4, 4), new LocalDate(2027, 4, 4))));

        Assert.Equal(Duration.FromHours(4), interval.Duration);
    }

    [Fact]
    public void Exceptions_replace_the_usual_day_and_a_day_off_has_no_hours()
    {
        var dates = new DateInterval(new LocalDate(2026, 11, 30), new LocalDate(2026, 12, 2)); // Mon–Wed
        DayException[] exceptions =
        [
            new(new LocalDate(2026, 11, 30), [], "Conference"),
            new(new LocalDate(2026, 12, 1), [Range("07:00", "09:00"), Range("18:00", "20:00")]),
        ];

        var intervals = WorkingCalendar.Intervals(NineToFiveWeekdays, exceptions, Melbourne, dates);

        Assert.Equal(
            ["07:00", "18:00", "09:00"],
            intervals.Select(i => i.Start.InZone(Melbourne).TimeOfDay.ToString("HH:mm", null)));
        Assert.True(exceptions[0].IsDayOff);
    }

    [Fact]
    public void Several_ranges_a_day_come_in_order_and_may_not_overlap()
    {
        var week = new WeeklyHours([(IsoDayOfWeek.Monday, Range("13:00", "17:00")), (IsoDayOfWeek.Monday, Range("08:00", "12:00"))]);

        Assert.Equal([Range("08:00", "12:00"), Range("13:00", "17:00")], week.On(IsoDayOfWeek.Monday));
        Assert.Equal(Period.FromHours(8), week.WeeklyTotal);
        var error = Assert.Throws<ArgumentException>(() =>
            new WeeklyHours([(IsoDayOfWeek.Monday, Range("08:00", "12:00")), (IsoDayOfWeek.Monday, Range("11:00", "13:00"))]));
        Assert.Contains("overlaps", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("09:00", "09:00")]
    [InlineData("17:00", "09:00")]
    public void A_range_ends_after_it_starts(string start, string end)
    {
        Assert.Throws<ArgumentException>(() => Range(start, end));
    }
}
