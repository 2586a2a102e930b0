using NodaTime;

namespace Pinpoint.Web.Features.Planning;

public enum DayPlanStatus
{
    /// <summary>Waiting for the planning worker.</summary>
    Queued = 0,
    Running = 1,

    /// <summary>Ready for an admin to look at and approve.</summary>
    Proposed = 2,
    Approved = 3,

    /// <summary>A newer plan for the same day and area replaced it before approval.</summary>
    Superseded = 4,

    /// <summary>Planning itself failed (see <see cref="DayPlan.Error"/>).</summary>
    Failed = 5,
}

/// <summary>
/// The optimiser's proposal for one day in one area: which therapist visits which requested window booking, in what
/// order and when, around the day's confirmed bookings (which never move). Approval confirms the bookings.
/// </summary>
public sealed class DayPlan
{
    public Guid Id { get; init; }

    public LocalDate Date { get; init; }

    public required string AreaId { get; init; }

    public DayPlanStatus Status { get; set; }

    public required string RequestedBy { get; init; }

    public Instant RequestedAt { get; init; }

    public Instant? CompletedAt { get; set; }

    public string? ApprovedBy { get; set; }

    public Instant? ApprovedAt { get; set; }

    public string? Error { get; set; }

    /// <summary>The worker that holds the plan while it runs, until <see cref="LeaseUntil"/>; any node's worker may take it after.</summary>
    public string? LeaseOwner { get; set; }

    public Instant? LeaseUntil { get; set; }

    /// <summary>How far the running search has got (0–1), written with each renewal so any node can show it.</summary>
    public double Progress { get; set; }

    /// <summary>How many times a worker claimed the plan: more than one means a worker died or lost its lease mid-run.</summary>
    public int Runs { get; set; }

    /// <summary>Driving home to home over all routes, in minutes: the plan's, and the naive plan's for comparison.</summary>
    public double TravelMinutes { get; set; }

    public double NaiveTravelMinutes { get; set; }

    /// <summary>Visits the naive plan could not place (a cheaper plan that drops visits is no saving).</summary>
    public int NaiveUnassigned { get; set; }

    public double TreatingMinutes { get; set; }

    public double ShiftMinutes { get; set; }

    public List<DayPlanRoute> Routes { get; init; } = [];

    public List<DayPlanVisit> Visits { get; init; } = [];
}

/// <summary>One therapist's day in a plan: shift, driving and time treating.</summary>
public sealed class DayPlanRoute
{
    public long Id { get; init; }

    public Guid PlanId { get; init; }

    public Guid TherapistId { get; init; }

    public Instant ShiftStart { get; init; }

    public Instant ShiftEnd { get; init; }

    public double TravelMinutes { get; init; }

    public double TreatingMinutes { get; init; }
}

public enum PlannedVisitOutcome
{
    /// <summary>Proposed; nothing written to the booking yet.</summary>
    Pending = 0,
    Confirmed = 1,

    /// <summary>Approval could not confirm it (see <see cref="DayPlanVisit.Reason"/>); the booking stays Requested.</summary>
    Failed = 2,

    /// <summary>A confirmed booking the plan worked around.</summary>
    Fixed = 3,

    /// <summary>Nobody could take it in this plan (see <see cref="DayPlanVisit.Reason"/>).</summary>
    Unassigned = 4,
}

/// <summary>A booking in a plan: its place in a therapist's route with the planned start, or unassigned with the reason.</summary>
public sealed class DayPlanVisit
{
    public long Id { get; init; }

    public Guid PlanId { get; init; }

    public Guid BookingId { get; init; }

    public Guid? TherapistId { get; init; }

    public int? Order { get; init; }

    /// <summary>When the session starts (after set-up), as planned.</summary>
    public Instant? PlannedStart { get; init; }

    /// <summary>The drive from the previous stop (or home) in minutes.</summary>
    public double DriveMinutes { get; init; }

    public PlannedVisitOutcome Outcome { get; set; }

    public string? Reason { get; set; }
}
