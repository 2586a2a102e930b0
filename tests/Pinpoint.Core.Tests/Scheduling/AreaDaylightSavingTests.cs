using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;

namespace Pinpoint.Core.Tests.Scheduling;

/// <summary>
/// Availability in each service area's zone on the days its clocks change. A night shift (00:00–06:00 local) spans
/// the change, so the skipped or repeated hour falls inside working hours.
/// </summary>
public sealed class AreaDaylightSavingTests
{
    private static readonly Guid TherapistId = Guid.Parse("00000000-0000-0000-0000-00000000000a");

    private sealed class NoTravel : ITravelTimeModel
    {
        public Duration Estimate(GeoPoint from, GeoPoint to) => Duration.Zero;
    }

    private static ServiceArea Area(string key) => ServiceAreas.Embedded.Find(key)!;

    private static IReadOnlyList<Slot> NightSlots(ServiceArea area, LocalDate day)
    {
        var home = area.Gazetteer.Places.First().Point;
        var therapist = new TherapistCalendar(
            TherapistId, home, area.Zone,
            new WeeklyHours([(day.DayOfWeek, new LocalTimeRange(new LocalTime(0, 0), new LocalTime(6, 0)))]),
            [], [new CredentialWindow(Modality.Myofascial, new LocalDate(2025, 1, 1), new LocalDate(2028, 1, 1))],
            [], 50, Duration.FromMinutes(15), Duration.FromMinutes(45), null);
        var request = new AvailabilityRequest(home, Modality.Myofascial, Duration.FromMinutes(60), area.Zone, new DateInterval(day, day));
        var now = area.Zone.AtStartOfDay(day.PlusDays(-7)).ToInstant();
        return new AvailabilityEngine(new NoTravel(), new AvailabilityOptions()).Find(request, [therapist], now);
    }

    private static void AssertConsistent(ServiceArea area, IReadOnlyList<Slot> slots)
    {
        Assert.All(slots, s =>
        {
            Assert.Equal(area.Zone, s.Start.Zone);
            // The offset a slot carries is the zone's at that instant: shown and stored times agree.
            Assert.Equal(area.Zone.GetUtcOffset(s.Start.ToInstant()), s.Start.Offset);
        });
        // Instants strictly increasing: no slot is offered twice, none lost in the change.
        Assert.All(slots.Zip(slots.Skip(1)), p => Assert.True(p.Second.Start.ToInstant() > p.First.Start.ToInstant()));
        // From the first start to the last the shift is whole: an hour of elapsed time (not local) per four slots.
        var elapsed = slots[^1].Start.ToInstant() - slots[0].Start.ToInstant();
        Assert.Equal(elapsed.TotalMinutes / 15, slots.Count - 1);
    }

    // Spring forward: Melbourne and Sydney on the first Sunday of October, Auckland on the last Sunday of September.
    [Theory]
    [InlineData("melbourne", 2026, 10, 4)]
    [InlineData("sydney", 2026, 10, 4)]
    [InlineData("auckland", 2026, 9, 27)]
    public void On_the_day_clocks_go_forward_no_slot_falls_in_the_skipped_hour_and_the_shift_is_an_hour_shorter(string key, int year, int month, int dayOfMonth)
    {
        var area = Area(key);
        var day = new LocalDate(year, month, dayOfMonth);
        Assert.True(area.Zone.GetUtcOffset(area.Zone.AtStartOfDay(day.PlusDays(1)).ToInstant()) > area.Zone.GetUtcOffset(area.Zone.AtStartOfDay(day).ToInstant()),
            "the data's date is the change day");

        var change = NightSlots(area, day);
        var ordinary = NightSlots(area, day.PlusDays(-7));

        Assert.DoesNotContain(change, s => s.Start.TimeOfDay >= new LocalTime(2, 0) && s.Start.TimeOfDay < new LocalTime(3, 0));
        Assert.Equal(ordinary.Count - 4, change.Count);
        AssertConsistent(area, change);
        // A local time maps to exactly one instant on this day except in the gap, where none exists.
        Assert.All(change, s => Assert.Equal(s.Start, area.Zone.AtStrictly(s.Start.LocalDateTime)));
    }

    // Fall back: all three on the first Sunday of April.
    [Theory]
    [InlineData("melbourne", 2026, 4, 5)]
    [InlineData("sydney", 2026, 4, 5)]
    [InlineData("auckland", 2026, 4, 5)]
    public void On_the_day_clocks_go_back_the_repeated_hour_is_offered_twice_at_different_instants(string key, int year, int month, int dayOfMonth)
    {
        var area = Area(key);
        var day = new LocalDate(year, month, dayOfMonth);

        var change = NightSlots(area, day);
        var ordinary = NightSlots(area, day.PlusDays(-7));

        Assert.Equal(ordinary.Count + 4, change.Count);
        AssertConsistent(area, change);
        var twice = change.GroupBy(s => s.Start.TimeOfDay).Where(g => g.Count() == 2).ToList();
        Assert.Equal(["02:00", "02:15", "02:30", "02:45"], twice.Select(g => g.Key.ToString("HH:mm", null)));
        Assert.All(twice, g => Assert.Equal(Duration.FromHours(1), g.Last().Start.ToInstant() - g.First().Start.ToInstant()));
    }

    [Theory]
    [InlineData("brisbane", 10)]
    [InlineData("perth", 8)]
    public void Brisbane_and_perth_keep_one_offset_all_year_so_the_other_cities_change_days_are_ordinary(string key, int hours)
    {
        var area = Area(key);
        var year = new DateInterval(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31));

        Assert.All(year, d => Assert.Equal(Offset.FromHours(hours), area.Zone.GetUtcOffset(area.Zone.AtStartOfDay(d).ToInstant())));
        var ordinary = NightSlots(area, new LocalDate(2026, 9, 20)).Count;
        Assert.All(new[] { new LocalDate(2026, 4, 5), new LocalDate(2026, 9, 27), new LocalDate(2026, 10, 4) },
            d => Assert.Equal(ordinary, NightSlots(area, d).Count));
    }

    [Fact]
    public void A_visit_booked_the_week_before_the_change_keeps_its_local_time_and_the_change_day_visit_its_new_offset()
    {
        var sydney = Area("sydney").Zone;
        var before = new LocalDate(2026, 9, 27).At(new LocalTime(9, 0)).InZoneStrictly(sydney);
        var after = new LocalDate(2026, 10, 4).At(new LocalTime(9, 0)).InZoneStrictly(sydney);

        // Stored as instants, shown in the zone: 9 am both Sundays, but 23:00 UTC before and 22:00 UTC on the change day.
        Assert.Equal(Instant.FromUtc(2026, 9, 26, 23, 0), before.ToInstant());
        Assert.Equal(Instant.FromUtc(2026, 10, 3, 22, 0), after.ToInstant());
        Assert.Equal(new LocalTime(9, 0), before.ToInstant().InZone(sydney).TimeOfDay);
        Assert.Equal(Duration.FromDays(7) - Duration.FromHours(1), after.ToInstant() - before.ToInstant());
    }
}
