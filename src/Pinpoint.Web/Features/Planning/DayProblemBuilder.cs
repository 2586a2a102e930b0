using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Dispatch;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Intake;
using BookingEntity = Pinpoint.Web.Features.Booking.Booking;

namespace Pinpoint.Web.Features.Planning;

/// <summary>
/// One day in one area as the optimiser sees it. Times are minutes since local midnight of <see cref="Origin"/>; a
/// visit's window is for the start of its occupied time (set-up), and its service is set-up, session, pack-down and the
/// minimum break, as the availability engine counts them. <see cref="Bookings"/> is parallel to the visits: null for
/// the pseudo-visits that hold a therapist at home between two working ranges of a split day.
/// </summary>
public sealed record DayProblem(
    DispatchProblem Problem, Instant Origin, IReadOnlyList<BookingEntity?> Bookings, IReadOnlyList<CalendarProfile> Therapists,
    IReadOnlyList<GeoPoint> Locations, double SetUpMinutes)
{
    public Instant At(double minutes) => Origin + Duration.FromMinutes(Math.Floor(minutes));

    public bool IsFlexible(int visit) => Bookings[visit] is { IsScheduled: false };

    /// <summary>Requests of the day left out of the problem, with the reason for the operator (a suspended client, no time left in the window).</summary>
    public IReadOnlyList<HeldRequest> Held { get; init; } = [];
}

/// <summary>A request the day's plan cannot take, and why (in the operator's words).</summary>
public sealed record HeldRequest(BookingEntity Booking, string Reason);

