using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;
using Pinpoint.Core.Visits;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Therapists;
using Pinpoint.Web.Kernel.Events;

namespace Pinpoint.Web.Features.VisitDay;

public enum VisitWriteOutcome
{
    /// <summary>Moved on, or already there (a repeated tap): <see cref="VisitWriteResult.Changed"/> says which.</summary>
    Done = 1,

    /// <summary>No such visit for this person (also when it exists but is someone else's: its existence is not told).</summary>
    NotFound = 2,

    /// <summary>Not possible in the visit's state (closed, cancelled, too early, not arrived yet): nothing changed.</summary>
    Conflict = 3,

    /// <summary>A value is wrong (<see cref="VisitWriteResult.Errors"/> names it): nothing changed.</summary>
    Invalid = 4,
}

public sealed record VisitWriteResult(
    VisitWriteOutcome Outcome, VisitLive? State, string? Message = null, IReadOnlyDictionary<string, string>? Errors = null, bool Changed = false);

/// <summary>
/// The visit day's writes and reads. Only the visit's therapist taps "on the way", "arrived" and "session finished",
/// gives a new arrival time or shares a position; only its client sees that position. Each write re-reads the booking
/// and is saved only if the booking is still as read (its row version) and no other request stored the same stage (the
/// unique index on VisitEvents); a write that loses such a race runs again and answers from what the winner stored, so
/// a double tap is one transition and one answer. Every transition and arrival time is written to the audit trail.
/// </summary>
public sealed class VisitTracker(PinpointDb db, ITravelTimeModel travel, IClock clock, ILogger<VisitTracker> logger)
{
    public const string AuditResourcePrefix = "visit:";
    public const string RefusedAction = "visit-refused";

    public static string AuditAction(VisitStage stage) => stage switch
    {
        VisitStage.OnTheWay => "visit-set-off",
        VisitStage.Arrived => "visit-arrive",
        VisitStage.CheckedOut => "visit-check-out",
        _ => "visit-stage",
    };

    public const string RunningLateAction = "visit-running-late";

    /// <summary>A tap on the therapist's phone, with the phone's position when they shared it.</summary>
    public Task<VisitWriteResult> StepAsync(Guid id, ClaimsPrincipal user, VisitStep step, PhonePosition? position, CancellationToken cancellationToken) =>
        WriteAsync(id, user, async (booking, therapist, userId, now) =>
        {
            switch (VisitProgress.Apply(booking.Stage, step, booking.Start!.Value, booking.End!.Value, now))
            {
                case VisitStepOutcome.AlreadyThere:
                    return Verdict.Unchanged;
                case VisitStepOutcome.NotAllowed refused:
                    return Verdict.Refused(refused.Reason);
                case VisitStepOutcome.Moved moved:
                    await MoveAsync(booking, therapist, userId, moved.To, position, now, cancellationToken);
                    return Verdict.Changed;
                default:
                    throw new InvalidOperationException("Unknown visit step outcome.");
            }
        }, cancellationToken);

    /// <summary>The therapist is running late and gives a new arrival time; the client is told by email (once per new time).</summary>
    public Task<VisitWriteResult> RunningLateAsync(Guid id, ClaimsPrincipal user, Instant eta, CancellationToken cancellationToken)
    {
        eta = VisitProgress.EtaAfter(eta, Duration.Zero); // whole minutes, as it is said to the client
        return WriteAsync(id, user, (booking, _, userId, now) =>
        {
            if (booking.Stage >= VisitStage.Arrived)
            {
                return Task.FromResult(Verdict.Refused("You have checked in already: there is no arrival time to change."));
            }

            if (VisitProgress.EtaProblem(booking.End!.Value, now, eta) is { } problem)
            {
                return Task.FromResult(Verdict.Invalid("etaAt", problem));
            }

            if (booking.EtaAt == eta)
            {
                return Task.FromResult(Verdict.Unchanged); // said already: no second email
            }

            booking.EtaAt = eta;
            Audit(booking, userId, RunningLateAction, now);
            db.Raise(new VisitRunningLate(booking.Id, eta.ToDateTimeOffset()), now);
            logger.RunningLate(booking.Id, eta);
            return Task.FromResult(Verdict.Changed);
        }, cancellationToken);
    }

    /// <summary>The phone's latest position during the drive; refused (409) at any other time, so nothing is kept after arrival.</summary>
    public Task<VisitWriteResult> PositionAsync(Guid id, ClaimsPrincipal user, PhonePosition position, CancellationToken cancellationToken) =>
        WriteAsync(id, user, (booking, _, _, now) =>
        {
            if (booking.Stage != VisitStage.OnTheWay)
            {
                return Task.FromResult(Verdict.Refused("Your position is shared only while you are on the way."));
            }

            Place(booking, position, now);
            return Task.FromResult(Verdict.Changed);
        }, cancellationToken);

