using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Therapists;

namespace Pinpoint.Web.Features.Booking;

/// <summary>Loads what the availability engine needs from the database, in few queries.</summary>
public sealed class AvailabilityQueries(PinpointDb db, Microsoft.Extensions.Options.IOptions<TravelOptions> travel)
{
    /// <summary>Calendars of the therapists credentialed for the modality (or one therapist), with their visits around the dates.</summary>
    /// <param name="near">
    /// The client's home: therapists whose reach (their radius, or the straight-line distance their drive-time limit
    /// covers) cannot get there are left out in SQL, before anything is loaded. The engine then checks exactly.
    /// </param>
    /// <param name="exceptBooking">A booking being moved: its current time does not stand in its own way.</param>
    public async Task<IReadOnlyList<TherapistCalendar>> CalendarsAsync(
        Modality modality, DateInterval dates, Guid? therapistId, string? clientUserId, CancellationToken cancellationToken, GeoPoint? near = null,
        Guid? exceptBooking = null)
    {
        var query = db.Therapists.AsNoTracking().Where(t => therapistId == null || t.Id == therapistId);
        if (near is { } point)
        {
            var t0 = travel.Value;
            var kmPerMinute = t0.AverageSpeedKmh / 60.0 / t0.Circuity;
            var overhead = (double)t0.FixedOverheadMinutes;
            var kmPerDegreeLongitude = 111.2 * Math.Cos(double.DegreesToRadians(point.Latitude));
            query = query.Where(t =>
                (t.MaxRadiusKm != null ? t.MaxRadiusKm.Value : ((t.MaxTravelMinutes ?? 45) - overhead) * kmPerMinute) >= Math.Abs(t.HomeLatitude - point.Latitude) * 111.2 &&
                (t.MaxRadiusKm != null ? t.MaxRadiusKm.Value : ((t.MaxTravelMinutes ?? 45) - overhead) * kmPerMinute) >= Math.Abs(t.HomeLongitude - point.Longitude) * kmPerDegreeLongitude);
        }

        var therapists = await query
            .Where(t => t.Credentials.Any(c => c.Modality == modality && c.Status == CredentialStatus.Approved))
            .Include(t => t.Credentials).Include(t => t.WorkingHours).Include(t => t.ScheduleExceptions)
            .AsSplitQuery().ToListAsync(cancellationToken);
        if (therapists.Count == 0)
        {
            return [];
        }

        var ids = therapists.Select(t => t.Id).ToList();
        var from = DateTimeZone.Utc.AtStartOfDay(dates.Start.PlusDays(-2)).ToInstant();
        var to = DateTimeZone.Utc.AtStartOfDay(dates.End.PlusDays(2)).ToInstant();
        var visits = await db.Bookings.AsNoTracking()
            // A visit is shorter than a day, so "starts in the widened window" finds every overlap and uses the index.
            .Where(b => EF.Constant(ids).Contains(b.TherapistId) && b.OccupiedStart >= from && b.OccupiedStart < to && b.Status != BookingStatus.Cancelled && b.Id != exceptBooking)
            .Select(b => new { b.TherapistId, b.OccupiedStart, b.OccupiedEnd, b.ClientLatitude, b.ClientLongitude, b.ClientUserId })
            .ToListAsync(cancellationToken);
        // Continuity: therapists this client has seen before, from any time, not only the visits loaded above.
        var seen = clientUserId is null ? [] : await db.Bookings.AsNoTracking()
            .Where(b => b.ClientUserId == clientUserId && b.Status == BookingStatus.Completed).Select(b => b.TherapistId).Distinct().ToListAsync(cancellationToken);

        return [.. therapists.Select(t =>
        {
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(t.TimeZoneId) ?? DateTimeZone.Utc;
            IReadOnlyList<Visit> theirs = [.. visits.Where(v => v.TherapistId == t.Id).OrderBy(v => v.OccupiedStart)
                .Select(v => new Visit(new Interval(v.OccupiedStart, v.OccupiedEnd), new GeoPoint(v.ClientLatitude, v.ClientLongitude), v.ClientUserId))];
            return new TherapistCalendar(
                t.Id, new GeoPoint(t.HomeLatitude, t.HomeLongitude), zone, TherapistSchedule.Weekly(t), TherapistSchedule.DayExceptions(t),
                [.. t.Credentials.Where(c => c.Status == CredentialStatus.Approved && c.Modality == modality)
                    .Select(c => new CredentialWindow(c.Modality, c.IssuedOn, c.ExpiresOn))],
                theirs, t.MaxSessionsPerDay, Duration.FromMinutes(t.MinBreakMinutes),
                t.MaxRadiusKm is null ? Duration.FromMinutes(t.MaxTravelMinutes ?? 45) : null, t.MaxRadiusKm)
            {
                Expertise = seen.Contains(t.Id) ? 0.5 : 0, // matching interests to the client's sources comes with ranking work

            };
        })];
    }
}
