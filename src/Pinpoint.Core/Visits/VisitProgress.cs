using NodaTime;

namespace Pinpoint.Core.Visits;

/// <summary>
/// Where a confirmed visit stands on its day. The booking's status stays Confirmed through all of these; Completed,
/// No-show and Cancelled are the booking's own outcomes and end the live part.
/// </summary>
public enum VisitStage
{
    /// <summary>Confirmed, the therapist has not set off.</summary>
    Booked = 0,
    OnTheWay = 1,

    /// <summary>Checked in at the door.</summary>
    Arrived = 2,
    CheckedOut = 3,
}

/// <summary>A tap on the therapist's phone.</summary>
public enum VisitStep
{
    SetOff = 1,
    Arrive = 2,
    CheckOut = 3,
}

/// <summary>What a tap did: moved the visit on, found it already there (a repeated or late tap), or could not apply.</summary>
public abstract record VisitStepOutcome(VisitStage Stage)
{
    public sealed record Moved(VisitStage From, VisitStage To) : VisitStepOutcome(To);

    /// <summary>The visit is at or past the stage the tap asks for: nothing changes, and that is not an error.</summary>
    public sealed record AlreadyThere(VisitStage Current) : VisitStepOutcome(Current);

    public sealed record NotAllowed(VisitStage Current, string Reason) : VisitStepOutcome(Current);
}

/// <summary>
/// The visit day's rules, pure: which tap moves a visit from which stage, and when. Taps are idempotent (the same tap
/// twice, or "on the way" after arriving, changes nothing) so a phone on a bad connection can retry freely; only a
/// step the visit cannot take yet (checking out before arriving, setting off the day before) is refused.
/// </summary>
public static class VisitProgress
{
    /// <summary>How early a therapist may set off: long drives start well before the visit.</summary>
    public static readonly Duration EarliestSetOff = Duration.FromHours(4);

    /// <summary>How early a therapist may check in: arriving early and waiting in the car is normal.</summary>
    public static readonly Duration EarliestArrival = Duration.FromHours(2);

    /// <summary>After the booked end, taps still count for this long (a visit that ran over, a late check-out).</summary>
    public static readonly Duration LatestTap = Duration.FromHours(6);

    public static VisitStage Target(VisitStep step) => step switch
    {
        VisitStep.SetOff => VisitStage.OnTheWay,
        VisitStep.Arrive => VisitStage.Arrived,
        VisitStep.CheckOut => VisitStage.CheckedOut,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown visit step."),
    };

    /// <summary>Applies a tap at <paramref name="now"/> to a confirmed visit booked for <paramref name="start"/>–<paramref name="end"/>.</summary>
    public static VisitStepOutcome Apply(VisitStage current, VisitStep step, Instant start, Instant end, Instant now)
    {
        var target = Target(step);
        if (current >= target)
        {
            return new VisitStepOutcome.AlreadyThere(current);
        }

        if (now > end + LatestTap)
        {
            return new VisitStepOutcome.NotAllowed(current, "This visit is over: it can no longer be checked in or out.");
        }

        return step switch
        {
            VisitStep.SetOff when now < start - EarliestSetOff =>
                new VisitStepOutcome.NotAllowed(current, "It is too early to set off for this visit."),
            VisitStep.Arrive when now < start - EarliestArrival =>
                new VisitStepOutcome.NotAllowed(current, "It is too early to check in for this visit."),
            VisitStep.CheckOut when current < VisitStage.Arrived =>
                new VisitStepOutcome.NotAllowed(current, "Check in at the door before checking out."),
            _ => new VisitStepOutcome.Moved(current, target),
        };
    }

    /// <summary>
    /// The arrival time a therapist who sets off at <paramref name="now"/> can promise: the drive as the travel model
    /// estimates it, rounded up to the whole minute (a promise is never tighter than the estimate).
    /// </summary>
    public static Instant EtaAfter(Instant now, Duration drive)
    {
        var eta = now + (drive < Duration.Zero ? Duration.Zero : drive);
        var intoMinute = eta.ToUnixTimeTicks() % NodaConstants.TicksPerMinute;
        return intoMinute == 0 ? eta : eta.PlusTicks(NodaConstants.TicksPerMinute - intoMinute);
    }

    /// <summary>
    /// Whether a therapist running late may give <paramref name="eta"/> as their new arrival time for a visit booked to
    /// end at <paramref name="end"/>: null when it may, else why not. Only before arriving (a stage
    /// below <see cref="VisitStage.Arrived"/>; the caller answers that with the visit's state); the time must be later
    /// than now and before the booked end, since arriving after the end leaves no session to give.
    /// </summary>
    public static string? EtaProblem(Instant end, Instant now, Instant eta) =>
        eta <= now ? "The new arrival time must be later than now."
        : eta >= end ? "Arriving after the booked end leaves no time for the session: call the client, then move or cancel the visit."
        : null;
}