    /// <summary>The visit as <paramref name="user"/> may see it (its client or its therapist), or null.</summary>
    public async Task<VisitLive?> ViewAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        return booking is { IsScheduled: true } && await ViewerAsync(booking, CurrentUser.Id(user), cancellationToken) is { } viewer
            ? await StateAsync(booking, viewer, cancellationToken)
            : null;
    }

    /// <summary>The booking's row version: the one cheap query the live stream repeats; null once it is gone.</summary>
    public Task<uint?> VersionAsync(Guid id, CancellationToken cancellationToken) =>
        db.Bookings.AsNoTracking().Where(b => b.Id == id).Select(b => (uint?)b.Version).SingleOrDefaultAsync(cancellationToken);

    /// <summary>What a write decided on the booking as it found it.</summary>
    private sealed record Verdict(bool IsChanged, string? Refusal = null, string? Field = null, string? Problem = null)
    {
        public static Verdict Unchanged { get; } = new(false);

        public static Verdict Changed { get; } = new(true);

        public static Verdict Refused(string reason) => new(false, reason);

        public static Verdict Invalid(string field, string problem) => new(false, Field: field, Problem: problem);
    }

    /// <summary>Runs one write on the booking as it is now, and saves what <paramref name="change"/> changed.</summary>
    private async Task<VisitWriteResult> WriteAsync(
        Guid id, ClaimsPrincipal user, Func<Booking.Booking, Therapist, string, Instant, Task<Verdict>> change, CancellationToken cancellationToken)
    {
        var userId = CurrentUser.Id(user);
        return await WriteConflicts.RetryAsync(db, async () =>
        {
            var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
            if (booking is not { IsScheduled: true })
            {
                return new VisitWriteResult(VisitWriteOutcome.NotFound, null);
            }

            var therapist = await db.Therapists.AsNoTracking().SingleOrDefaultAsync(t => t.Id == booking.TherapistId && t.UserId == userId, cancellationToken);
            if (therapist is null)
            {
                await RefuseAsync(booking, userId, cancellationToken);
                return new VisitWriteResult(VisitWriteOutcome.NotFound, null);
            }

            var now = clock.GetCurrentInstant();
            if (booking.Status != BookingStatus.Confirmed)
            {
                return new VisitWriteResult(VisitWriteOutcome.Conflict, await StateAsync(booking, VisitViewer.Therapist, cancellationToken),
                    $"This visit is {booking.Status switch { BookingStatus.NoShow => "closed as a no-show", var s => s.ToString().ToLowerInvariant() }}: nothing was changed.");
            }

            var verdict = await change(booking, therapist, userId, now);
            if (verdict.Problem is not null)
            {
                return new VisitWriteResult(VisitWriteOutcome.Invalid, null, verdict.Problem, new Dictionary<string, string> { [verdict.Field!] = verdict.Problem });
            }

            if (verdict.Refusal is not null)
            {
                return new VisitWriteResult(VisitWriteOutcome.Conflict, await StateAsync(booking, VisitViewer.Therapist, cancellationToken), verdict.Refusal);
            }

            if (verdict.IsChanged)
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            return new VisitWriteResult(VisitWriteOutcome.Done, await StateAsync(booking, VisitViewer.Therapist, cancellationToken), Changed: verdict.IsChanged);
        });
    }

    private async Task MoveAsync(Booking.Booking booking, Therapist therapist, string userId, VisitStage to, PhonePosition? position, Instant now, CancellationToken cancellationToken)
    {
        booking.Stage = to;
        Instant? eta = null;
        EtaBasis? basis = null;
        if (to == VisitStage.OnTheWay)
        {
            (eta, basis) = await EtaAtSetOffAsync(booking, therapist, position, now, cancellationToken);
            booking.EtaAt = eta;
            if (position is not null)
            {
                Place(booking, position, now);
            }

            db.Raise(new TherapistOnTheWay(booking.Id), now);
        }
        else
        {
            // The privacy rule: at the door (or after), where the therapist was during the drive is forgotten.
            booking.ErasePosition();
            booking.EtaAt = null;
        }

        var atDoor = to >= VisitStage.Arrived ? position : null;
        db.Add(new VisitEvent
        {
            BookingId = booking.Id, Stage = to, At = now, ByUserId = userId, EtaAt = eta, EtaFrom = basis,
            Latitude = atDoor?.Latitude, Longitude = atDoor?.Longitude, AccuracyMetres = atDoor?.AccuracyMetres,
        });
        Audit(booking, userId, AuditAction(to), now);
        logger.StageReached(booking.Id, to);
    }

    /// <summary>From the phone when it shared its position; else from the therapist's visit before this one that day; else from their base.</summary>
    private async Task<(Instant Eta, EtaBasis Basis)> EtaAtSetOffAsync(
        Booking.Booking booking, Therapist therapist, PhonePosition? position, Instant now, CancellationToken cancellationToken)
    {
        var destination = new GeoPoint(booking.ClientLatitude, booking.ClientLongitude);
        var (from, basis) = (new GeoPoint(therapist.HomeLatitude, therapist.HomeLongitude), EtaBasis.Base);
        if (position is not null)
        {
            (from, basis) = (position.Point, EtaBasis.Phone);
        }
        else
        {
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(therapist.TimeZoneId) ?? DateTimeZone.Utc;
            var dayStart = booking.Start!.Value.InZone(zone).Date.AtStartOfDayInZone(zone).ToInstant();
            var previous = await db.Bookings.AsNoTracking()
                .Where(b => b.TherapistId == booking.TherapistId && b.Id != booking.Id && b.Start >= dayStart && b.Start < booking.Start &&
                            (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Completed))
                .OrderByDescending(b => b.Start).Select(b => new { b.ClientLatitude, b.ClientLongitude }).FirstOrDefaultAsync(cancellationToken);
            if (previous is not null)
            {
                (from, basis) = (new GeoPoint(previous.ClientLatitude, previous.ClientLongitude), EtaBasis.PreviousVisit);
            }
        }

        return (VisitProgress.EtaAfter(now, travel.Estimate(from, destination)), basis);
    }

    private static void Place(Booking.Booking booking, PhonePosition position, Instant now)
    {
        booking.PositionLatitude = position.Latitude;
        booking.PositionLongitude = position.Longitude;
        booking.PositionAccuracy = position.AccuracyMetres;
        booking.PositionAt = now;
    }

    private void Audit(Booking.Booking booking, string userId, string action, Instant now) =>
        db.AuditEntries.Add(new AuditEntry { ActorUserId = userId, Action = action, SubjectUserId = booking.ClientUserId, Resource = AuditResourcePrefix + booking.Id, At = now });

    // Someone signed in tried to move another therapist's visit: recorded, and answered as if there were no such visit.
    private async Task RefuseAsync(Booking.Booking booking, string userId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        Audit(booking, userId, RefusedAction, clock.GetCurrentInstant());
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<VisitViewer?> ViewerAsync(Booking.Booking booking, string userId, CancellationToken cancellationToken) =>
        booking.ClientUserId == userId ? VisitViewer.Client
        : await db.Therapists.AnyAsync(t => t.Id == booking.TherapistId && t.UserId == userId, cancellationToken) ? VisitViewer.Therapist
        : null;

    private async Task<VisitLive> StateAsync(Booking.Booking booking, VisitViewer viewer, CancellationToken cancellationToken)
    {
        var therapist = await db.Therapists.AsNoTracking().SingleAsync(t => t.Id == booking.TherapistId, cancellationToken);
        var reached = await db.Set<VisitEvent>().AsNoTracking().Where(e => e.BookingId == booking.Id)
            .Select(e => new { e.Stage, e.At }).ToListAsync(cancellationToken);
        var milestones = reached.OrderBy(e => e.Stage).Select(e => new VisitMilestone(VisitLive.StageKey(e.Stage), VisitLive.StageLabel(e.Stage), e.At)).ToList();
        if (booking.Status is BookingStatus.Completed or BookingStatus.NoShow or BookingStatus.Cancelled && booking.StatusChangedAt is { } closed)
        {
            milestones.Add(booking.Status switch
            {
                BookingStatus.Completed => new VisitMilestone("completed", "Completed", closed),
                BookingStatus.NoShow => new VisitMilestone("no-show", "No-show", closed),
                _ => new VisitMilestone("cancelled", "Cancelled", closed),
            });
        }

        return new VisitLive(booking.Id, booking.Status, booking.Stage, booking.Start!.Value, booking.End!.Value, booking.EtaAt, therapist.DisplayName,
            TherapistPortraits.UrlOf(therapist), TherapistPortraits.AltOf(therapist), milestones, VisitLive.PositionFor(booking, viewer), booking.Version,
            Zones.At(booking.ClientLatitude, booking.ClientLongitude));
    }
}
