using Microsoft.EntityFrameworkCore;
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
    IDomainEventHandler<BookingCancelled>, IDomainEventHandler<NoteSigned>
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
