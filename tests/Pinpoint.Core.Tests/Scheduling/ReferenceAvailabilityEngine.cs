using NodaTime;
using NodaTime.TimeZones;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;

namespace Pinpoint.Core.Tests.Scheduling;

// The availability engine as it was before it was made fast (commit b7df4aa), with the working calendar of that time: a
// grid step at a time, every check redone for every step. Kept as the reference the fast engine must agree with, slot for slot.
/// <summary>
/// Bookable start times for one client, the straightforward way. Per therapist it checks, cheapest first: the credential for the modality on
/// the date, the reach of the client's home, then per working interval (their zone, DST-correct, exceptions applied)
/// and per grid step: the daily maximum, and room for the drive from the previous visit (or home) and on to the next
/// (or home), with the minimum break between visits and set-up and pack-down around the session, all inside the
/// working interval. Times step on the grid in the client's zone; minimum notice and horizon bound them. The client's
/// <see cref="ClientLimits"/> drop the therapists who declined them and the times that overlap their own visits.
/// </summary>
internal sealed class ReferenceAvailabilityEngine(ITravelTimeModel travel, AvailabilityOptions options)
{
    public IReadOnlyList<Slot> Find(AvailabilityRequest request, IEnumerable<TherapistCalendar> therapists, Instant now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(therapists);
        var earliest = now + options.MinimumNotice;
        var latest = now + options.Horizon;
        var byStart = new SortedDictionary<Instant, List<SlotTherapist>>();
        foreach (var therapist in therapists)
        {
            if (request.Match is { } match && !match.Admits(therapist.Gender, therapist.Interests))
            {
                continue;
            }

            if (request.Limits?.Excludes(therapist.Id) == true)
            {
                continue;
            }

            if (!Reaches(therapist, request.ClientHome))
            {
                continue;
            }

            foreach (var (start, drive) in Starts(therapist, request, earliest, latest))
            {
                if (!byStart.TryGetValue(start, out var list))
                {
                    byStart[start] = list = [];
                }

                list.Add(new SlotTherapist(therapist.Id, drive, Score(therapist, request, drive)));
            }
        }

        return [.. byStart.Select(s => new Slot(
            s.Key.InZone(request.ClientZone),
            [.. s.Value.OrderByDescending(t => t.Score).ThenBy(t => t.TherapistId)]))];
    }

    private bool Reaches(TherapistCalendar therapist, GeoPoint client) =>
        AvailabilityEngine.Reaches(travel, therapist.Home, client, therapist.MaxTravel, therapist.MaxRadiusKm);

    private IEnumerable<(Instant Start, Duration Drive)> Starts(TherapistCalendar therapist, AvailabilityRequest request, Instant earliest, Instant latest)
    {
        // The client's dates, widened by a day each way, cover every therapist-zone date that can overlap them.
        var dates = new DateInterval(request.Dates.Start.PlusDays(-1), request.Dates.End.PlusDays(1));
        var windowStart = request.ClientZone.AtStartOfDay(request.Dates.Start).ToInstant();
        var windowEnd = request.ClientZone.AtStartOfDay(request.Dates.End.PlusDays(1)).ToInstant();
        var occupiedLength = options.SetUp + request.SessionLength + options.PackDown;
        foreach (var work in Intervals(therapist.Week, therapist.Exceptions, therapist.Zone, dates))
        {
            var day = work.Start.InZone(therapist.Zone).Date;
            if (!therapist.Credentials.Any(c => c.Modality == request.Modality && c.ValidFrom <= day && day <= c.ValidTo) ||
                CountOn(therapist, day) >= therapist.MaxSessionsPerDay)
            {
                continue;
            }

            var dayStart = therapist.Zone.AtStartOfDay(day).ToInstant();
            var dayEnd = therapist.Zone.AtStartOfDay(day.PlusDays(1)).ToInstant();
            var first = Max(Max(work.Start + options.SetUp, earliest), windowStart);
            for (var start = AlignToGrid(first, request.ClientZone); start + request.SessionLength + options.PackDown <= work.End; start += options.Grid)
            {
                if (start >= windowEnd || start > latest)
                {
                    break;
                }

                var occupied = new Interval(start - options.SetUp, start - options.SetUp + occupiedLength);
                if (request.Limits?.Overlaps(occupied) == true)
                {
                    continue; // the client has a visit then, with whomever
                }

                if (Fits(therapist, request.ClientHome, occupied, work, dayStart, dayEnd, out var drive))
                {
                    yield return (start, drive);
                }
            }
        }
    }

