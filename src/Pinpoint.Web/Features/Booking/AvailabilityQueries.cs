using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Therapists;

namespace Pinpoint.Web.Features.Booking;

/// <summary>Loads what the availability engine needs from the database, in few queries.</summary>
public sealed class AvailabilityQueries(PinpointDb db)
{
    /// <summary>Calendars of the therapists credentialed for the modality (or one therapist), with their visits around the dates.</summary>
    public async Task<IReadOnlyList<TherapistCalendar>> CalendarsAsync(
        Modality modality, DateInterval dates, Guid? therapistId, string? clientUserId, CancellationToken cancellationToken)
    {
        var therapists = await db.Therapists.AsNoTracking()
            .Where(t => therapistId == null || t.Id == therapistId)
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
            .Where(b => ids.Contains(b.TherapistId) && b.Status != BookingStatus.Cancelled && b.OccupiedEnd > from && b.OccupiedStart < to)
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
