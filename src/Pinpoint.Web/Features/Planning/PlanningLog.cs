using NodaTime;

namespace Pinpoint.Web.Features.Planning;

/// <summary>
/// A day plan's changes of state, and the bookings its approval confirms, as structured events (ids, dates, minutes;
/// never names or addresses). Event ids 1100–1199 are planning's; 1002 is the booking's "confirmed", which only an
/// approved plan does.
/// </summary>
internal static partial class PlanningLog
{
    public static void Finished(this ILogger logger, DayPlan plan)
    {
        switch (plan.Status)
        {
            case DayPlanStatus.Proposed:
                logger.Proposed(plan.Id, plan.Routes.Count, plan.Visits.Count(v => v.Outcome == PlannedVisitOutcome.Unassigned), plan.TravelMinutes, plan.NaiveTravelMinutes);
                break;
            case DayPlanStatus.Failed:
                logger.Failed(plan.Id, plan.Error);
                break;
            case DayPlanStatus.Superseded:
                logger.Superseded(plan.Id);
                break;
        }
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Day plan {PlanId} queued for {Date} in {Area}")]
    public static partial void Queued(this ILogger logger, Guid planId, LocalDate date, string area);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Day plan {PlanId} running")]
    public static partial void Running(this ILogger logger, Guid planId);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information,
        Message = "Day plan {PlanId} proposed: {Routes} routes, {Unassigned} visits unassigned, {TravelMinutes} min driving against {NaiveTravelMinutes} naive")]
    public static partial void Proposed(this ILogger logger, Guid planId, int routes, int unassigned, double travelMinutes, double naiveTravelMinutes);

    // Warning, not Information: a failed plan leaves a day unplanned until someone looks.
    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Day plan {PlanId} failed: {Reason}")]
    public static partial void Failed(this ILogger logger, Guid planId, string? reason);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Day plan {PlanId} superseded while it ran")]
    public static partial void Superseded(this ILogger logger, Guid planId);

    // Warning: a node stalled long enough for another to take its plan over (or the plan was removed under it).
    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "Day plan {PlanId} was no longer this worker's; its result was not kept")]
    public static partial void LeaseLost(this ILogger logger, Guid planId);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Day plan {PlanId} approved: {Confirmed} bookings confirmed, {Failed} failed")]
    public static partial void Approved(this ILogger logger, Guid planId, int confirmed, int failed);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Booking {BookingId} confirmed with therapist {TherapistId} at {Start} by day plan {PlanId}")]
    public static partial void BookingConfirmed(this ILogger logger, Guid bookingId, Guid therapistId, Instant start, Guid planId);
}
