using NodaTime;

namespace Pinpoint.Core.Visits;

/// <summary>Why an operator must look at a visit now. Help is the therapist's own call and outranks the others.</summary>
public enum WelfareConcern
{
    NoCheckIn = 1,
    NoCheckOut = 2,
    Help = 3,
}

/// <summary>How long silence is tolerated before an operator is asked to call (both configurable per deployment).</summary>
/// <param name="CheckInGrace">After the booked start with no check-in (15 minutes by default).</param>
/// <param name="CheckOutGrace">After the booked end with no check-out (40 minutes by default, as in-home services use).</param>
public sealed record WelfareThresholds(Duration CheckInGrace, Duration CheckOutGrace)
{
    public static WelfareThresholds Default { get; } = new(Duration.FromMinutes(15), Duration.FromMinutes(40));
}

/// <summary>How a visit looks on the operator's live board.</summary>
public enum VisitWatch
{
    Upcoming = 0,

    /// <summary>Start time passed and the therapist has not arrived (within the check-in grace).</summary>
    Late = 1,
    OnTheWay = 2,
    InSession = 3,

    /// <summary>The booked end passed and the therapist has not checked out.</summary>
    OverdueCheckOut = 4,
    Finished = 5,
}

/// <summary>The welfare rules: pure functions of a confirmed visit's stage, its booked times and the clock.</summary>
public static class WelfareRules
{
    /// <summary>The concern a silent therapist raises at <paramref name="now"/>, if any.</summary>
    public static WelfareConcern? Concern(VisitStage stage, Instant start, Instant end, Instant now, WelfareThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return stage switch
        {
            < VisitStage.Arrived when now >= start + thresholds.CheckInGrace => WelfareConcern.NoCheckIn,
            VisitStage.Arrived when now >= end + thresholds.CheckOutGrace => WelfareConcern.NoCheckOut,
            _ => null,
        };
    }

    public static VisitWatch Watch(VisitStage stage, Instant start, Instant end, Instant now) => stage switch
    {
        VisitStage.CheckedOut => VisitWatch.Finished,
        VisitStage.Arrived => now > end ? VisitWatch.OverdueCheckOut : VisitWatch.InSession,
        VisitStage.OnTheWay => now > start ? VisitWatch.Late : VisitWatch.OnTheWay,
        _ => now > start ? VisitWatch.Late : VisitWatch.Upcoming,
    };
}
