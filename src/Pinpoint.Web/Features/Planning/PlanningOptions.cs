using System.ComponentModel.DataAnnotations;
using NodaTime;
using Pinpoint.Core.Booking;
using Pinpoint.Core.Dispatch;

namespace Pinpoint.Web.Features.Planning;

/// <summary>Configuration section <c>Planning</c>: flexible (window) bookings and the day planner.</summary>
public sealed class PlanningOptions
{
    public const string Section = "Planning";

    /// <summary>Percent of the catalogue price taken off a booking that leaves the exact time to the day plan.</summary>
    [Range(0, 50)]
    public decimal WindowDiscountPercent { get; set; } = 10m;

    /// <summary>Local hour (0–23) the day before at which a day's windows close and the day can be planned.</summary>
    [Range(0, 23)]
    public int WindowsCloseAtHour { get; set; } = 18;

    /// <summary>How long the optimiser may search for one day's plan.</summary>
    [Range(0.1, 600)]
    public double TimeLimitSeconds { get; set; } = 10;

    /// <summary>Searches run side by side (one per core is the most that helps); each uses its own seed and the best plan wins.</summary>
    [Range(1, 64)]
    public int SolverThreads { get; set; } = 2;

    /// <summary><c>Travel</c> (least driving) or <c>Hierarchical</c> (fewest therapists out, then least driving).</summary>
    public DispatchObjective Objective { get; set; } = DispatchObjective.Travel;

    public WindowPolicy Windows(int horizonDays) => new() { ClosesAt = new LocalTime(WindowsCloseAtHour, 0), Horizon = Duration.FromDays(horizonDays) };
}
