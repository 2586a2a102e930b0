using NodaTime;

namespace Pinpoint.Core.Scheduling;

/// <summary>One session of a series: the time asked for, whether it is free, and the nearest free times if not.</summary>
public sealed record SeriesItem(int Number, ZonedDateTime Wanted, bool Free, IReadOnlyList<ZonedDateTime> Alternatives);

/// <summary>
/// Plans a series of visits with one therapist at a fixed cadence (e.g. weekly × 6): every date is checked with the
/// same availability engine as a single booking, and a date that does not fit is offered the free times of that
/// therapist nearest to the wanted time, within a few days either side, before anything is booked.
/// </summary>
public static class SeriesPlanner
{
    /// <summary>The wanted start of each session, in the client's zone: the same local time every <paramref name="cadence"/>.</summary>
    public static IReadOnlyList<ZonedDateTime> Wanted(ZonedDateTime first, Period cadence, int sessions)
    {
        ArgumentNullException.ThrowIfNull(cadence);
        return [.. Enumerable.Range(0, sessions).Select(i =>
            first.Zone.AtLeniently(first.LocalDateTime.Plus(Multiply(cadence, i))))];
    }

    /// <summary>
    /// Checks a wanted time against <paramref name="slotsAround"/> (the therapist's free starts on the days around it, computed by
    /// the availability engine with the sessions before it in the series counted as visits by the caller).
    /// </summary>
    public static SeriesItem Check(int number, ZonedDateTime wanted, IReadOnlyList<Slot> slotsAround, Guid therapistId, int alternatives = 3)
    {
        ArgumentNullException.ThrowIfNull(slotsAround);
        var theirs = slotsAround.Where(s => s.Therapists.Any(t => t.TherapistId == therapistId)).Select(s => s.Start).ToList();
        var free = theirs.Any(s => s.ToInstant() == wanted.ToInstant());
        return new SeriesItem(number, wanted, free, free ? [] : [.. theirs
            .OrderBy(s => Distance(s, wanted))
            .ThenBy(s => s.ToInstant())
            .Take(alternatives)]);
    }

    // Closeness for a client: a different day costs more than a different hour on the same day.
    private static double Distance(ZonedDateTime candidate, ZonedDateTime wanted) =>
        Math.Abs(Period.Between(wanted.Date, candidate.Date, PeriodUnits.Days).Days) * 24 * 60 +
        Math.Abs((candidate.TimeOfDay - wanted.TimeOfDay).ToDuration().TotalMinutes);

    private static Period Multiply(Period period, int times) =>
        Period.FromYears(period.Years * times) + Period.FromMonths(period.Months * times) + Period.FromWeeks(period.Weeks * times) + Period.FromDays(period.Days * times);
}
