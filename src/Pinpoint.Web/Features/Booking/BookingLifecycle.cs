using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Booking;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;
using Pinpoint.Core.Visits;
using Pinpoint.Web.Data;

using Pinpoint.Web.Kernel.Events;

namespace Pinpoint.Web.Features.Booking;

public enum LifecycleOutcome
{
    Done = 1,
    NotFound = 2,
    Forbidden = 3,
    NotAllowedNow = 4,
    Conflict = 5,

    /// <summary>The fee is now higher than the one the client agreed to (a tier passed meanwhile): nothing changed.</summary>
    FeeChanged = 6,

    /// <summary>Someone else changed the booking between reading and writing it: nothing changed; the booking is as it is now.</summary>
    Changed = 7,

    /// <summary>The client may not book now (suspended): told only <see cref="Trust.ClientStanding.NotTakingBookings"/>.</summary>
    Refused = 8,
}

public sealed record LifecycleResult(LifecycleOutcome Outcome, Booking? Booking, string? Message, decimal? Fee = null, IReadOnlyList<Slot>? Alternatives = null);

/// <summary>
/// What happens to a booking after it is made: the client cancels or moves it (the cancellation policy sets the fee),
/// the therapist cancels (no fee; the client is offered the next slots with other therapists), the therapist marks it
/// completed or a no-show. Every change records who, when and why, and bumps the calendar SEQUENCE. Each change is
/// written only if the booking is still as it was read (its row version): of two changes at once, one wins and the
/// other gets <see cref="LifecycleOutcome.Changed"/> with the booking as it is now.
/// </summary>
public sealed class BookingLifecycle(
    PinpointDb db, BookingService bookings, AvailabilityQueries queries, ClientMatching matching, BookingWriteGate gate, IClock clock,
    ILogger<BookingLifecycle> logger)
{
    public static CancellationPolicy Policy { get; } = CancellationPolicy.Default;

    /// <summary>What the client would pay to cancel or move this booking at <paramref name="now"/> (a window request is free).</summary>
    public static Money ClientFee(Booking booking, Instant now)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return booking.IsScheduled ? Policy.Fee(new Money(booking.PriceAmount, booking.Currency), booking.EarliestStart, now) : new Money(0m, booking.Currency);
    }

    /// <param name="acceptedFee">The fee the client was shown and agreed to; when the fee is now higher, nothing is cancelled.</param>
    public async Task<LifecycleResult> CancelAsync(Guid id, ClaimsPrincipal actor, string? reason, CancellationToken cancellationToken, decimal? acceptedFee = null)
    {
        var (booking, role) = await LoadAsync(id, actor, cancellationToken);
        if (booking is null || role is null)
        {
            return new(booking is null ? LifecycleOutcome.NotFound : LifecycleOutcome.Forbidden, null, null);
        }

        if (booking.Status is not (BookingStatus.Confirmed or BookingStatus.Requested))
        {
            return new(LifecycleOutcome.NotAllowedNow, booking, $"A {booking.Status.ToString().ToLowerInvariant()} booking cannot be cancelled.");
        }

        if (booking.Stage >= VisitStage.Arrived)
        {
            return new(LifecycleOutcome.NotAllowedNow, booking, "The therapist has checked in: close the visit as completed or a no-show instead of cancelling it.");
        }

        var now = clock.GetCurrentInstant();
        var fee = role == Roles.Client ? ClientFee(booking, now).Amount : 0m;
        if (role == Roles.Client && FeeRose(fee, acceptedFee, booking) is { } changed)
        {
            return changed;
        }

        Change(booking, BookingStatus.Cancelled, actor, reason ?? (role == Roles.Client ? "Cancelled by the client." : "Cancelled by the therapist."), now);
        booking.FeeAmount = fee;
        db.Raise(new BookingCancelled(booking.Id, booking.Sequence), now);
        if (!await SavedAsync(cancellationToken))
        {
            return await ChangedAsync(id, cancellationToken);
        }

        logger.Cancelled(booking.Id, role, fee);

        IReadOnlyList<Slot>? alternatives = null;
        if (role == Roles.Therapist && booking.IsScheduled)
        {
            // Offer the client the same day with anyone else who can come, by the same preferences and needs.
            var match = await matching.ForAsync(booking.ClientUserId, null, null, cancellationToken);
            var zone = Zones.At(booking.ClientLatitude, booking.ClientLongitude);
            var day = booking.EarliestStart.InZone(zone).Date;
            var days = new DateInterval(day, day.PlusDays(2));
            var calendars = (await queries.CalendarsAsync(booking.Modality, days, null, booking.ClientUserId, cancellationToken,
                    new GeoPoint(booking.ClientLatitude, booking.ClientLongitude)))
                .Where(c => c.Id != booking.TherapistId);
            var limits = await queries.LimitsAsync(booking.ClientUserId, days, booking.Id, cancellationToken);
            alternatives = [.. bookings.Engine.Find(new AvailabilityRequest(new GeoPoint(booking.ClientLatitude, booking.ClientLongitude), booking.Modality,
                Duration.FromMinutes(booking.DurationMinutes), zone, days, booking.ClientUserId, match, limits), calendars, now).Take(5)];
        }

        return new(LifecycleOutcome.Done, booking, null, fee, alternatives);
    }

    /// <param name="acceptedFee">As for <see cref="CancelAsync"/>.</param>
    public async Task<LifecycleResult> RescheduleAsync(Guid id, ClaimsPrincipal actor, Instant newStart, CancellationToken cancellationToken, decimal? acceptedFee = null)
    {
        var (booking, role) = await LoadAsync(id, actor, cancellationToken);
        if (booking is null || role != Roles.Client)
        {
            return new(booking is null ? LifecycleOutcome.NotFound : LifecycleOutcome.Forbidden, null, null);
        }

        if (booking is not { Status: BookingStatus.Confirmed, TherapistId: { } therapistId, Start: { } oldStart })
        {
            return new(LifecycleOutcome.NotAllowedNow, booking, "Only a confirmed booking can be moved.");
        }

        if (booking.Stage > VisitStage.Booked)
        {
            return new(LifecycleOutcome.NotAllowedNow, booking, "The therapist is on the way: this visit can no longer be moved.");
        }

        if (oldStart == newStart)
        {
            // Already there (a retry of a move that went through): nothing to change, nothing to announce again.
            return new(LifecycleOutcome.Done, booking, null, 0m);
        }

        var result = await gate.RunAsync(db, therapistId, async transaction =>
        {
            var now = clock.GetCurrentInstant();
            var zone = Zones.At(booking.ClientLatitude, booking.ClientLongitude);
            var day = newStart.InZone(zone).Date;
            var client = new GeoPoint(booking.ClientLatitude, booking.ClientLongitude);
            var calendars = await queries.CalendarsAsync(booking.Modality, new DateInterval(day, day), therapistId, booking.ClientUserId, cancellationToken,
                client, exceptBooking: booking.Id);
            // Read inside the lock like the therapist's visits: a suspension, a block by this therapist (answered like a
            // taken time) and the client's other visits all count as they are now.
            var limits = await queries.LimitsAsync(booking.ClientUserId, new DateInterval(day, day), booking.Id, cancellationToken);
            if (limits.Suspended)
            {
                return new LifecycleResult(LifecycleOutcome.Refused, booking, Trust.ClientStanding.NotTakingBookings);
            }

            var slots = bookings.Engine.Find(new AvailabilityRequest(client, booking.Modality,
                Duration.FromMinutes(booking.DurationMinutes), zone, new DateInterval(day, day), Limits: limits), calendars, now);
            if (!slots.Any(s => s.Start.ToInstant() == newStart))
            {
                var moved = new Interval(booking.OccupiedStart!.Value + (newStart - oldStart), booking.OccupiedEnd!.Value + (newStart - oldStart));
                return new LifecycleResult(LifecycleOutcome.Conflict, null,
                    limits.Overlaps(moved) ? BookingService.OverlapMessage : "That time is not free with this therapist.", Alternatives: [.. slots.Take(5)]);
            }

            var fee = ClientFee(booking, now).Amount;
            if (FeeRose(fee, acceptedFee, booking) is { } changed)
            {
                return changed;
            }

            var shift = newStart - oldStart;
            booking.Start = newStart;
            booking.End += shift;
            booking.OccupiedStart += shift;
            booking.OccupiedEnd += shift;
            Change(booking, BookingStatus.Confirmed, actor, "Moved by the client.", now);
            booking.FeeAmount = fee > 0 ? fee : booking.FeeAmount;
            db.Raise(new BookingMoved(booking.Id, booking.Sequence), now);
            try
            {
                if (!await SavedAsync(cancellationToken))
                {
                    return new LifecycleResult(LifecycleOutcome.Changed, null, null);
                }
            }
            catch (DbUpdateException exception) when (BookingService.IsOverlap(exception, out var ofClient))
            {
                // PostgreSQL's constraints saw what the check could not: this client's booking with another therapist
                // (under that therapist's lock), or another server's booking for this one. Nothing was written.
                db.ChangeTracker.Clear();
                return new LifecycleResult(LifecycleOutcome.Conflict, null, ofClient ? BookingService.OverlapMessage : "That time is not free with this therapist.", Alternatives: []);
            }

            await transaction.CommitAsync(cancellationToken);
            logger.Moved(booking.Id, booking.Start);
            return new LifecycleResult(LifecycleOutcome.Done, booking, null, fee);
        }, cancellationToken);
        // Read again once the transaction is over (on PostgreSQL a failed statement ends what it can do).
        return result.Outcome == LifecycleOutcome.Changed ? await ChangedAsync(id, cancellationToken) : result;
    }

    /// <summary>
    /// The therapist closes a visit that has started (or that they have checked in to, which may be a little before the
    /// booked start): completed, or the client was not there.
    /// </summary>
    public async Task<LifecycleResult> FinishAsync(Guid id, ClaimsPrincipal actor, bool completed, string? reason, CancellationToken cancellationToken)
    {
        var (booking, role) = await LoadAsync(id, actor, cancellationToken);
        if (booking is null || role != Roles.Therapist)
        {
            return new(booking is null ? LifecycleOutcome.NotFound : LifecycleOutcome.Forbidden, null, null);
        }

        var now = clock.GetCurrentInstant();
        if (booking.Status != BookingStatus.Confirmed || booking.Start is not { } start || (now < start && booking.Stage < VisitStage.Arrived))
        {
            return new(LifecycleOutcome.NotAllowedNow, booking, "A visit can be closed once it has started or the therapist has checked in, and only once.");
        }

        Change(booking, completed ? BookingStatus.Completed : BookingStatus.NoShow, actor, reason ?? (completed ? "Completed." : "The client was not there."), now);
        if (completed)
        {
            db.Raise(new VisitCompleted(booking.Id, booking.ClientUserId), now);
        }

        if (!await SavedAsync(cancellationToken))
        {
            return await ChangedAsync(id, cancellationToken);
        }

        logger.Closed(booking.Id, booking.Status);
        return new(LifecycleOutcome.Done, booking, null);
    }

    // False when another request changed the booking since it was read (or won a race for the same row): nothing was written.
    private async Task<bool> SavedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (WriteConflicts.IsLostRace(exception))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task<LifecycleResult> ChangedAsync(Guid id, CancellationToken cancellationToken)
    {
        var current = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == id, cancellationToken);
        logger.ChangedMeanwhile(id, current.Status);
        return new(LifecycleOutcome.Changed, current,
            $"The booking was changed at the same time by someone else and is now {current.Status.ToString().ToLowerInvariant()}: nothing was changed. Look at it again and decide.");
    }

    private static LifecycleResult? FeeRose(decimal fee, decimal? acceptedFee, Booking booking) =>
        acceptedFee is { } accepted && fee > accepted
            ? new(LifecycleOutcome.FeeChanged, booking,
                $"The fee is now {fee:0.00} {booking.Currency}, not {accepted:0.00}: the visit is closer to its start than when you looked. Nothing was changed; confirm again.", fee)
            : null;

    private static void Change(Booking booking, BookingStatus status, ClaimsPrincipal actor, string reason, Instant now)
    {
        booking.Status = status;
        booking.StatusReason = reason.Length > 500 ? reason[..500] : reason;
        booking.StatusChangedBy = actor.FindFirstValue(ClaimTypes.NameIdentifier);
        booking.StatusChangedAt = now;
        booking.Sequence++;
        if (status != BookingStatus.Confirmed)
        {
            // The live part of the visit is over: where the therapist is, and when they meant to arrive, go with it.
            booking.ErasePosition();
            booking.EtaAt = null;
        }
    }

    // Who may touch the booking, and as what: its client, its therapist, or an admin (acting for the operator).
    private async Task<(Booking? Booking, string? Role)> LoadAsync(Guid id, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (booking is null)
        {
            return (null, null);
        }

        var userId = actor.FindFirstValue(ClaimTypes.NameIdentifier);
        if (booking.ClientUserId == userId)
        {
            return (booking, Roles.Client);
        }

        if (actor.IsInRole(Roles.Therapist) && await db.Therapists.AnyAsync(t => t.Id == booking.TherapistId && t.UserId == userId, cancellationToken))
        {
            return (booking, Roles.Therapist);
        }

        return (booking, actor.IsInRole(Roles.Admin) ? Roles.Therapist : null);
    }
}
