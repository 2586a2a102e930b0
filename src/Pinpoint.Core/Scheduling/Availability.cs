using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;

namespace Pinpoint.Core.Scheduling;

/// <summary>A visit already in a therapist's diary: when it occupies them and where (the client's home).</summary>
public readonly record struct Visit(Interval Occupied, GeoPoint Location, string? ClientKey = null);

/// <summary>An approved credential's validity for one modality, inclusive of both dates.</summary>
public readonly record struct CredentialWindow(Modality Modality, LocalDate ValidFrom, LocalDate ValidTo);

/// <summary>Everything the engine needs about one therapist. Visits must be sorted by start and not overlap.</summary>
public sealed record TherapistCalendar(
    Guid Id,
    GeoPoint Home,
    DateTimeZone Zone,
    WeeklyHours Week,
    IReadOnlyList<DayException> Exceptions,
    IReadOnlyList<CredentialWindow> Credentials,
    IReadOnlyList<Visit> Visits,
    int MaxSessionsPerDay,
    Duration MinBreak,
    Duration? MaxTravel,
    double? MaxRadiusKm)
{
    /// <summary>The therapist's special interests (<see cref="Catalogue.Interests"/>), matched against the client's needs.</summary>
    public IReadOnlySet<string> Interests { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public MatchGender Gender { get; init; }

    /// <summary>Their rating (1–5) as the ranking should weigh it, or null when nobody has rated them yet.</summary>
    public double? Rating { get; init; }

    /// <summary>True when the client has had a completed session with this therapist before.</summary>
    public bool HasSeenClient { get; init; }
}

/// <summary>What the client asks for.</summary>
/// <param name="Limits">Who will not see the client and when the client is already booked; null for none (an anonymous search).</param>
public sealed record AvailabilityRequest(
    GeoPoint ClientHome, Modality Modality, Duration SessionLength, DateTimeZone ClientZone, DateInterval Dates, string? ClientKey = null,
    ClientMatch? Match = null, ClientLimits? Limits = null);

/// <summary>The operator's settings: slot grid, set-up and pack-down at the client's home, notice and horizon.</summary>
public sealed record AvailabilityOptions
{
    public Duration Grid { get; init; } = Duration.FromMinutes(15);

    public Duration SetUp { get; init; } = Duration.FromMinutes(10);

    public Duration PackDown { get; init; } = Duration.FromMinutes(10);

    public Duration MinimumNotice { get; init; } = Duration.FromHours(2);

    public Duration Horizon { get; init; } = Duration.FromDays(60);
}

/// <summary>One therapist who can take a slot: the drive there, and the fit score the list is ranked by.</summary>
public sealed record SlotTherapist(Guid TherapistId, Duration TravelFromPrevious, double Score);

/// <summary>A bookable start time, in the client's zone, with every therapist who can take it, best fit first.</summary>
public sealed record Slot(ZonedDateTime Start, IReadOnlyList<SlotTherapist> Therapists);

/// <summary>
/// Bookable start times for one client. Per therapist it checks, cheapest first: the reach of the client's home, then per
/// working interval (their zone, DST-correct, exceptions applied) whether any grid step can fall in it at all, the
/// credential for the modality on the date and the daily maximum; then, between each pair of neighbouring visits, the
/// room for the drive from the previous visit (or home) and on to the next (or home), with the minimum break between
/// visits and set-up and pack-down around the session, all inside the working interval. Times step on the grid in the
/// client's zone; minimum notice and horizon bound them. The client's <see cref="ClientLimits"/> drop the therapists who
/// declined them and the times that overlap their own visits.
/// </summary>
public sealed class AvailabilityEngine(ITravelTimeModel travel, AvailabilityOptions options)
{
    public IReadOnlyList<Slot> Find(AvailabilityRequest request, IEnumerable<TherapistCalendar> therapists, Instant now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(therapists);
        var search = new Search(request, options, now);
        using var offers = new SlotOffers();
        var work = new List<Interval>(4);
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

            work.Clear();
            WorkingCalendar.AddIntervals(therapist.Week, therapist.Exceptions, therapist.Zone, search.Dates, work);
            AddOffers(therapist, search, work, offers);
        }

        return offers.ToSlots(request.ClientZone);
    }

    private bool Reaches(TherapistCalendar therapist, GeoPoint client) =>
        Reaches(travel, therapist.Home, client, therapist.MaxTravel, therapist.MaxRadiusKm);

    /// <summary>True when <paramref name="client"/> is within a travel limit from home: a radius, or else a drive time (default 45 minutes).</summary>
    public static bool Reaches(ITravelTimeModel travel, GeoPoint home, GeoPoint client, Duration? maxTravel, double? maxRadiusKm)
    {
        ArgumentNullException.ThrowIfNull(travel);
        return maxRadiusKm is { } radius
            ? home.DistanceKmTo(client) <= radius
            : travel.Estimate(home, client) <= (maxTravel ?? Duration.FromMinutes(45));
    }

    /// <summary>What one request fixes for every therapist: the span of start times it admits and the dates that can hold them.</summary>
    private readonly struct Search
    {
        public Search(AvailabilityRequest request, AvailabilityOptions options, Instant now)
        {
            Request = request;
            Earliest = now + options.MinimumNotice;
            Latest = now + options.Horizon;
            // The client's dates, widened by a day each way, cover every therapist-zone date that can overlap them.
            Dates = new DateInterval(request.Dates.Start.PlusDays(-1), request.Dates.End.PlusDays(1));
            WindowStart = request.ClientZone.AtStartOfDay(request.Dates.Start).ToInstant();
            WindowEnd = request.ClientZone.AtStartOfDay(request.Dates.End.PlusDays(1)).ToInstant();
            OccupiedLength = options.SetUp + request.SessionLength + options.PackDown;
        }

        public AvailabilityRequest Request { get; }

        public Instant Earliest { get; }

        public Instant Latest { get; }

        public DateInterval Dates { get; }

        public Instant WindowStart { get; }

        public Instant WindowEnd { get; }

        public Duration OccupiedLength { get; }
    }

    private void AddOffers(TherapistCalendar therapist, in Search search, List<Interval> intervals, SlotOffers offers)
    {
        var request = search.Request;
        double? fit = null;
        foreach (var work in intervals)
        {
            // Starts step on the grid from the first aligned one while the session and pack-down end inside the working
            // interval, before the client's window closes and within the horizon: a closed range, often empty.
            var first = Max(Max(work.Start + options.SetUp, search.Earliest), search.WindowStart);
            var last = Min(Min(work.End - request.SessionLength - options.PackDown, search.Latest), search.WindowEnd - Duration.Epsilon);
            if (first > last)
            {
                continue;
            }

            var origin = AlignToGrid(first, request.ClientZone);
            if (origin > last)
            {
                continue;
            }

            var day = work.Start.InZone(therapist.Zone).Date;
            if (!Credentialed(therapist, request.Modality, day) || CountOn(therapist, day) >= therapist.MaxSessionsPerDay)
            {
                continue;
            }

            var dayStart = therapist.Zone.AtStartOfDay(day).ToInstant();
            var dayEnd = therapist.Zone.AtStartOfDay(day.PlusDays(1)).ToInstant();
            var visits = therapist.Visits;
            // The occupied range (set-up to pack-down) of every candidate starts in [earliest, latest]. Between two
            // neighbouring visits (the gap where the later one is the first to start at or after it), the drives in and
            // out are fixed and every rule bounds that start from one side: the starts that fit form one range per gap.
            var earliest = origin - options.SetUp;
            var latest = last - options.SetUp;
            for (var next = LowerBound(visits, earliest); next <= visits.Count; next++)
            {
                var hasPrevious = next > 0;
                if (hasPrevious && visits[next - 1].Occupied.Start >= latest)
                {
                    break;
                }

                var (from, to) = (earliest, latest);
                if (hasPrevious)
                {
                    from = Max(from, Max(visits[next - 1].Occupied.Start + Duration.Epsilon, visits[next - 1].Occupied.End));
                }

                var hasNext = next < visits.Count;
                if (hasNext)
                {
                    to = Min(to, Min(visits[next].Occupied.Start, visits[next].Occupied.Start - search.OccupiedLength));
                }

                if (from > to)
                {
                    continue;
                }

                var fromVisit = hasPrevious && visits[next - 1].Occupied.End >= dayStart;
                var driveIn = travel.Estimate(fromVisit ? visits[next - 1].Location : therapist.Home, request.ClientHome);
                from = Max(from, fromVisit
                    ? Max(visits[next - 1].Occupied.End + therapist.MinBreak + driveIn, work.Start)
                    : work.Start + driveIn);
                if (from > to)
                {
                    continue;
                }

                var toVisit = hasNext && visits[next].Occupied.Start < dayEnd;
                var driveOut = travel.Estimate(request.ClientHome, toVisit ? visits[next].Location : therapist.Home);
                var leaveBy = toVisit
                    ? Min(visits[next].Occupied.Start - therapist.MinBreak - driveOut, work.End)
                    : work.End - driveOut;
                to = Min(to, leaveBy - search.OccupiedLength);
                if (from > to)
                {
                    continue;
                }

                fit ??= Fit(therapist, request);
                var score = fit.Value - (driveIn.TotalMinutes / 30.0);
                for (var start = OnGrid(origin, from + options.SetUp); start <= to + options.SetUp; start += options.Grid)
                {
                    if (request.Limits?.Overlaps(new Interval(start - options.SetUp, start - options.SetUp + search.OccupiedLength)) == true)
                    {
                        continue; // the client has a visit then, with whomever
                    }

                    offers.Add(start, new SlotTherapist(therapist.Id, driveIn, score));
                }
            }
        }
    }

    private static bool Credentialed(TherapistCalendar therapist, Modality modality, LocalDate day)
    {
        var credentials = therapist.Credentials;
        for (var i = 0; i < credentials.Count; i++)
        {
            if (credentials[i].Modality == modality && credentials[i].ValidFrom <= day && day <= credentials[i].ValidTo)
            {
                return true;
            }
        }

        return false;
    }

    private static int CountOn(TherapistCalendar therapist, LocalDate day)
    {
        var (visits, count) = (therapist.Visits, 0);
        for (var i = 0; i < visits.Count; i++)
        {
            if (visits[i].Occupied.Start.InZone(therapist.Zone).Date == day)
            {
                count++;
            }
        }

        return count;
    }

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

    /// <summary>The first of the steps <paramref name="origin"/> + n × grid that is at or after <paramref name="at"/> (never before <paramref name="origin"/>).</summary>
    private Instant OnGrid(Instant origin, Instant at)
    {
        if (at <= origin)
        {
            return origin;
        }

        var step = options.Grid.ToInt64Nanoseconds();
        var steps = ((at - origin).ToInt64Nanoseconds() + step - 1) / step;
        return origin + Duration.FromNanoseconds(steps * step);
    }

    // Continuity weighs most (the therapist already knows the client's points), then fit of interests, then rating
    // (unrated therapists count as an ordinary 4 of 5, so newcomers are not buried), less half a point per 15 minutes' drive
    // (taken off per start, since the drive depends on where the therapist comes from).
    private static double Fit(TherapistCalendar therapist, AvailabilityRequest request)
    {
        var continuity = therapist.HasSeenClient || (request.ClientKey is not null && therapist.Visits.Any(v => v.ClientKey == request.ClientKey)) ? 1.0 : 0.0;
        var expertise = request.Match?.Expertise(therapist.Interests) ?? 0;
        var rating = therapist.Rating ?? 4.0;
        return (2.5 * continuity) + (2.0 * expertise) + (0.5 * (rating - 4.0));
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
