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
}

public sealed class DayProblemBuilder(PinpointDb db, CalendarCache calendars, ITravelTimeModel travel, IOptions<BookingOptions> options)
{
    public async Task<DayProblem> BuildAsync(LocalDate date, PlanningArea area, CancellationToken cancellationToken)
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
            if (work.Count > 0 && skills.Count > 0 && profile.Zone.Id == area.Zone.Id)
            {
                onShift.Add((profile, work, skills));
            }
        }

        var ids = onShift.Select(t => (Guid?)t.Profile.Id).ToList();
        var requested = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Requested && b.Start == null && b.WindowStart >= origin && b.WindowStart < end).ToListAsync(cancellationToken);
        var confirmed = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Confirmed && ids.Contains(b.TherapistId) && b.OccupiedStart < end && b.OccupiedEnd > origin).ToListAsync(cancellationToken);

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
            // The break is per therapist, the service per visit: the longest break keeps every route honest.
            visits.Add(new DispatchVisit(b.Id.ToString(), locations.Count, Minutes(b.WindowStart!.Value) - setUp, Minutes(b.WindowEnd!.Value) - setUp,
                setUp + b.DurationMinutes + settings.PackDownMinutes + largestBreak, Skill: b.Modality.Slug(), Allowed: reach));
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

        return new DayProblem(new DispatchProblem(visits, therapists, matrix), origin, bookings, [.. onShift.Select(t => t.Profile)], locations, setUp);
    }
}
