using NodaTime;
using NodaTime.TimeZones;

namespace Pinpoint.Core.Scheduling;

/// <summary>
/// A stretch of local time within one day, such as 09:00–12:30. The start is included and the end is not; the
/// end is after the start, and the interval never crosses midnight.
/// </summary>
public readonly record struct LocalTimeRange
{
    public LocalTimeRange(LocalTime start, LocalTime end)
    {
        if (end <= start)
        {
            throw new ArgumentException($"The end ({end:HH:mm}) must be after the start ({start:HH:mm}) on the same day.", nameof(end));
        }

        Start = start;
        End = end;
    }

    public LocalTime Start { get; }

    public LocalTime End { get; }

    public Period Length => Period.Between(Start, End);

    public bool Overlaps(LocalTimeRange other) => Start < other.End && other.Start < End;

    public override string ToString() => $"{Start:HH:mm}–{End:HH:mm}";
}

/// <summary>
/// A therapist's usual week in their own time zone: for each weekday, zero or more non-overlapping ranges of local
/// time. Kept as local times so "Mondays 9:00–17:00" stays 9:00–17:00 on the wall clock across DST changes.
/// </summary>
public sealed class WeeklyHours
{
    private readonly IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<LocalTimeRange>> _days;

    public WeeklyHours(IEnumerable<(IsoDayOfWeek Day, LocalTimeRange Range)> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var byDay = new Dictionary<IsoDayOfWeek, List<LocalTimeRange>>();
        foreach (var (day, range) in ranges)
        {
            if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
            {
                throw new ArgumentOutOfRangeException(nameof(ranges), day, "Not a day of the week.");
            }

            if (!byDay.TryGetValue(day, out var list))
            {
                byDay[day] = list = [];
            }

            foreach (var other in list.Where(r => r.Overlaps(range)))
            {
                throw new ArgumentException($"{day}: {range} overlaps {other}.", nameof(ranges));
            }

            list.Add(range);
        }

        _days = byDay.ToDictionary(d => d.Key, d => (IReadOnlyList<LocalTimeRange>)[.. d.Value.OrderBy(r => r.Start)]);
    }

    public static WeeklyHours None { get; } = new([]);

    public IReadOnlyList<LocalTimeRange> On(IsoDayOfWeek day) => _days.GetValueOrDefault(day) ?? [];

    public Period WeeklyTotal => _days.Values.SelectMany(r => r).Aggregate(Period.Zero, (total, r) => (total + r.Length).Normalize());
}

/// <summary>
/// A change to the usual week on one date: different hours, or none (a day off). Time off over several days is
/// one exception per date.
/// </summary>
public sealed record DayException(LocalDate Date, IReadOnlyList<LocalTimeRange> Ranges, string? Note = null)
{
    public bool IsDayOff => Ranges.Count == 0;
}

/// <summary>
/// Turns a therapist's local working hours into instants for a span of dates. On a DST change day a range is
/// mapped with NodaTime's lenient resolver: a start or end in the skipped hour moves forward by the gap, and in a
/// repeated hour the earlier instant is used, so a 9:00–17:00 day is 9:00–17:00 on the wall clock on both sides of
/// the change, and shorter or longer in real time only if it spans the change itself.
/// </summary>
public static class WorkingCalendar
{
    public static IReadOnlyList<Interval> Intervals(
        WeeklyHours week, IEnumerable<DayException> exceptions, DateTimeZone zone, DateInterval dates)
    {
        var result = new List<Interval>();
        AddIntervals(week, exceptions, zone, dates, result);
        return result;
    }

    /// <summary>What <see cref="Intervals"/> returns, added to <paramref name="into"/>: a search reuses one list for every therapist.</summary>
    internal static void AddIntervals(
        WeeklyHours week, IEnumerable<DayException> exceptions, DateTimeZone zone, DateInterval dates, List<Interval> into)
    {
        ArgumentNullException.ThrowIfNull(week);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(dates);
        // Most therapists have no time off near a given day: no lookup to build for them.
        var byDate = exceptions is IReadOnlyCollection<DayException> { Count: 0 } ? null : exceptions.ToDictionary(e => e.Date);
        for (var date = dates.Start; date <= dates.End; date = date.PlusDays(1))
        {
            var ranges = byDate is not null && byDate.TryGetValue(date, out var exception) ? exception.Ranges : week.On(date.DayOfWeek);
            for (var i = 0; i < ranges.Count; i++)
            {
                var start = zone.ResolveLocal(date + ranges[i].Start, Resolvers.LenientResolver).ToInstant();
                var end = zone.ResolveLocal(date + ranges[i].End, Resolvers.LenientResolver).ToInstant();
                if (end > start)
                {
                    into.Add(new Interval(start, end));
                }
            }
        }
    }
}
