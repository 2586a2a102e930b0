using System.ComponentModel.DataAnnotations;
using NodaTime;
using Pinpoint.Core.Visits;

namespace Pinpoint.Web.Features.Welfare;

/// <summary>Configuration section <c>Welfare</c>.</summary>
public sealed class WelfareOptions
{
    public const string Section = "Welfare";

    /// <summary>How often each node looks for silent visits; 0 turns this node's scan off (another node's still runs).</summary>
    [Range(0, 3600)]
    public double ScanSeconds { get; set; } = 30;

    /// <summary>Minutes after the booked start with no check-in before an operator is asked to call.</summary>
    [Range(1, 240)]
    public int CheckInGraceMinutes { get; set; } = 15;

    /// <summary>Minutes after the booked end with no check-out before an operator is asked to call.</summary>
    [Range(1, 480)]
    public int CheckOutGraceMinutes { get; set; } = 40;

    /// <summary>
    /// The on-call operator's address (a shared mailbox or a pager gateway). When empty, every account with the Admin role
    /// is emailed: an alert that reaches nobody is worse than one that reaches everyone.
    /// </summary>
    [EmailAddress]
    public string? OnCallEmail { get; set; }

    public WelfareThresholds Thresholds() =>
        new(Duration.FromMinutes(CheckInGraceMinutes), Duration.FromMinutes(CheckOutGraceMinutes));
}
