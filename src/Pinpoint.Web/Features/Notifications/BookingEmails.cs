using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Visits;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Data;
using Pinpoint.Web.Kernel.Events;
using BookingEntity = Pinpoint.Web.Features.Booking.Booking;

namespace Pinpoint.Web.Features.Notifications;

/// <summary>
/// The emails a booking's changes cause, written to the outbox when the change's event arrives. An event the
/// booking has since moved past (a later SEQUENCE) sends nothing: the later change's own email describes it.
/// </summary>
public sealed class BookingEmails(PinpointDb db, Notifier notifier) :
    IDomainEventHandler<BookingConfirmed>, IDomainEventHandler<BookingRequested>, IDomainEventHandler<BookingMoved>,
    IDomainEventHandler<BookingCancelled>, IDomainEventHandler<NoteSigned>, IDomainEventHandler<TherapistOnTheWay>, IDomainEventHandler<VisitRunningLate>
{
    public async Task HandleAsync(BookingConfirmed domainEvent, CancellationToken cancellationToken) =>
        await TellTherapistAsync(await ComposeAsync(domainEvent.BookingId, domainEvent.Sequence, NotificationKind.Confirmation, cancellationToken),
            NotificationKind.Assignment, domainEvent.ByDayPlan, cancellationToken);

    public Task HandleAsync(BookingRequested domainEvent, CancellationToken cancellationToken) =>
        ComposeAsync(domainEvent.BookingId, domainEvent.Sequence, NotificationKind.Confirmation, cancellationToken);

    public async Task HandleAsync(BookingMoved domainEvent, CancellationToken cancellationToken) =>
        await TellTherapistAsync(await ComposeAsync(domainEvent.BookingId, domainEvent.Sequence, NotificationKind.Change, cancellationToken),
            NotificationKind.TherapistMoved, byDayPlan: false, cancellationToken);

    public async Task HandleAsync(BookingCancelled domainEvent, CancellationToken cancellationToken) =>
        await TellTherapistAsync(await ComposeAsync(domainEvent.BookingId, domainEvent.Sequence, NotificationKind.Cancellation, cancellationToken),
            NotificationKind.TherapistCancel, byDayPlan: false, cancellationToken);

    /// <summary>Tells the client their session summary can be read, once the therapist has signed the note.</summary>
    public async Task HandleAsync(NoteSigned domainEvent, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == domainEvent.BookingId, cancellationToken);
        if (booking is null || await notifier.EmailOfAsync(booking.ClientUserId, cancellationToken) is not { } email)
        {
            return;
        }

        db.Add(notifier.SummaryReady(booking, email));
    }

    /// <summary>Tells the client the therapist has set off, unless the visit has moved past the drive by now.</summary>
    public Task HandleAsync(TherapistOnTheWay domainEvent, CancellationToken cancellationToken) =>
        TellLiveAsync(domainEvent.BookingId, NotificationKind.OnTheWay, null, cancellationToken);

    /// <summary>Tells the client the new arrival time, unless a later one (or the arrival) has overtaken it.</summary>
    public Task HandleAsync(VisitRunningLate domainEvent, CancellationToken cancellationToken) =>
        TellLiveAsync(domainEvent.BookingId, NotificationKind.RunningLate, Instant.FromDateTimeOffset(domainEvent.EtaAt), cancellationToken);

    private async Task TellLiveAsync(Guid bookingId, NotificationKind kind, Instant? eta, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is not { Status: BookingStatus.Confirmed, IsScheduled: true } || booking.Stage >= VisitStage.Arrived ||
            (eta is not null && booking.EtaAt != eta))
        {
            return;
        }

        var sequence = eta is { } late ? Notifier.LateKey(late) : booking.Sequence;
        if (await db.Set<Notification>().AnyAsync(n => n.BookingId == bookingId && n.Kind == kind && n.Sequence == sequence, cancellationToken))
        {
            return; // this very time was said already (the therapist gave it twice)
        }

        var (email, therapist) = await notifier.PartiesAsync(booking.ClientUserId, booking.TherapistId, cancellationToken);
        if (email is not null)
        {
            db.Add(notifier.Live(booking, kind, email, therapist));
        }
    }

    /// <summary>Adds the emails for the booking as it is at this SEQUENCE; returns it, or null when it has moved on.</summary>
    private async Task<BookingEntity?> ComposeAsync(Guid bookingId, int sequence, NotificationKind kind, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId && b.Sequence == sequence, cancellationToken);
        if (booking is not null)
        {
            db.AddRange(notifier.Compose(booking, kind, await notifier.PartiesAsync(booking.ClientUserId, booking.TherapistId, cancellationToken)));
        }

        return booking;
    }

    /// <summary>The therapist's copy, for a booking that has one (a window request not yet planned has none).</summary>
    private async Task TellTherapistAsync(BookingEntity? booking, NotificationKind kind, bool byDayPlan, CancellationToken cancellationToken)
    {
        if (booking is not { IsScheduled: true } || await TherapistAsync(booking.TherapistId, cancellationToken) is not { Email: { } to })
        {
            return;
        }

        var client = await db.Users.Where(u => u.Id == booking.ClientUserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "your client";
        db.Add(notifier.ForTherapist(booking, kind, to, client, byDayPlan));
    }

    private Task<TherapistContact?> TherapistAsync(Guid? therapistId, CancellationToken cancellationToken) =>
        (from t in db.Therapists
         join u in db.Users on t.UserId equals u.Id
         where t.Id == therapistId
         select new TherapistContact(u.Email)).SingleOrDefaultAsync(cancellationToken);

    private sealed record TherapistContact(string? Email);
}