public sealed class DayProblemBuilder(
    PinpointDb db, CalendarCache calendars, ITravelTimeModel travel, Trust.ClientStandings standings, IOptions<BookingOptions> options)
{
    internal const string SuspendedReason = "The client's account is suspended: nothing is confirmed for them until an operator reinstates it.";
    internal const string BusyReason = "The client has another visit throughout the window.";

    public async Task<DayProblem> BuildAsync(LocalDate date, ServiceArea area, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(area);
        var settings = options.Value;
        var origin = date.AtStartOfDayInZone(area.Zone).ToInstant();
        var end = date.PlusDays(1).AtStartOfDayInZone(area.Zone).ToInstant();
        double Minutes(Instant instant) => (instant - origin).TotalMinutes;

        // Therapists on shift: working that date in their zone, with a modality they are verified for on it.
        var onShift = new List<(CalendarProfile Profile, IReadOnlyList<Interval> Work, HashSet<string> Skills)>();
        foreach (var profile in await calendars.AllAsync(db, cancellationToken))
        {
            var day = new DateInterval(date, date);
            var work = WorkingCalendar.Intervals(profile.Week, profile.Exceptions, profile.Zone, day);
            var skills = profile.Credentials.Where(c => c.ValidFrom <= date && date <= c.ValidTo).Select(c => c.Modality.Slug()).ToHashSet(StringComparer.Ordinal);
            // A therapist plans in the area of their base: two cities may share a zone (and, across the Tasman, a day).
            if (work.Count > 0 && skills.Count > 0 && Zones.Areas.Nearest(profile.Home).Key == area.Key)
            {
                onShift.Add((profile, work, skills));
            }
        }

        var ids = onShift.Select(t => (Guid?)t.Profile.Id).ToList();
        var requested = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Requested && b.Start == null && b.WindowStart >= origin && b.WindowStart < end).ToListAsync(cancellationToken);
        requested = [.. requested.Where(b => Zones.AreaAt(b.ClientLatitude, b.ClientLongitude).Key == area.Key)];
        var confirmed = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Confirmed && ids.Contains(b.TherapistId) && b.OccupiedStart < end && b.OccupiedEnd > origin).ToListAsync(cancellationToken);

        // Whom each client may not have (blocks), who may not book at all (suspended), and when each is already booked.
        var clients = requested.Select(b => b.ClientUserId).Distinct(StringComparer.Ordinal).ToList();
        var standing = await standings.OfManyAsync(clients, cancellationToken);
        var (dayBefore, dayAfter) = (origin - Duration.FromDays(1), end + Duration.FromDays(1));
        var clientVisits = (await db.Bookings.AsNoTracking()
                .Where(b => clients.Contains(b.ClientUserId) && b.Status == BookingStatus.Confirmed && b.OccupiedStart < dayAfter && b.OccupiedEnd > dayBefore)
                .Select(b => new { b.ClientUserId, Start = b.OccupiedStart!.Value, End = b.OccupiedEnd!.Value }).ToListAsync(cancellationToken))
            .ToLookup(b => b.ClientUserId, b => (Minutes(b.Start), Minutes(b.End)), StringComparer.Ordinal);
        var held = new List<HeldRequest>();

        var locations = onShift.Select(t => t.Profile.Home).ToList();
        var visits = new List<DispatchVisit>();
        var bookings = new List<BookingEntity?>();
        var setUp = (double)settings.SetUpMinutes;
        var largestBreak = onShift.Count == 0 ? 0 : onShift.Max(t => t.Profile.MinBreak.TotalMinutes);
        foreach (var b in requested.OrderBy(b => b.WindowStart).ThenBy(b => b.Id))
        {
            var client = new GeoPoint(b.ClientLatitude, b.ClientLongitude);
            // Only therapists who reach the address, meet the screening's needs (prenatal training) and the asked-for gender.
            var needs = ClientMatching.ForRequest(
                b.ScreeningJson is null ? null : IntakeJson.ReadScreening(b.ScreeningJson),
                b.PreferencesJson is null ? null : IntakeJson.ReadPreferences(b.PreferencesJson).TherapistGender);
            var reach = onShift.Where(t => AvailabilityEngine.Reaches(travel, t.Profile.Home, client, t.Profile.MaxTravel, t.Profile.MaxRadiusKm) && needs.Admits(t.Profile.Gender, t.Profile.Interests))
                .Select(t => t.Profile.Id.ToString()).ToHashSet(StringComparer.Ordinal);
            var theirs = standing.GetValueOrDefault(b.ClientUserId);
            if (theirs?.Suspended == true)
            {
                held.Add(new HeldRequest(b, SuspendedReason));
                continue;
            }

            // The occupied time may not overlap the client's own visits: the window keeps its longest stretch clear of them.
            var occupiedMinutes = setUp + b.DurationMinutes + settings.PackDownMinutes;
            if (ClearOf(Minutes(b.WindowStart!.Value) - setUp, Minutes(b.WindowEnd!.Value) - setUp, occupiedMinutes, clientVisits[b.ClientUserId]) is not { } window)
            {
                held.Add(new HeldRequest(b, BusyReason));
                continue;
            }

            // The break is per therapist, the service per visit: the longest break keeps every route honest. A therapist
            // who has blocked the client is excluded.
            visits.Add(new DispatchVisit(b.Id.ToString(), locations.Count, window.Ready, window.Due,
                occupiedMinutes + largestBreak, Skill: b.Modality.Slug(), Allowed: reach,
                Excluded: theirs is null ? null : theirs.BlockedBy.Select(id => id.ToString()).ToHashSet(StringComparer.Ordinal)));
            bookings.Add(b);
            locations.Add(client);
        }

        foreach (var b in confirmed.OrderBy(b => b.OccupiedStart))
        {
            var profile = onShift.Single(t => t.Profile.Id == b.TherapistId).Profile;
            var start = Minutes(b.OccupiedStart!.Value);
            visits.Add(new DispatchVisit(b.Id.ToString(), locations.Count, start, start,
                (b.OccupiedEnd!.Value - b.OccupiedStart.Value).TotalMinutes + profile.MinBreak.TotalMinutes, FixedTo: profile.Id.ToString(), FixedStart: start));
            bookings.Add(b);
            locations.Add(new GeoPoint(b.ClientLatitude, b.ClientLongitude));
        }

        var therapists = new List<DispatchTherapist>();
        for (var i = 0; i < onShift.Count; i++)
        {
            var (profile, work, skills) = onShift[i];
            therapists.Add(new DispatchTherapist(profile.Id.ToString(), i, Minutes(work[0].Start), Minutes(work[^1].End), profile.MaxSessionsPerDay, skills));
            // A split day: the time between two working ranges is held at home, so no visit lands in it.
            for (var k = 1; k < work.Count; k++)
            {
                var gap = Minutes(work[k - 1].End);
                visits.Add(new DispatchVisit($"off:{profile.Id}:{k}", i, gap, gap, Minutes(work[k].Start) - gap, Demand: 0, FixedTo: profile.Id.ToString(), FixedStart: gap));
                bookings.Add(null);
            }
        }

        var matrix = new double[locations.Count, locations.Count];
        for (var a = 0; a < locations.Count; a++)
        {
            for (var c = 0; c < locations.Count; c++)
            {
                matrix[a, c] = a == c ? 0 : travel.Estimate(locations[a], locations[c]).TotalMinutes;
            }
        }

        return new DayProblem(new DispatchProblem(visits, therapists, matrix), origin, bookings, [.. onShift.Select(t => t.Profile)], locations, setUp)
        {
            Held = held,
        };
    }

    /// <summary>
    /// The longest stretch of occupied starts in [<paramref name="ready"/>, <paramref name="due"/>] whose occupied time
    /// (<paramref name="length"/> minutes) overlaps none of <paramref name="busy"/>; null when every start overlaps one.
    /// </summary>
    internal static (double Ready, double Due)? ClearOf(double ready, double due, double length, IEnumerable<(double Start, double End)> busy)
    {
        var stretches = new List<(double Ready, double Due)> { (ready, due) };
        foreach (var (start, end) in busy)
        {
            // Starts in (start - length, end) overlap the visit; starts at either end only touch it.
            stretches = [.. stretches.SelectMany(s => new[] { (s.Ready, Math.Min(s.Due, start - length)), (Math.Max(s.Ready, end), s.Due) }).Where(s => s.Item1 <= s.Item2)];
        }

        return stretches.Count == 0 ? null : stretches.MaxBy(s => s.Due - s.Ready);
    }
}
