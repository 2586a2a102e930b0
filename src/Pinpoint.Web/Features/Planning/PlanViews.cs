using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Geography;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Planning;

public sealed record PlanStop(
    Guid BookingId, int Order, Instant Start, Instant End, double DriveMinutes, bool Fixed, PlannedVisitOutcome Outcome, string? Reason,
    string Client, string Address, string Modality, GeoPoint Point, Instant? WindowStart, Instant? WindowEnd);

public sealed record PlanRouteView(
    Guid TherapistId, string Therapist, GeoPoint Home, Instant ShiftStart, Instant ShiftEnd, double TravelMinutes, double TreatingMinutes, IReadOnlyList<PlanStop> Stops)
{
    public double Utilisation => (ShiftEnd - ShiftStart).TotalMinutes is > 0 and var shift ? TreatingMinutes / shift : 0;
}

public sealed record UnassignedView(Guid BookingId, string Client, string Address, string Modality, Instant? WindowStart, Instant? WindowEnd, string Reason);

/// <summary>A plan as admins read it: routes with their stops, what was left out and why, and the totals.</summary>
public sealed record PlanView(DayPlan Plan, ServiceArea Area, double Progress, IReadOnlyList<PlanRouteView> Routes, IReadOnlyList<UnassignedView> Unassigned)
{
    public double SavedMinutes => Math.Round(Plan.NaiveTravelMinutes - Plan.TravelMinutes, 1);

    public double Utilisation => Plan.ShiftMinutes > 0 ? Plan.TreatingMinutes / Plan.ShiftMinutes : 0;

    public int Planned => Routes.Sum(r => r.Stops.Count(s => !s.Fixed));

    public bool IsWorking => Plan.Status is DayPlanStatus.Queued or DayPlanStatus.Running;
}

public sealed class PlanViews(PinpointDb db)
{
    public async Task<PlanView?> FindAsync(Guid planId, CancellationToken cancellationToken)
    {
        var plan = await db.Set<DayPlan>().AsNoTracking().Include(p => p.Routes).Include(p => p.Visits).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var bookingIds = plan.Visits.Select(v => v.BookingId).ToList();
        var bookings = await db.Bookings.AsNoTracking().Where(b => bookingIds.Contains(b.Id))
            .Join(db.Users, b => b.ClientUserId, u => u.Id, (b, u) => new { Booking = b, u.DisplayName }).ToDictionaryAsync(x => x.Booking.Id, cancellationToken);
        var therapistIds = plan.Routes.Select(r => r.TherapistId).ToList();
        var therapists = await db.Therapists.AsNoTracking().Where(t => therapistIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);

        PlanStop Stop(DayPlanVisit v)
        {
            var (b, client) = (bookings[v.BookingId].Booking, bookings[v.BookingId].DisplayName);
            return new PlanStop(v.BookingId, v.Order ?? 0, v.PlannedStart!.Value, v.PlannedStart.Value + Duration.FromMinutes(b.DurationMinutes), v.DriveMinutes,
                v.Outcome == PlannedVisitOutcome.Fixed, v.Outcome, v.Reason, client, b.Address, b.Modality.ToString(), new GeoPoint(b.ClientLatitude, b.ClientLongitude),
                b.WindowStart, b.WindowEnd);
        }

        var routes = plan.Routes.OrderBy(r => therapists[r.TherapistId].DisplayName, StringComparer.Ordinal).Select(r => new PlanRouteView(
            r.TherapistId, therapists[r.TherapistId].DisplayName, new GeoPoint(therapists[r.TherapistId].HomeLatitude, therapists[r.TherapistId].HomeLongitude),
            r.ShiftStart, r.ShiftEnd, r.TravelMinutes, r.TreatingMinutes,
            [.. plan.Visits.Where(v => v.TherapistId == r.TherapistId && v.Order is not null).OrderBy(v => v.Order).Select(Stop)])).ToList();
        var unassigned = plan.Visits.Where(v => v.Outcome == PlannedVisitOutcome.Unassigned).Select(v => new UnassignedView(
            v.BookingId, bookings[v.BookingId].DisplayName, bookings[v.BookingId].Booking.Address, bookings[v.BookingId].Booking.Modality.ToString(),
            bookings[v.BookingId].Booking.WindowStart, bookings[v.BookingId].Booking.WindowEnd, v.Reason ?? "")).ToList();
        var progress = plan.Status == DayPlanStatus.Running ? plan.Progress : plan.Status == DayPlanStatus.Queued ? 0 : 1;
        return new PlanView(plan, Zones.Areas.Find(plan.AreaId) ?? Zones.Home, progress, routes, unassigned);
    }

    /// <summary>The latest plans, newest first, for the planning page's list.</summary>
    public async Task<IReadOnlyList<DayPlan>> RecentAsync(int count, CancellationToken cancellationToken) =>
        await db.Set<DayPlan>().AsNoTracking().OrderByDescending(p => p.RequestedAt).Take(count).ToListAsync(cancellationToken);
}
