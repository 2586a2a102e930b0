using NodaTime;
using Pinpoint.Core.Scheduling;

namespace Pinpoint.Core.Tests.Scheduling;

public sealed class SeriesPlannerTests
{
    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];
    private static readonly Guid Therapist = Guid.Parse("00000000-0000-0000-0000-000000000001");

    private static ZonedDateTime At(int month, int day, int hour, int minute = 0) => Melbourne.AtStrictly(new LocalDateTime(2027, month, day, hour, minute));

    private static Slot Free(ZonedDateTime start, Guid? therapist = null) => new(start, [new SlotTherapist(therapist ?? Therapist, Duration.Zero, 0)]);

    [Fact]
    public void A_weekly_series_keeps_its_local_time_across_the_end_of_daylight_saving()
    {
        // Daylight saving ends in Melbourne on Sunday 4 April 2027.
        var wanted = SeriesPlanner.Wanted(At(3, 29, 10), Period.FromWeeks(1), 3);

        Assert.Equal([new LocalDateTime(2027, 3, 29, 10, 0), new LocalDateTime(2027, 4, 5, 10, 0), new LocalDateTime(2027, 4, 12, 10, 0)], wanted.Select(w => w.LocalDateTime));
        Assert.Equal(Duration.FromDays(7) + Duration.FromHours(1), wanted[1].ToInstant() - wanted[0].ToInstant());
    }

    [Fact]
    public void A_fortnightly_series_steps_two_weeks()
    {
        var wanted = SeriesPlanner.Wanted(At(5, 3, 9, 30), Period.FromWeeks(2), 4);

        Assert.Equal(new LocalDate(2027, 6, 14), wanted[3].Date);
    }

    [Fact]
    public void A_free_date_needs_no_alternatives()
    {
        var item = SeriesPlanner.Check(1, At(5, 3, 10), [Free(At(5, 3, 9)), Free(At(5, 3, 10))], Therapist);

        Assert.True(item.Free);
        Assert.Empty(item.Alternatives);
    }

    [Fact]
    public void A_taken_date_is_offered_the_nearest_free_times_of_the_same_therapist_same_day_first()
    {
        Slot[] around = [Free(At(5, 2, 10)), Free(At(5, 3, 13)), Free(At(5, 3, 8, 45)), Free(At(5, 4, 10)), Free(At(5, 3, 10), Guid.NewGuid())];

        var item = SeriesPlanner.Check(2, At(5, 3, 10), around, Therapist);

        Assert.False(item.Free);
        Assert.Equal([At(5, 3, 8, 45), At(5, 3, 13), At(5, 2, 10)], item.Alternatives);
    }
}