    // Room before (from the previous visit of the same day, or from home) and after (to the next visit of the same
    // day, or home), with the minimum break between visits; the session itself stays inside the working interval.
    private bool Fits(TherapistCalendar therapist, GeoPoint client, Interval occupied, Interval work, Instant dayStart, Instant dayEnd, out Duration driveIn)
    {
        var visits = therapist.Visits;
        var next = LowerBound(visits, occupied.Start);
        var previous = next - 1;
        driveIn = Duration.Zero;
        if ((previous >= 0 && visits[previous].Occupied.End > occupied.Start) || (next < visits.Count && visits[next].Occupied.Start < occupied.End))
        {
            return false;
        }

        var fromVisit = previous >= 0 && visits[previous].Occupied.End >= dayStart;
        driveIn = travel.Estimate(fromVisit ? visits[previous].Location : therapist.Home, client);
        var readyBy = fromVisit
            ? Max(visits[previous].Occupied.End + therapist.MinBreak + driveIn, work.Start)
            : work.Start + driveIn;
        if (readyBy > occupied.Start)
        {
            return false;
        }

        var toVisit = next < visits.Count && visits[next].Occupied.Start < dayEnd;
        var driveOut = travel.Estimate(client, toVisit ? visits[next].Location : therapist.Home);
        var leaveBy = toVisit
            ? Min(visits[next].Occupied.Start - therapist.MinBreak - driveOut, work.End)
            : work.End - driveOut;
        return occupied.End <= leaveBy;
    }

    private static int CountOn(TherapistCalendar therapist, LocalDate day) =>
        therapist.Visits.Count(v => v.Occupied.Start.InZone(therapist.Zone).Date == day);

    private static int LowerBound(IReadOnlyList<Visit> visits, Instant at)
    {
        int lo = 0, hi = visits.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (visits[mid].Occupied.Start < at)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private Instant AlignToGrid(Instant instant, DateTimeZone zone)
    {
        var local = instant.InZone(zone);
        var sinceMidnight = local.TimeOfDay - LocalTime.Midnight;
        var gridTicks = options.Grid.BclCompatibleTicks;
        var ticks = sinceMidnight.ToDuration().BclCompatibleTicks;
        var rounded = (ticks + gridTicks - 1) / gridTicks * gridTicks;
        return instant + Duration.FromTicks(rounded - ticks);
    }

    // Continuity weighs most (the therapist already knows the client's points), then fit of interests, then rating
    // (unrated therapists count as an ordinary 4 of 5, so newcomers are not buried), less half a point per 15 minutes' drive.
    private static double Score(TherapistCalendar therapist, AvailabilityRequest request, Duration drive)
    {
        var continuity = therapist.HasSeenClient || (request.ClientKey is not null && therapist.Visits.Any(v => v.ClientKey == request.ClientKey)) ? 1.0 : 0.0;
        var expertise = request.Match?.Expertise(therapist.Interests) ?? 0;
        var rating = therapist.Rating ?? 4.0;
        return (2.5 * continuity) + (2.0 * expertise) + (0.5 * (rating - 4.0)) - (drive.TotalMinutes / 30.0);
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;

    // WorkingCalendar.Intervals as it was, so the reference shares no code with what it checks.
    private static List<Interval> Intervals(WeeklyHours week, IEnumerable<DayException> exceptions, DateTimeZone zone, DateInterval dates)
    {
        var byDate = exceptions.ToDictionary(e => e.Date);
        var result = new List<Interval>();
        foreach (var date in dates)
        {
            var ranges = byDate.TryGetValue(date, out var exception) ? exception.Ranges : week.On(date.DayOfWeek);
            foreach (var range in ranges)
            {
                var start = zone.ResolveLocal(date + range.Start, Resolvers.LenientResolver).ToInstant();
                var end = zone.ResolveLocal(date + range.End, Resolvers.LenientResolver).ToInstant();
                if (end > start)
                {
                    result.Add(new Interval(start, end));
                }
            }
        }

        return result;
    }
}
