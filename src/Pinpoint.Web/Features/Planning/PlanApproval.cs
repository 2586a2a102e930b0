using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Kernel.Events;

namespace Pinpoint.Web.Features.Planning;

public enum ApprovalOutcome
{
    Done = 1,
    NotFound = 2,

    /// <summary>Only a proposed plan can be approved (not a superseded, failed or already approved one).</summary>
    NotProposed = 3,
}

/// <summary>
/// Approving a plan confirms its bookings: one write per therapist through <see cref="BookingWriteGate"/>, re-checking
/// inside it that each booking is still an unplanned request, that its time overlaps nothing the therapist has now, that
/// the therapist's credential, hours and time off (read from the database, not the search cache) still cover it, that
/// the client is not suspended nor blocked by the therapist, and that the client has no other visit at that time.
/// A booking that fails stays Requested with the reason on the plan; the others go ahead.
/// </summary>
public sealed class PlanApproval(
    PinpointDb db, BookingWriteGate gate, Trust.ClientStandings standings, IOptions<BookingOptions> options, IClock clock, ILogger<PlanApproval> logger)
{
    public async Task<(ApprovalOutcome Outcome, DayPlan? Plan)> ApproveAsync(Guid planId, string adminUserId, CancellationToken cancellationToken)
    {
        // Claimed in one statement, so two admins approving at once confirm the bookings once.
        var now = clock.GetCurrentInstant();
        var claimed = await db.Set<DayPlan>().Where(p => p.Id == planId && p.Status == DayPlanStatus.Proposed).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.Status, DayPlanStatus.Approved).SetProperty(p => p.ApprovedBy, adminUserId).SetProperty(p => p.ApprovedAt, now), cancellationToken);
        var plan = await db.Set<DayPlan>().Include(p => p.Visits).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null || claimed == 0)
        {
            return (plan is null ? ApprovalOutcome.NotFound : ApprovalOutcome.NotProposed, plan);
        }

        foreach (var route in plan.Visits.Where(v => v.Outcome == PlannedVisitOutcome.Pending).GroupBy(v => v.TherapistId!.Value))
        {
            await ConfirmRouteAsync(route.Key, [.. route.OrderBy(v => v.Order)], adminUserId, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.Approved(plan.Id, plan.Visits.Count(v => v.Outcome == PlannedVisitOutcome.Confirmed), plan.Visits.Count(v => v.Outcome == PlannedVisitOutcome.Failed));
        return (ApprovalOutcome.Done, plan);
    }

    // A booking changed by someone else between the route's read and its write (a client cancelling the request, say)
    // refuses the write (its row version moved): the route is checked again from what is stored now.
    private async Task ConfirmRouteAsync(Guid therapistId, IReadOnlyList<DayPlanVisit> planned, string adminUserId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TryConfirmRouteAsync(therapistId, planned, adminUserId, cancellationToken);
                return;
            }
            catch (DbUpdateException exception) when (attempt < 3 && WriteConflicts.IsLostRace(exception))
            {
                ForgetRoute();
                foreach (var visit in planned)
                {
                    visit.Outcome = PlannedVisitOutcome.Pending;
                    visit.Reason = null;
                }
            }
        }
    }

    // Forgets the route's booking changes and events (none were written); the plan's visits stay tracked.
    private void ForgetRoute()
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is Booking.Booking or StoredEvent).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private async Task TryConfirmRouteAsync(Guid therapistId, IReadOnlyList<DayPlanVisit> planned, string adminUserId, CancellationToken cancellationToken)
    {
        var ids = planned.Select(v => v.BookingId).ToList();
        var set = options.Value;
        var now = clock.GetCurrentInstant();
        try
        {
            await gate.RunAsync(db, therapistId, async transaction =>
            {
                var bookings = await db.Bookings.Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
                // Hours, time off and credentials as stored now, read under the lock: the plan was made from the search
                // cache, perhaps before another node saved time off or revoked a credential.
                var profile = (await CalendarCache.LoadAsync(db, therapistId, clock, cancellationToken)).SingleOrDefault();
                var first = planned.Min(v => v.PlannedStart!.Value) - Duration.FromDays(1);
                var last = planned.Max(v => v.PlannedStart!.Value) + Duration.FromDays(1);
                var taken = await db.Bookings.AsNoTracking()
                    .Where(b => b.TherapistId == therapistId && b.Status != BookingStatus.Cancelled && b.OccupiedStart < last && b.OccupiedEnd > first)
                    .Select(b => new Interval(b.OccupiedStart!.Value, b.OccupiedEnd!.Value)).ToListAsync(cancellationToken);
                // The clients as they stand now: suspended or blocked since planning, or booked with someone else meanwhile.
                var clients = bookings.Values.Select(b => b.ClientUserId).Distinct(StringComparer.Ordinal).ToList();
                var standing = await standings.OfManyAsync(clients, cancellationToken);
                var busy = (await db.Bookings.AsNoTracking()
                        .Where(b => clients.Contains(b.ClientUserId) && b.Status == BookingStatus.Confirmed && b.OccupiedStart < last && b.OccupiedEnd > first)
                        .Select(b => new { b.ClientUserId, Start = b.OccupiedStart!.Value, End = b.OccupiedEnd!.Value }).ToListAsync(cancellationToken))
                    .GroupBy(b => b.ClientUserId, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(b => new Interval(b.Start, b.End)).ToList(), StringComparer.Ordinal);
                foreach (var visit in planned)
                {
                    var booking = bookings.GetValueOrDefault(visit.BookingId);
                    var start = visit.PlannedStart!.Value;
                    var occupied = new Interval(start - Duration.FromMinutes(set.SetUpMinutes), start + Duration.FromMinutes((booking?.DurationMinutes ?? 0) + set.PackDownMinutes));
                    var client = booking is null ? null : standing.GetValueOrDefault(booking.ClientUserId);
                    var clientBusy = booking is null ? [] : busy.GetValueOrDefault(booking.ClientUserId) ?? [];
                    visit.Reason = booking is not { Status: BookingStatus.Requested, IsScheduled: false }
                        ? "The booking changed since planning (cancelled or already scheduled); it was left as it is."
                        : Unfit(profile, booking, occupied) is { } unfit
                            ? unfit
                        : client?.Suspended == true
                            ? "The client's account is suspended (since planning); it was left as requested."
                            : client?.BlockedBy.Contains(therapistId) == true
                                ? "This therapist no longer takes this client (blocked since planning); plan the day again."
                                : taken.Any(t => t.Start < occupied.End && occupied.Start < t.End)
                                    ? "The therapist has another booking at that time now (made since planning); plan the day again."
                                    : clientBusy.Any(t => t.Start < occupied.End && occupied.Start < t.End)
                                        ? "The client has another visit at that time now (booked since planning); plan the day again."
                                        : null;
                    if (visit.Reason is not null)
                    {
                        visit.Outcome = PlannedVisitOutcome.Failed;
                        continue;
                    }

                    Confirm(booking!, therapistId, start, occupied, adminUserId, now);
                    taken.Add(occupied);
                    busy[booking!.ClientUserId] = [.. clientBusy, occupied];
                    visit.Outcome = PlannedVisitOutcome.Confirmed;
                    db.Raise(new BookingConfirmed(booking!.Id, booking.Sequence, ByDayPlan: true), now);
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                foreach (var visit in planned.Where(v => v.Outcome == PlannedVisitOutcome.Confirmed))
                {
                    logger.BookingConfirmed(visit.BookingId, therapistId, visit.PlannedStart!.Value, visit.PlanId);
                }

                return true;
            }, cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is Npgsql.PostgresException { SqlState: "23P01" })
        {
            // The database's no-overlap constraints caught what the check could not see (another server's booking for
            // the therapist, or a client's booking with another therapist under that therapist's lock). Nothing of this
            // route was written: forget its booking changes and events, keep the plan's record of why.
            ForgetRoute();

            var ofClient = (exception.InnerException as Npgsql.PostgresException)?.ConstraintName == BookingService.ClientOverlapConstraint;
            foreach (var visit in planned)
            {
                visit.Outcome = PlannedVisitOutcome.Failed;
                visit.Reason = ofClient
                    ? "A client of this route has another visit at that time now; plan the day again."
                    : "The therapist has another booking at that time now; plan the day again.";
            }
        }
    }

    /// <summary>Why the therapist cannot take the visit as stored now (credential, hours, time off), or null.</summary>
    private static string? Unfit(CalendarProfile? profile, Booking.Booking booking, Interval occupied)
    {
        if (profile is null)
        {
            return "The therapist has no approved credential now (changed since planning); plan the day again.";
        }

        var date = occupied.Start.InZone(profile.Zone).Date;
        if (!profile.Credentials.Any(c => c.Modality == booking.Modality && c.ValidFrom <= date && date <= c.ValidTo))
        {
            return "The therapist's credential for this therapy does not cover that day now (changed since planning); plan the day again.";
        }

        var work = WorkingCalendar.Intervals(profile.Week, profile.Exceptions, profile.Zone, new DateInterval(date, date));
        return work.Any(w => w.Start <= occupied.Start && occupied.End <= w.End)
            ? null
            : "The therapist's hours or time off no longer cover that time (changed since planning); plan the day again.";
    }

    private static void Confirm(Booking.Booking booking, Guid therapistId, Instant start, Interval occupied, string adminUserId, Instant now)
    {
        booking.TherapistId = therapistId;
        booking.Start = start;
        booking.End = start + Duration.FromMinutes(booking.DurationMinutes);
        booking.OccupiedStart = occupied.Start;
        booking.OccupiedEnd = occupied.End;
        booking.Status = BookingStatus.Confirmed;
        booking.StatusReason = "Time and therapist fixed by the day plan.";
        booking.StatusChangedBy = adminUserId;
        booking.StatusChangedAt = now;
        booking.Sequence++;
    }
}
