using System.ComponentModel.DataAnnotations;
using Pinpoint.Core.Dispatch;
using Pinpoint.Core.Geography;

namespace Pinpoint.Web.Features.Planning;

/// <summary>Configuration section <c>Planning</c>: the day planner.</summary>
public sealed class PlanningOptions
{
    public const string Section = "Planning";

    /// <summary>How long the optimiser may search for one day's plan.</summary>
    [Range(0.1, 600)]
    public double TimeLimitSeconds { get; set; } = 10;

    /// <summary>Searches run side by side (one per core is the most that helps); each uses its own seed and the best plan wins.</summary>
    [Range(1, 64)]
    public int SolverThreads { get; set; } = 2;

    /// <summary><c>Travel</c> (least driving) or <c>Hierarchical</c> (fewest therapists out, then least driving).</summary>
    public DispatchObjective Objective { get; set; } = DispatchObjective.Travel;

    /// <summary>
    /// How long a worker holds a plan without renewing (it renews every second while it runs). A node that dies mid-run
    /// leaves its plan to another node's worker once this has passed; nodes' clocks must agree to well within it.
    /// </summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often an idle worker looks for plans asked for on other nodes or left by a dead one.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 5;

    /// <summary>Whether this node runs a planning worker (a node may serve pages only).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>The service area the plan page offers first (a key of <c>service-areas.json</c>); empty for the home area.</summary>
    public string? DefaultArea { get; set; }

    public ServiceArea Default => Zones.Areas.Find(DefaultArea) ?? Zones.Home;
}
