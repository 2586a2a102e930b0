using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Booking;

/// <summary>
/// Loads what the availability engine needs: therapists' profiles from the cache, their visits from the database, and the
/// client's limits (blocks, suspension, their own visits) from the database, never from a cache.
/// </summary>
public sealed class AvailabilityQueries(
    PinpointDb db, CalendarCache cache, VisitCache visitCache, ITravelTimeModel travel, Trust.ClientStandings standings, IClock clock)
{
    /// <summary>
    /// What limits this client's search around <paramref name="dates"/>: the therapists who blocked them, whether they are
    /// suspended, and their own confirmed visits (with anyone). Read now, on this context's connection, so inside a
    /// booking's write transaction it is what that transaction sees. None for an anonymous search.
    /// </summary>
    /// <param name="exceptBooking">A booking being moved: its current time does not stand in its own way.</param>
    public async Task<ClientLimits> LimitsAsync(string? clientUserId, DateInterval dates, Guid? exceptBooking, CancellationToken cancellationToken)
    {
        if (clientUserId is null)
        {
            return ClientLimits.None;
        }

        var standing = await standings.OfAsync(clientUserId, cancellationToken);
        var (from, to) = Around(dates);
        var booked = await db.Bookings.AsNoTracking()
            .Where(b => b.ClientUserId == clientUserId && b.Status == BookingStatus.Confirmed && b.OccupiedStart < to && b.OccupiedEnd > from && b.Id != exceptBooking)
            .Select(b => new { Start = b.OccupiedStart!.Value, End = b.OccupiedEnd!.Value })
            .ToListAsync(cancellationToken);
        return new ClientLimits(standing.BlockedBy, [.. booked.Select(b => new Interval(b.Start, b.End)).OrderBy(i => i.Start)], standing.Suspended);
    }

    // The dates are local to the client's area, whose offset from UTC is at most 14 hours either way; a therapist-local
    // day holding a slot lies within 26 hours of the client's window (zones differ by under a day, a DST day is 25
    // hours): its visits, which set travel and the daily maximum, all start in this range.
    private static (Instant From, Instant To) Around(DateInterval dates) =>
        (DateTimeZone.Utc.AtStartOfDay(dates.Start).ToInstant() - Duration.FromHours(40), DateTimeZone.Utc.AtStartOfDay(dates.End.PlusDays(1)).ToInstant() + Duration.FromHours(40));

    /// <summary>Calendars of the therapists credentialed for the modality (or one therapist), with their visits around the dates.</summary>
    /// <param name="therapistId">
    /// One therapist only. Their profile is then read from the database, not the cache: booking and moving rest on it.
    /// </param>
    /// <param name="near">The client's home: therapists who cannot reach it are dropped before their visits are loaded.</param>
    /// <param name="exceptBooking">A booking being moved: its current time does not stand in its own way.</param>
    public async Task<IReadOnlyList<TherapistCalendar>> CalendarsAsync(
        Modality modality, DateInterval dates, Guid? therapistId, string? clientUserId, CancellationToken cancellationToken, GeoPoint? near = null,
        Guid? exceptBooking = null)
    {
        var profiles = therapistId is { } id
            ? await CalendarCache.LoadAsync(db, id, clock, cancellationToken)
            : await cache.AllAsync(db, cancellationToken);
        // Credentials valid on some day near the dates (the engine checks the exact day in the therapist's zone).
        var first = dates.Start.PlusDays(-1);
        var last = dates.End.PlusDays(1);
        var candidates = new List<CalendarProfile>();
        for (var i = 0; i < profiles.Count; i++)
        {
            var profile = profiles[i];
            if (Credentialed(profile, modality, first, last) &&
                (near is not { } home || AvailabilityEngine.Reaches(travel, profile.Home, home, profile.MaxTravel, profile.MaxRadiusKm)))
            {
                candidates.Add(profile);
            }
        }

        // One therapist (booking, moving): visits straight from the database. A search across many: from the cache.
        return await WithVisitsAsync(candidates, modality, dates, clientUserId, exceptBooking, cancellationToken, cached: therapistId is null);
    }

    /// <summary>The given therapists' calendars with their visits around the dates read now: what a booking re-checks.</summary>
    public async Task<IReadOnlyList<TherapistCalendar>> WithVisitsAsync(
        IReadOnlyList<CalendarProfile> candidates, Modality modality, DateInterval dates, string? clientUserId, Guid? exceptBooking, CancellationToken cancellationToken,
        bool cached = false)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        var (from, to) = Around(dates);
        Func<Guid, IReadOnlyList<Visit>> visitsOf;
        if (cached)
        {
            var window = await visitCache.BetweenAsync(db, from, to, cancellationToken);
            visitsOf = id => window.Of(id, exceptBooking);
        }
        else
        {
            var nullableIds = candidates.Select(t => (Guid?)t.Id).ToList();
            var visits = (await db.Bookings.AsNoTracking()
                    // A visit is shorter than a day, so "starts in the widened window" finds every overlap and uses the index.
                    .Where(b => nullableIds.Contains(b.TherapistId) && b.OccupiedStart >= from && b.OccupiedStart < to && b.Status != BookingStatus.Cancelled)
                    .Select(b => new { b.Id, TherapistId = b.TherapistId!.Value, OccupiedStart = b.OccupiedStart!.Value, OccupiedEnd = b.OccupiedEnd!.Value, b.ClientLatitude, b.ClientLongitude, b.ClientUserId })
                    .ToListAsync(cancellationToken))
                .OrderBy(v => v.OccupiedStart)
                .Select(r => new CachedVisit(r.Id, r.TherapistId, new Visit(new Interval(r.OccupiedStart, r.OccupiedEnd), new GeoPoint(r.ClientLatitude, r.ClientLongitude), r.ClientUserId)))
                .ToLookup(v => v.TherapistId);
            visitsOf = id => [.. visits[id].Where(v => v.BookingId != exceptBooking).Select(v => v.Visit)];
        }

        // Continuity: therapists this client has seen before, from any time, not only the visits loaded above.
        var seen = clientUserId is null ? [] : (await db.Bookings.AsNoTracking()
            .Where(b => b.ClientUserId == clientUserId && b.Status == BookingStatus.Completed).Select(b => b.TherapistId!.Value).Distinct().ToListAsync(cancellationToken)).ToHashSet();

        var calendars = new TherapistCalendar[candidates.Count];
        for (var i = 0; i < calendars.Length; i++)
        {
            calendars[i] = candidates[i].WithVisits(modality, visitsOf(candidates[i].Id), seen.Contains(candidates[i].Id));
        }

        return calendars;
    }

    private static bool Credentialed(CalendarProfile profile, Modality modality, LocalDate first, LocalDate last)
    {
        var credentials = profile.Credentials;
        for (var i = 0; i < credentials.Count; i++)
        {
            if (credentials[i].Modality == modality && credentials[i].ValidFrom <= last && credentials[i].ValidTo >= first)
            {
                return true;
            }
        }

        return false;
    }
}
